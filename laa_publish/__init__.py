"""laa-publish: validate a Local Area Agreement's data and publish it as a static site."""

__version__ = "0.1.0"
