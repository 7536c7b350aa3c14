"""The one exception tree of citeresolve; lower-layer errors are mapped to it at the boundary.

CiteResolveError
├── InputError            the SOURCE cannot be read or is not an article (CLI exit 2)
│   ├── SourceNotFound
│   ├── SourceUnreadable
│   └── EmptySource
├── OutletRegistryError   an outlet data file is malformed
├── LexiconError          a shipped attribution lexicon file is malformed
└── UsageError            options that contradict each other (CLI exit 2)
"""

from __future__ import annotations


class CiteResolveError(Exception):
    """Base of every error citeresolve raises on purpose."""


class InputError(CiteResolveError):
    """The SOURCE cannot become a Document."""


class SourceNotFound(InputError):
    """The path does not exist."""


class SourceUnreadable(InputError):
    """The path exists but cannot be read as an article (directory, permissions, binary)."""


class EmptySource(InputError):
    """The source holds no text at all."""


class OutletRegistryError(CiteResolveError):
    """An outlet data file (shipped or from --outlets) is malformed."""


class LexiconError(CiteResolveError):
    """A shipped attribution lexicon file is malformed (a packaging fault, caught by a test)."""


class UsageError(CiteResolveError):
    """Options that cannot be honoured together."""
