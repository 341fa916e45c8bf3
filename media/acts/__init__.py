"""Legal acts coming in: the typed act, its category's legal minimum, and its sources (a JSON feed,
the SCDL "Délibérations" CSV, a file shipped in a signed bundle). Pure: no Qt, no network here."""
