"""Feed adapters: outside formats (LoRaWAN network servers, city data platforms) -> typed readings.

Pure Python. A payload that cannot be used raises ``PayloadRejected`` with a short ``cause`` (for
logging once per cause) and a ``detail`` saying what and where.
"""
