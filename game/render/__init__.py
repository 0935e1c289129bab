"""Rendering: reads the world, never writes it."""
