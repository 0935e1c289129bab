"""Every sound of the game, synthesised with numpy from fixed seeds: no sound file comes from outside.

``render(name)`` returns the samples (float32 mono, -1..1) of one sound, the same every time;
``sound_path(name)`` writes it once as a WAV under the user cache folder and returns the path.
The beds (``loop=True``) are built from periodic parts so they loop without a seam.
"""

from __future__ import annotations

import io
import os
import tempfile
import wave
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from game.storage import cache_dir

RATE = 22050  # samples per s: plenty for a dim room, and quick to make
SYNTH_VERSION = 1  # bump when any recipe changes, so cached WAVs are made again
HEADROOM_PEAK = 0.89  # every sound is scaled to at most this peak: never clips


@dataclass(frozen=True)
class Recipe:
    make: Callable[[np.random.Generator], np.ndarray]
    seconds: float
    bus: str  # "music" (beds under everything) or "effects" (things that happen)
    loop: bool = False
    peak: float = 0.7  # the level it is mixed at, relative to full scale


# -- building blocks -------------------------------------------------------------------------


def samples(seconds: float) -> int:
    return int(round(seconds * RATE))


def timeline(seconds: float) -> np.ndarray:
    return np.arange(samples(seconds), dtype=np.float64) / RATE


def band_noise(rng: np.random.Generator, seconds: float, low: float, high: float, tilt: float = 0.0) -> np.ndarray:
    """White noise kept between `low` and `high` Hz (soft edges), `tilt` dB per octave above low.

    Shaped in the frequency domain, so it is periodic over its length: a bed made of it loops.
    """
    n = samples(seconds)
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1.0 / RATE)
    f = np.maximum(freqs, 1.0)
    gain = 1.0 / (1.0 + (low / f) ** 4) / (1.0 + (f / high) ** 4)
    if tilt:
        gain *= (f / max(low, 1.0)) ** (tilt / 6.02)
    noise = np.fft.irfft(spectrum * gain, n)
    return noise / (np.abs(noise).max() + 1e-12)


def decay(t: np.ndarray, seconds: float) -> np.ndarray:
    """exp fall to 1/e after `seconds`."""
    return np.exp(-t / seconds)


def attack_release(n: int, attack: float, release: float) -> np.ndarray:
    env = np.ones(n)
    a, r = max(1, samples(attack)), max(1, samples(release))
    env[:a] *= np.linspace(0.0, 1.0, a)
    env[-r:] *= np.linspace(1.0, 0.0, r)
    return env


def place(out: np.ndarray, sound: np.ndarray, at: float, gain: float = 1.0) -> None:
    """Mix `sound` into `out` starting `at` seconds (cut at the end)."""
    start = samples(at)
    if start >= len(out):
        return
    end = min(len(out), start + len(sound))
    out[start:end] += gain * sound[: end - start]


def place_looped(out: np.ndarray, sound: np.ndarray, at: float, gain: float = 1.0) -> None:
    """Mix `sound` in starting `at` seconds, wrapping past the end (for seamless beds)."""
    start = samples(at) % len(out)
    idx = (start + np.arange(len(sound))) % len(out)
    np.add.at(out, idx, gain * sound)


def thump(seconds: float, pitch: float, drop: float, fall: float) -> np.ndarray:
    """A low body blow: a sine whose pitch sinks, dying fast."""
    t = timeline(seconds)
    freq = pitch * (1.0 + drop * np.exp(-t / 0.03))
    phase = 2 * np.pi * np.cumsum(freq) / RATE
    return np.sin(phase) * decay(t, fall) * (1 - np.exp(-t / 0.003))


def ring(seconds: float, partials: tuple[tuple[float, float, float], ...]) -> np.ndarray:
    """Struck metal or string: (Hz, level, decay s) partials."""
    t = timeline(seconds)
    return sum(level * np.sin(2 * np.pi * hz * t) * decay(t, fall) for hz, level, fall in partials)


def fit_loop_periodic(freq: float, seconds: float) -> float:
    """The nearest frequency with a whole number of cycles in the loop (so it joins seamlessly)."""
    return max(1, round(freq * seconds)) / seconds


# -- the sounds ------------------------------------------------------------------------------


def room_tone(rng):
    seconds = 5.0
    t = timeline(seconds)
    air = band_noise(rng, seconds, 40, 500, tilt=-4)
    hum = sum(level * np.sin(2 * np.pi * fit_loop_periodic(hz, seconds) * t) for hz, level in ((60, 0.12), (120, 0.06), (180, 0.03)))
    return air * 0.8 + hum


def hush(rng):
    """The audience beyond the curtain, utterly still: breath, fabric, a creak of a seat."""
    seconds = 6.0
    t = timeline(seconds)
    breath = band_noise(rng, seconds, 250, 2500, tilt=-3)
    swell = 0.75 + 0.15 * np.sin(2 * np.pi * t / seconds) + 0.1 * np.sin(2 * np.pi * 3 * t / seconds + 1.0)
    out = breath * swell * 0.5
    rustle = band_noise(rng, 0.25, 1500, 6000) * attack_release(samples(0.25), 0.05, 0.18)
    for _ in range(7):
        place_looped(out, rustle, rng.uniform(0, seconds), rng.uniform(0.1, 0.3))
    return out


def heartbeat(rng):
    """Lub-dub: played once per beat, so its rate follows the panic."""
    out = np.zeros(samples(0.7))
    # The body of each beat is below what small speakers play; its overtone and a soft knock are not.
    knock = band_noise(rng, 0.06, 80, 400) * decay(timeline(0.06), 0.012)
    for at, gain, pitch in ((0.0, 1.0, 48.0), (0.26, 0.7, 42.0)):
        place(out, thump(0.4, pitch, 0.9, 0.07), at, gain)
        place(out, thump(0.3, pitch * 2.5, 0.6, 0.04), at, gain * 0.35)
        place(out, knock, at, gain * 0.25)
    return out


def rumble(rng):
    """The silence of the audience as a roar in the ears: a deep swelling rumble and a thin ringing."""
    seconds = 6.0
    t = timeline(seconds)
    low = band_noise(rng, seconds, 25, 140, tilt=-3)
    mid = band_noise(rng, seconds, 150, 700, tilt=-6) * 0.25
    swell = 0.7 + 0.3 * np.sin(2 * np.pi * 2 * t / seconds) ** 2
    whine = 0.05 * np.sin(2 * np.pi * fit_loop_periodic(3400, seconds) * t) * (0.6 + 0.4 * np.sin(2 * np.pi * t / seconds))
    return (low + mid) * swell + whine


def scrape(rng, seconds: float, low: float, high: float, grain_hz: float, partials=()) -> np.ndarray:
    n = samples(seconds)
    t = timeline(seconds)
    body = band_noise(rng, seconds, low, high)
    # Stick and slip: the tool catches and lets go many times a second.
    grains = np.repeat(rng.uniform(0.3, 1.0, int(seconds * grain_hz) + 1), int(RATE / grain_hz) + 1)[:n]
    grains = np.convolve(grains, np.ones(64) / 64, mode="same")
    out = body * grains
    if partials:
        out = out + ring(seconds, partials) * grains * 0.4
    return out * attack_release(n, 0.04, seconds * 0.4) * (0.8 + 0.2 * np.sin(2 * np.pi * 1.5 * t))


def brush_scrape(rng):
    return scrape(rng, 0.6, 1800, 7000, 45)


def knife_scrape(rng):
    return scrape(rng, 0.7, 900, 4500, 28, partials=((2310, 0.5, 0.5), (3720, 0.35, 0.4), (5130, 0.2, 0.3)))


def thread_snap(rng):
    n = samples(0.3)
    t = timeline(0.3)
    click = np.zeros(n)
    click[: samples(0.004)] = rng.uniform(-1, 1, samples(0.004))
    twang = ring(0.3, ((880, 0.6, 0.05), (1770, 0.4, 0.035), (2650, 0.25, 0.02))) * (1 + 0.4 * np.sin(2 * np.pi * 31 * t))
    return click + twang


def solvent_hiss(rng):
    seconds = 1.2
    n = samples(seconds)
    hiss = band_noise(rng, seconds, 3000, 9500)
    fizz = np.zeros(n)
    pops = rng.integers(0, n, 90)
    fizz[pops] = rng.uniform(-1, 1, len(pops))
    fizz = np.convolve(fizz, np.exp(-np.arange(40) / 6.0), mode="same")
    return (hiss * 0.6 + fizz * 0.5) * attack_release(n, 0.08, 0.6)


def tool_clatter(rng):
    """A tool hits the floor, bounces, rattles and rolls to a stop."""
    out = np.zeros(samples(1.0))
    at, gain, gap = 0.0, 1.0, 0.16
    partials = tuple((hz * rng.uniform(0.97, 1.03), level, fall) for hz, level, fall in ((1250, 0.6, 0.08), (2930, 0.4, 0.05), (4410, 0.3, 0.03), (620, 0.3, 0.1)))
    for _ in range(7):
        hit = ring(0.25, partials)
        hit[: samples(0.003)] += rng.uniform(-1, 1, samples(0.003))
        place(out, hit, at, gain)
        at += gap
        gap *= rng.uniform(0.55, 0.75)
        gain *= rng.uniform(0.5, 0.7)
    roll = band_noise(rng, 0.5, 300, 2500) * np.linspace(0.15, 0.0, samples(0.5))
    place(out, roll, at)
    return out


def curtain(rng):
    """Heavy velvet drawn up: a long low whoosh and the pulleys' creak."""
    seconds = 3.0
    n = samples(seconds)
    t = timeline(seconds)
    low = band_noise(rng, seconds, 60, 500, tilt=-3)
    high = band_noise(rng, seconds, 500, 2500, tilt=-3)
    sweep = np.sin(np.pi * t / seconds) ** 2
    out = (low * (0.5 + 0.5 * sweep) + high * sweep * 0.5) * attack_release(n, 0.3, 0.8)
    creak = np.sin(2 * np.pi * (170 + 25 * np.sin(2 * np.pi * 2.3 * t)) * t) * 0.12 * sweep
    return out + creak


CLAP_KINDS = 6  # hands differ: each clap takes one of a few shapes, so the crowd has no single colour


def clapping(rng, n: int, count: int, density=None) -> np.ndarray:
    """`count` claps scattered over n samples, each a short burst of one of CLAP_KINDS shapes.

    Convolved circularly (FFT of length n), so the result loops without a seam.
    """
    out = np.zeros(n)
    kernel_t = np.arange(samples(0.012)) / RATE
    for kind in range(CLAP_KINDS):
        claps = np.zeros(n)
        k = count // CLAP_KINDS
        claps[rng.integers(0, n, k)] += rng.uniform(0.3, 1.0, k) * rng.choice((-1.0, 1.0), k)
        if density is not None:
            claps *= density
        low, high = rng.uniform(500, 1400), rng.uniform(2500, 6000)
        burst = rng.standard_normal(len(kernel_t)) * np.exp(-kernel_t / rng.uniform(0.002, 0.004))
        spectrum = np.fft.rfft(burst, n)
        f = np.maximum(np.fft.rfftfreq(n, 1 / RATE), 1.0)
        spectrum *= 1.0 / (1.0 + (low / f) ** 2) / (1.0 + (f / high) ** 2)
        out += np.fft.irfft(np.fft.rfft(claps) * spectrum, n)
    return out


def applause(rng):
    """Hands by the hundred: erupts all at once, then swells and holds."""
    seconds = 8.0
    n = samples(seconds)
    t = timeline(seconds)
    density = np.clip(t / 0.35, 0.0, 1.0) * (0.55 + 0.45 * np.clip((t - 0.8) / 4.0, 0.0, 1.0))
    density *= attack_release(n, 0.01, 1.2)
    out = clapping(rng, n, int(seconds * 900), density)
    hall = band_noise(rng, seconds, 400, 5000) * density * 0.6  # the wash of the hall
    return out + hall * np.abs(out).max()


def applause_loop(rng):
    """The applause held: steady hands, looped for as long as the hall claps."""
    seconds = 6.0
    n = samples(seconds)
    out = clapping(rng, n, int(seconds * 1000))
    hall = band_noise(rng, seconds, 400, 5000) * 0.6
    return out + hall * np.abs(out).max()


def vortex_drone(rng):
    """A chord that turns on itself: detuned partials beating slowly, and wind."""
    seconds = 8.0
    t = timeline(seconds)
    out = np.zeros_like(t)
    for base in (55.0, 82.5, 110.0, 165.0):
        for detune in (-0.25, 0.25):
            hz = fit_loop_periodic(base + detune, seconds)
            out += np.sin(2 * np.pi * hz * t + rng.uniform(0, 2 * np.pi)) / (base / 55.0)
    wind = band_noise(rng, seconds, 200, 1800) * (0.5 + 0.5 * np.sin(2 * np.pi * 2 * t / seconds) ** 2)
    return out / np.abs(out).max() + wind * 0.35


def birds(rng):
    """Morning: a few birds trading short songs over the quiet air."""
    seconds = 8.0
    out = band_noise(rng, seconds, 200, 3000, tilt=-4) * 0.04
    for _ in range(14):
        notes = int(rng.integers(2, 6))
        at = rng.uniform(0, seconds)
        base = rng.uniform(2500, 4800)
        for k in range(notes):
            length = rng.uniform(0.05, 0.12)
            t = timeline(length)
            sweep = base * (1 + rng.uniform(-0.25, 0.35) * t / length)
            chirp = np.sin(2 * np.pi * np.cumsum(sweep) / RATE) * np.sin(np.pi * t / length) ** 2
            place_looped(out, chirp, at + k * (length + rng.uniform(0.02, 0.06)), rng.uniform(0.3, 0.8))
    return out


def voice(rng) -> np.ndarray:
    """A wordless call, rising like a question: a pulse train through three vowel formants."""
    t = timeline(0.5)
    pitch = 190 * (1 + 0.25 * t / 0.5)
    pulses = np.sign(np.sin(2 * np.pi * np.cumsum(pitch) / RATE)) * 0.5
    spectrum = np.fft.rfft(pulses)
    f = np.fft.rfftfreq(len(pulses), 1 / RATE)
    shaped = sum(np.exp(-(((f - formant) / width) ** 2)) for formant, width in ((700, 120), (1200, 160), (2600, 300)))
    return np.fft.irfft(spectrum * shaped, len(pulses)) * attack_release(len(pulses), 0.04, 0.15)


def call(rng):
    """The dreamer calls out; the near walls answer at once, faintly."""
    out = np.zeros(samples(1.2))
    sound = voice(rng)
    place(out, sound, 0.0)
    place(out, sound, 0.09, 0.2)
    return out


def echo(rng):
    """The call come back from empty rooms: dulled, late, smeared."""
    out = np.zeros(samples(1.4))
    sound = np.convolve(voice(rng), np.ones(12) / 12, mode="same")
    for k, gain in enumerate((1.0, 0.5, 0.25)):
        place(out, sound, k * 0.33, gain)
    return out


def door(rng):
    """A door swung open on an empty room: a hinge's slow creak and a soft knock at its stop."""
    seconds = 1.3
    t = timeline(seconds)
    sweep = 240 + 160 * np.sin(np.pi * np.clip(t / 1.0, 0, 1))
    creak = np.sign(np.sin(2 * np.pi * np.cumsum(sweep) / RATE)) * (0.5 + 0.5 * rng.standard_normal(len(t)).clip(-1, 1) * 0.3)
    grain = np.repeat(rng.uniform(0.2, 1.0, int(seconds * 35) + 1), int(RATE / 35) + 1)[: len(t)]
    out = np.convolve(creak * grain, np.ones(6) / 6, mode="same") * np.sin(np.pi * np.clip(t / 1.0, 0, 1)) * 0.5
    place(out, thump(0.25, 90, 0.6, 0.05), 1.0, 0.8)
    return out


def breath(rng):
    seconds = 2.0
    n = samples(seconds)
    t = timeline(seconds)
    air = band_noise(rng, seconds, 300, 3500, tilt=-2)
    shape = np.sin(np.pi * np.clip(t / 1.1, 0, 1)) ** 2 * 0.8 + np.sin(np.pi * np.clip((t - 1.1) / 0.9, 0, 1)) ** 2 * 0.5
    return air * shape * attack_release(n, 0.01, 0.05)


def resolve(rng):
    """The rush of confidence: a warm major chord swelling out of nothing, and settling."""
    seconds = 4.0
    n = samples(seconds)
    t = timeline(seconds)
    out = np.zeros(n)
    for hz, level in ((130.81, 1.0), (164.81, 0.7), (196.0, 0.6), (261.63, 0.45), (329.63, 0.25)):
        out += level * (np.sin(2 * np.pi * hz * t) + 0.3 * np.sin(2 * np.pi * 2 * hz * t + 0.5)) * (1 + 0.02 * np.sin(2 * np.pi * 0.7 * t))
    swell = np.clip(t / 1.6, 0, 1) ** 2 * np.exp(-np.clip(t - 1.6, 0, None) / 1.4)
    return out * swell


def lights_snap(rng):
    """The house lights: a contactor's clunk and the mains settling in."""
    seconds = 1.0
    out = np.zeros(samples(seconds))
    place(out, thump(0.3, 70, 1.5, 0.05), 0.0)
    place(out, ring(0.2, ((1600, 0.4, 0.02), (3100, 0.2, 0.015))), 0.0)
    t = timeline(0.9)
    buzz = np.sign(np.sin(2 * np.pi * 120 * t)) * 0.08 * decay(t, 0.5)
    place(out, buzz, 0.05)
    return out


def tear(rng):
    """Walls and props tearing loose: a crack and a long rending."""
    seconds = 1.6
    n = samples(seconds)
    body = band_noise(rng, seconds, 80, 3000, tilt=-2)
    crackle = np.repeat(rng.uniform(0.2, 1.0, int(seconds * 60) + 1), int(RATE / 60) + 1)[:n]
    return body * crackle * attack_release(n, 0.005, 0.9)


SOUNDS: dict[str, Recipe] = {
    "room_tone": Recipe(room_tone, 5.0, "music", loop=True, peak=0.35),
    "hush": Recipe(hush, 6.0, "music", loop=True, peak=0.3),
    "heartbeat": Recipe(heartbeat, 0.7, "effects", peak=0.85),
    "rumble": Recipe(rumble, 6.0, "music", loop=True, peak=0.6),
    "brush_scrape": Recipe(brush_scrape, 0.6, "effects", peak=0.45),
    "knife_scrape": Recipe(knife_scrape, 0.7, "effects", peak=0.5),
    "thread_snap": Recipe(thread_snap, 0.3, "effects", peak=0.6),
    "solvent_hiss": Recipe(solvent_hiss, 1.2, "effects", peak=0.4),
    "tool_clatter": Recipe(tool_clatter, 1.0, "effects", peak=0.7),
    "curtain": Recipe(curtain, 3.0, "effects", peak=0.6),
    "applause": Recipe(applause, 8.0, "effects", peak=0.8),
    "applause_loop": Recipe(applause_loop, 6.0, "music", loop=True, peak=0.6),
    "vortex_drone": Recipe(vortex_drone, 8.0, "music", loop=True, peak=0.5),
    "birds": Recipe(birds, 8.0, "music", loop=True, peak=0.45),
    "call": Recipe(call, 1.2, "effects", peak=0.6),
    "echo": Recipe(echo, 1.4, "effects", peak=0.45),
    "door": Recipe(door, 1.3, "effects", peak=0.5),
    "breath": Recipe(breath, 2.0, "effects", peak=0.4),
    "lights_snap": Recipe(lights_snap, 1.0, "effects", peak=0.75),
    "resolve": Recipe(resolve, 4.0, "music", peak=0.5),
    "tear": Recipe(tear, 1.6, "effects", peak=0.6),
}


def seed_of(name: str) -> int:
    """A fixed seed per sound (crc32, not hash(): hash() of a string changes per process)."""
    return zlib.crc32(f"flawed-sound:{name}:{SYNTH_VERSION}".encode())


def render(name: str) -> np.ndarray:
    """The samples of one sound: float32, mono, at RATE, peak at its recipe's level."""
    recipe = SOUNDS[name]
    raw = np.asarray(recipe.make(np.random.default_rng(seed_of(name))), dtype=np.float64)
    n = samples(recipe.seconds)
    raw = np.pad(raw, (0, max(0, n - len(raw))))[:n]
    raw -= raw.mean()  # no DC offset: it would thump when the sound starts
    if not recipe.loop:
        raw *= attack_release(n, 0.0005, 0.01)  # no click at either end
    peak = np.abs(raw).max()
    return (raw * (min(recipe.peak, HEADROOM_PEAK) / peak)).astype(np.float32)


def wav_bytes(data: np.ndarray) -> bytes:
    pcm = np.clip(np.round(data * 32767.0), -32767, 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def sound_folder() -> Path:
    return cache_dir() / "sounds" / f"v{SYNTH_VERSION}"


def sound_path(name: str) -> Path:
    """The sound as a WAV file, made at first need and kept in the cache (atomically written)."""
    path = sound_folder() / f"{name}.wav"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(wav_bytes(render(name)))
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    return path
