"""Who may change which file: CODEOWNERS from the partner register, and a pull-request check."""
