"""The browser test: the demo (`python -m demo`) in headless Chromium, checked like a person would.

Not a pytest suite (nothing here is named test_*.py, so `make test` does not collect it): it needs
Chromium and the demo's extra packages, and its checks build on each other. `scripts/e2e.sh` runs
`python -m tests.e2e`; start reading at `__main__.py`.
"""
