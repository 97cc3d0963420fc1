"""Development tools for laa-publish's own repository; not shipped with the package."""
