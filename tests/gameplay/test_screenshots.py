"""One headless autoplay run with screenshots: a picture per beat, and each looks like its beat."""

from __future__ import annotations

import colorsys
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from game.sim.story import Beat

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> dict[str, np.ndarray]:
    folder = tmp_path_factory.mktemp("shots")
    env = dict(os.environ, FLAWED_CONFIG_DIR=str(folder / "config"), FLAWED_SILENT="1")
    done = subprocess.run(
        [sys.executable, "-m", "game", "--headless", "--autoplay", "--seed", "3", "--size", "small", "--screenshots", str(folder)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pictures = {}
    for path in sorted(folder.glob("*.png")):
        beat = path.stem.split("_", 1)[1]
        pictures.setdefault(beat, np.asarray(Image.open(path).convert("RGB"), dtype=np.float32))
    return pictures


def luminance(picture: np.ndarray) -> np.ndarray:
    return picture @ np.array([0.2126, 0.7152, 0.0722], np.float32)


def test_there_is_a_picture_of_every_beat(shots):
    assert [beat.value for beat in Beat if beat.value not in shots] == []
    for picture in shots.values():
        assert picture.shape[:2] == (720, 1280)


def test_the_backstage_is_mostly_dark(shots):
    light = luminance(shots["backstage"])
    assert np.mean(light < 60) > 0.5
    assert light.max() > 120  # ...yet something is lit


CAPTION_BAND = (slice(500, 690), slice(300, 980))  # where the captions' dark box sits, lower middle


def test_the_lights_on_are_stark_and_leave_no_shadow(shots):
    picture = shots["lights_on"]
    light = luminance(picture)
    assert np.percentile(light, 90) > 200  # hard, white light...
    brightest, dullest = picture.max(axis=2), picture.min(axis=2)
    vivid = ((brightest - dullest) / np.maximum(brightest, 1.0) > 0.5) & (brightest > 120)
    assert vivid.mean() > 0.1  # ...on strong colour (the empty red seats), not one washed-out tone
    light[CAPTION_BAND] = 255.0  # the captions' box is meant to be dark; the room is not
    blocks = light[: 720 // 40 * 40, :].reshape(720 // 40, 40, 1280 // 40, 40).mean(axis=(1, 3))
    assert blocks.min() > 20  # no black patch anywhere: every shadow is gone (the backstage's lie under 15)


def test_the_vortex_spreads_across_the_hues(shots):
    picture = shots["vortex"][::4, ::4] / 255.0
    hsv = np.array([colorsys.rgb_to_hsv(*p) for p in picture.reshape(-1, 3)])
    vivid = hsv[(hsv[:, 1] > 0.3) & (hsv[:, 2] > 0.3)]
    assert len(vivid) > 0.5 * len(hsv)
    bins = np.histogram(vivid[:, 0], bins=12, range=(0.0, 1.0))[0] / len(vivid)
    assert np.sum(bins > 0.02) >= 8  # most of the colour wheel, not one hue


def test_waking_is_bright_and_warm(shots):
    picture = shots["waking"]
    assert luminance(picture).mean() > 180
    r, g, b = picture[..., 0].mean(), picture[..., 1].mean(), picture[..., 2].mean()
    assert r > b + 20 and r >= g


def test_the_reveal_is_a_warm_stage_before_a_dark_hall(shots):
    picture = shots["reveal"]
    stage, hall = picture[120:400, 500:780], picture[560:, :]
    assert luminance(stage).mean() > luminance(hall).mean() + 40
    assert stage[..., 0].mean() > stage[..., 2].mean() + 15
