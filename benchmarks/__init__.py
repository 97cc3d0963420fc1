"""Benchmarks of laa-publish, run from the repository root as ``python -m benchmarks.<name>``."""
