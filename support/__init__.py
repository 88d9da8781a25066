"""Helpers shared by the tests and the benchmarks; never shipped in the wheel.

    fault_server.py  a misbehaving OpenAI-compatible server on 127.0.0.1 (a thread)
    fakes.py         FakeBackend: scripted answers, never a default
    postings.py      folders of numbered postings, and reading an output back
    bounded.py       in_thread: a call run in a thread that fails the test if it hangs
    chromium.py      headless Chromium over the DevTools protocol (a pipe): the review
                     page's browser tests and bench/review_open.py

Importable from the repository root: pytest puts it on the path (``pythonpath``), and
``python -m bench.X`` runs from there.
"""
