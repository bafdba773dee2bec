"""The shared leaf: what every stage agrees on, declared once (registry, vocabulary, archive
and public-database contracts, methodology, paths, translations, errors). Imports no stage."""

__version__ = "0.1.0"
