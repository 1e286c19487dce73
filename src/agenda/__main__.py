"""``python -m agenda``: the command line."""

import sys

from agenda.cli import main

sys.exit(main())
