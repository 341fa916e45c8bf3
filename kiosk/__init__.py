"""The runtime and composition root: CLI, window, Player, Jobs, logging, signals (Qt lives here)."""

__version__ = "0.1.0"
