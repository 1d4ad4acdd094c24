"""`python -m tui_recsys` runs the same entry point as the `tui-recsys` script."""

from tui_recsys.startup import main

raise SystemExit(main())
