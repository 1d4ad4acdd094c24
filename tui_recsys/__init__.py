"""tui-recsys: demographic, content-based and collaborative movie recommendations."""

__version__ = "0.1.0"
