"""Sound: synthesised in code, played on world events."""
