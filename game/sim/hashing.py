"""Canonical state hashes for the world: the encoding shared with level digests (``game.digest``)."""

from game.digest import canonical, digest  # noqa: F401
