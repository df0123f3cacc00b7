"""`python -m volia.cli …`, the same as the `volia` command."""

import sys

from volia.cli.main import main

sys.exit(main())
