"""Ta-DA audit: measure how platforms respond to NCII take-down requests.

``tada`` is the command line alone: the one place that imports the stages."""

from core import __version__

__all__ = ["__version__"]
