"""A sign package outside the tree, for tests: one folder, one kind, nothing else touched."""
