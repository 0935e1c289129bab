"""`python -m game` plays the game."""

from game.cli import main

raise SystemExit(main())
