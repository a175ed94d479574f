"""Benchmarks and load tests: `make bench`, results in BENCHMARKS.md (not an installed package)."""
