"""Benchmarks: each module runs alone as `python -m benchmarks.NAME` and ends with `name: value unit`."""
