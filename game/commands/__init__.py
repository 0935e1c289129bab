"""The command line's subcommands, one module per group (``level.py``: ``flawed level ...``).

``args.py`` holds what every command shares: the argument parser whose usage errors are one
line and exit status 2, the exit statuses, and the argument types (seed, size, counts).
``game/cli.py`` is the entry point: it plays, or hands ``flawed level ...`` to ``level.main``.
"""
