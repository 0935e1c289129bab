"""Every synthesised sound is audible, of a sane length, clean of clipping, and the same every time."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from game.audio import synth

NAMES = sorted(synth.SOUNDS)
REQUIRED = {
    "room_tone", "hush", "heartbeat", "rumble", "brush_scrape", "knife_scrape", "thread_snap",
    "solvent_hiss", "tool_clatter", "curtain", "applause", "vortex_drone", "birds",
}


@pytest.fixture(scope="module")
def rendered():
    return {name: synth.render(name) for name in NAMES}


def test_every_sound_the_game_needs_is_made_here():
    assert REQUIRED <= set(synth.SOUNDS)


@pytest.mark.parametrize("name", NAMES)
def test_a_sound_is_audible_sane_and_unclipped(rendered, name):
    data = rendered[name]
    recipe = synth.SOUNDS[name]
    assert data.dtype == np.float32 and data.ndim == 1
    assert np.isfinite(data).all()
    seconds = len(data) / synth.RATE
    assert 0.1 <= seconds <= 10.0, f"{name} lasts {seconds:.2f} s"
    assert seconds == pytest.approx(recipe.seconds, abs=1 / synth.RATE)
    peak = float(np.abs(data).max())
    assert peak <= synth.HEADROOM_PEAK + 1e-6, f"{name} peaks at {peak:.3f}"
    assert np.count_nonzero(np.abs(data) >= 0.99) == 0
    rms = float(np.sqrt(np.mean(data.astype(np.float64) ** 2)))
    assert rms > 0.02, f"{name} is nearly silent (rms {rms:.4f})"
    # Sound spread over its length, not one click: at least a tenth of it is above -40 dB.
    assert np.mean(np.abs(data) > 0.01) > 0.1, f"{name} is mostly silence"
    assert abs(float(data.mean())) < 0.01, f"{name} has a DC offset"


@pytest.mark.parametrize("name", [n for n in NAMES if synth.SOUNDS[n].loop])
def test_beds_loop_without_a_click(rendered, name):
    data = rendered[name].astype(np.float64)
    typical_step = np.percentile(np.abs(np.diff(data)), 99.9)
    assert abs(data[0] - data[-1]) <= typical_step + 1e-6, f"{name} jumps where it loops"


def test_making_the_sounds_is_deterministic(rendered):
    for name in ("heartbeat", "applause", "birds", "tool_clatter"):
        assert np.array_equal(synth.render(name), rendered[name])


def test_heartbeat_is_a_lub_and_a_dub(rendered):
    data = np.abs(rendered["heartbeat"])
    window = synth.samples(0.05)
    energy = np.convolve(data, np.ones(window) / window, mode="same")
    lub = energy[: synth.samples(0.2)].max()
    between = energy[synth.samples(0.2) : synth.samples(0.24)].min()
    dub = energy[synth.samples(0.24) : synth.samples(0.5)].max()
    assert lub > 2 * between and dub > 2 * between


def test_applause_erupts_then_swells(rendered):
    data = np.abs(rendered["applause"].astype(np.float64))
    second = synth.RATE
    level = [float(np.sqrt(np.mean(data[i * second : (i + 1) * second] ** 2))) for i in range(6)]
    assert level[0] > 0.02  # erupts at once
    assert level[4] > level[0] * 1.2  # and swells


def test_wav_files_are_cached_in_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FLAWED_CACHE_DIR", str(tmp_path))
    path = synth.sound_path("thread_snap")
    assert path.is_relative_to(tmp_path) and path.is_file()
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == synth.RATE and wav.getnchannels() == 1
        assert wav.getnframes() == len(synth.render("thread_snap"))
    stamp = path.stat().st_mtime_ns
    assert synth.sound_path("thread_snap").stat().st_mtime_ns == stamp  # made once
