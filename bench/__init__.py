"""Benchmarks run by `make bench` (`python -m bench`): every module here that defines `run()`."""
