"""Area boundaries: the register's shapes, read, checked, simplified and projected for maps."""
