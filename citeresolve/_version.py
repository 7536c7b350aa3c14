"""The version, in one place (the package and the User-Agent both read it)."""

__version__ = "0.1.0"
