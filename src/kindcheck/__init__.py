"""kindcheck: check in with the people on your team, don't check on them."""

__version__ = "0.1.0"
