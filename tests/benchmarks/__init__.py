"""Tests of the side-by-side benchmark (benchmarks/)."""
