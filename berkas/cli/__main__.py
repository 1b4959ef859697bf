"""`python -m berkas.cli`: the `berkas` command."""

import sys

from berkas.cli import main

sys.exit(main())
