"""Ta-DA audit: measure how platforms respond to NCII take-down requests."""

__version__ = "0.1.0"
