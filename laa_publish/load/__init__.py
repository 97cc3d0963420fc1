"""Stage 1: read files from disk, keeping line and column positions."""
