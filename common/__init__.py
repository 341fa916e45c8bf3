"""Small Qt-free helpers that every package may use: crash-safe writes, text safe to print."""
