"""Levels: the procedural backstage, Tiled files, validation."""
