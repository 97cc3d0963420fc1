"""Exit codes every command returns, in a module of their own so any command can share them."""

from __future__ import annotations

EXIT_OK = 0
"""Everything was checked, and nothing failed."""
EXIT_INVALID = 1
"""The data (or the change) has problems, or the engine refused the site."""
EXIT_USAGE = 2
"""The command was used wrongly: a bad option, an unknown partner, a missing revision."""
