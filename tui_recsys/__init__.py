"""tui-recsys: demographic, content-based and collaborative movie recommendations.

Arrow's allocator is chosen here, the one place imported before pandas (which imports
Arrow, and whose CSV reader and strings allocate through it). Its default, mimalloc, keeps
the buffers a read has freed, where the system allocator hands them back: the parquet reader
was given the system allocator by hand before, which the CSV reads never saw (20 MB more at
a cold build's peak). Arrow reads the choice once, as it loads; a person's own
ARROW_DEFAULT_MEMORY_POOL stands.
"""

import os

os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

__version__ = "0.1.0"
