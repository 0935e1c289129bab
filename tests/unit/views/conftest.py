"""The menus' tests leave the shared window as they found it: no pause hook from a Shell."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _forget_the_shell(request):
    window = request.getfixturevalue("window") if "window" in request.fixturenames else None
    yield
    if window is not None:
        window.__dict__.pop("make_pause_view", None)
