"""Allow `python -m laa_publish`."""

import sys

from laa_publish.cli import main

sys.exit(main())
