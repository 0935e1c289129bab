"""Flawed: a short narrative game about a flaw in a masterpiece, and accepting it."""

__version__ = "0.1.0"
