"""The command-line side of tests/unit/test_layout_validation.py: real processes (``kiosk``/``kioskctl``).

kiosk validate: every problem, exit codes, hostile files.
"""



