"""One module per kind of page, each binding its renderer to a kind the registry declares."""
