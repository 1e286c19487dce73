"""``python -m agenda.cli``."""

import sys

from agenda.cli import main

sys.exit(main())
