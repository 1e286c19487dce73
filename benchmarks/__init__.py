"""Benchmarks of the agenda pipeline: a generator of synthetic plans and one command to time them.

Run ``python -m benchmarks.run`` from the repository root; see docs/performance.md.
"""
