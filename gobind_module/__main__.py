"""`python -m gobind_module`: the gobind command line."""

import sys

from .build.cli import main

sys.exit(main())
