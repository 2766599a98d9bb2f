"""The error every gobind stage raises for a problem the user must fix."""


class GobindError(Exception):
    """A problem the user must fix; the message is one plain sentence (or the tool's own words)."""
