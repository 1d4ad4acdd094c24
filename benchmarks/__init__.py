"""Benchmarks: figures for speed, memory and quality, ours beside the tutorial's method."""
