"""hellopkg: the hello Go package, with types for type checkers (see py.typed)."""

from .hello import Hello

__all__ = ['Hello']
