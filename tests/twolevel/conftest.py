"""Minimiser tests (the ``slow`` marker, -m slow or BOOLNET_SLOW=1, is tests/conftest.py's)."""
