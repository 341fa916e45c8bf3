"""The image item kind: its model (item.py), how it is shown (kind.py) and its view."""
