"""Screenshots written on a worker: the same picture in every file due, and a folder that fails is told once."""

from __future__ import annotations

from PIL import Image

from game.views.shots import Shots, stopped


def test_a_picture_is_written_to_every_shot_due_and_reads_back_the_same(tmp_path):
    image = Image.new("RGB", (40, 30), (200, 100, 50))
    image.putpixel((3, 4), (1, 2, 3))
    shots = Shots()
    paths = [tmp_path / "shots" / "01_backstage.png", tmp_path / "shots" / "02_end.png"]
    shots.take(image, paths)
    shots.wait()
    assert shots.problem() is None
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert list(Image.open(paths[0]).convert("RGB").getdata()) == list(image.getdata())


def test_a_shot_that_cannot_be_written_is_told_once(tmp_path):
    blocked = tmp_path / "a file where the folder should be"
    blocked.write_text("")
    shots = Shots()
    shots.take(Image.new("RGB", (4, 4)), [blocked / "01_backstage.png"])
    shots.wait()
    problem = shots.problem()
    assert isinstance(problem, OSError)
    assert stopped(blocked, problem).startswith(f"screenshots stopped: {blocked} cannot be written (")
    assert shots.problem() is None


def test_the_game_says_so_and_plays_on_when_its_screenshots_folder_goes(window, tmp_path):
    from game.session import Run, RunOptions
    from game.views.play import GameView

    folder = tmp_path / "shots"
    view = GameView(Run(RunOptions(seed=3, screenshots=str(folder))))
    window.show_view(view)
    view.pending_shots.append("backstage")
    view.on_draw()
    view.shots.wait()
    assert (folder / "01_backstage.png").is_file()
    (folder / "01_backstage.png").unlink()
    folder.rmdir()
    folder.write_text("")  # the folder is now a file: the next shot fails
    view.pending_shots.append("flaw")
    view.on_draw()
    view.shots.wait()  # the view asks how it went at its next shot
    view.pending_shots.append("repair")
    view.on_draw()
    assert view.message.startswith(f"screenshots stopped: {folder} cannot be written")
    assert view.run.options.screenshots is None and not view.pending_shots
