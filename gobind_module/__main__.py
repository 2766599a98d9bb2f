"""`python -m gobind_module`: the gobind command line."""

import sys

from .cli import main

sys.exit(main())
