"""The one place the simulation reaches past pymunk's public API, for speed.

Reading a body's position through ``pymunk.Body.position`` builds a ``Vec2d`` each time; the
simulation reads thousands a second. These are the same C calls pymunk makes behind its
properties (pymunk 6.9, pinned by arcade 3.3), on the same numbers: tests in
``tests/unit/sim/test_bodies.py`` hold them to the public properties, so an upgrade that
changed them fails there first.
"""

from __future__ import annotations

from pymunk._chipmunk_cffi import lib  # noqa: F401  (re-exported: the C calls)


def handle(body):
    """The C body behind a pymunk.Body."""
    return body._body
