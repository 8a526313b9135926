"""The demo: a simulated Lektrico charger in a real Home Assistant, with the README's dashboard.

`make demo` (scripts/demo.sh) runs `python -m demo`. Start reading at `run.py`; `tests/e2e` drives
the same demo in a browser.
"""
