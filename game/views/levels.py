"""The level list: the shipped levels and the player's own folder; a broken level is an entry, not a crash."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.errors import UserError
from game.level.tiled import load_level
from game.resources import shipped_levels
from game.settings import player_levels_dir
from game.views.widgets import ERROR_INK, INK, TITLE_FONT, Menu, MenuItem, PanelView, arcade

LEVEL_SUFFIXES = (".tmj", ".json", ".tmx")
HEADING_PT = 30


@dataclass
class LevelEntry:
    path: Path
    origin: str  # "shipped" or "yours"
    title: str = ""
    problems: tuple[str, ...] = ()

    @property
    def playable(self) -> bool:
        return not self.problems


def level_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in LEVEL_SUFFIXES and not p.name.startswith("."))
    except OSError:  # no folder (yet), or one we may not read
        return []


def examine(path: Path, origin: str) -> LevelEntry:
    """Load the level to find its title, or every problem it has; never raises."""
    try:
        level = load_level(path)
    except UserError as error:  # LevelError among them: one line per problem
        return LevelEntry(path, origin, problems=tuple(error.lines) or (f"{path.name}: cannot be played",))
    except Exception as error:  # a loader bug must not take the list down with it
        return LevelEntry(path, origin, problems=(f"{path.name}: could not be read ({error.__class__.__name__}: {error})",))
    return LevelEntry(path, origin, title=level.title or path.stem)


def find_levels(shipped: Path | None = None, yours: Path | None = None) -> list[LevelEntry]:
    shipped = shipped_levels() if shipped is None else shipped
    yours = player_levels_dir() if yours is None else yours
    entries = [examine(path, "shipped") for path in level_files(shipped)]
    entries += [examine(path, "yours") for path in level_files(yours)]
    return entries


class LevelsView(PanelView):
    anchor = ("center", "center", (0, -20))
    item_width = 620

    def __init__(self, shell, shipped: Path | None = None, yours: Path | None = None):
        self.yours = player_levels_dir() if yours is None else yours
        self.entries = find_levels(shipped, self.yours)
        super().__init__(shell)
        self.heading = arcade.Text("Custom levels", 0, 0, INK, HEADING_PT * self.scale, font_name=TITLE_FONT, anchor_x="center")
        self.where = arcade.Text(f"your own levels go in {self.yours}", 0, 0, (150, 140, 126, 255), 11 * self.scale, anchor_x="center")

    def build_menu(self) -> Menu:
        items = []
        for entry in self.entries:
            mark = "" if entry.origin == "shipped" else "  (yours)"
            if entry.playable:
                items.append(MenuItem(f"{entry.title}{mark}", lambda entry=entry: self.shell.new_game(level=entry.path),
                                      name=entry.path.name, hint=str(entry.path)))
            else:
                # Focusable, so its error can be read; confirming it does nothing.
                items.append(MenuItem(f"⚠ {entry.path.name}{mark}: cannot be played", None, name=entry.path.name,
                                      hint=entry.problems[0] + (f"  (+{len(entry.problems) - 1} more)" if len(entry.problems) > 1 else "")))
        if not self.entries:
            items.append(MenuItem("no levels found", None, enabled=False, name="none"))
        items.append(MenuItem("Back", self.shell.show_title, name="back"))
        return Menu(items, back=self.shell.show_title)

    def on_draw(self) -> None:
        item = self.menu.focused
        entry = next((e for e in self.entries if item is not None and e.path.name == item.name), None)
        self.hint.color = ERROR_INK if entry is not None and not entry.playable else (150, 140, 126, 255)
        super().on_draw()

    def draw_words(self) -> None:
        super().draw_words()
        width, height = self.window.get_size()
        self.where.x, self.where.y = width / 2, height - 100 * self.scale
        self.where.draw()
