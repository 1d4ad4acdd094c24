"""The recommenders and their cache. No textual import and no printing: callers present."""
