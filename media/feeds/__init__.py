"""Feed adapters: outside formats (LoRaWAN network servers, city data platforms) -> typed readings.

Pure Python, no shared mutable state in the parsers (they may run on paho's network thread). A
payload that cannot be used raises ``PayloadRejected`` with a short stable ``cause`` (for logging
once per cause) and a ``detail`` saying what and where; no other exception escapes a parser.

Every feed goes through the same three checks, each in one place:
- ``jsondoc.decode_json_object``: size bound before parsing, depth, number length, duplicate keys;
- ``feedtime.parse_time`` and ``feedtime.TimeWindow``: RFC 3339 (or epoch seconds) to aware UTC,
  bounded, and within a window around the receive time;
- ``values.check_value``: the expected type (never a bool for a number), sentinels, finite,
  bounded, scaled, in range.
"""
