"""The typed data model that every later stage reads."""
