"""Quads drawn in one batch from arrays look as sprites drawn one by one; the room's fragments are drawn as the simulation has them."""

from __future__ import annotations

import math

import numpy as np

from driver import screenshot


def test_a_batch_of_quads_draws_what_the_same_sprites_draw(window):
    """Placed, sized, turned and tinted from arrays, texel for texel: the same pixels as arcade's sprites."""
    import arcade
    from PIL import Image

    from game.render.atlas import own_atlas
    from game.render.batch import QuadBatch

    rng = np.random.default_rng(7)
    textures = [arcade.Texture(Image.fromarray(rng.integers(0, 255, (h, w, 4), dtype=np.uint8)), hash=f"batch-test-{i}")
                for i, (w, h) in enumerate([(16, 16), (24, 10), (9, 30)])]
    atlas = own_atlas(textures)
    pictures = np.array([0, 1, 2, 1, 0])
    centres = np.array([(200, 200), (420.5, 300), (640, 360), (900, 500), (1100, 150)], np.float32)
    sizes = np.array([(64, 64), (96, 40), (27, 90), (48, 20), (32, 32)], np.float32)
    angles = np.array([0, 30, -75, 180, 12], np.float32)
    colours = np.array([(255, 255, 255, 255), (255, 120, 60, 200), (90, 255, 255, 255), (255, 255, 255, 128), (40, 40, 255, 255)], np.uint8)

    window.default_camera.use()
    window.clear(color=(20, 30, 40))
    QuadBatch(window.ctx, atlas, textures).draw(pictures, centres, sizes, angles, colours)
    batched = np.asarray(screenshot(window), np.int16)
    window.clear(color=(20, 30, 40))
    sprites = arcade.SpriteList(atlas=atlas)
    for picture, centre, size, angle, colour in zip(pictures, centres, sizes, angles, colours):
        sprite = arcade.Sprite(textures[picture])
        sprite.position, sprite.size, sprite.angle, sprite.color = tuple(centre), tuple(size), float(angle), tuple(int(c) for c in colour)
        sprites.append(sprite)
    sprites.draw(pixelated=True)
    drawn = np.asarray(screenshot(window), np.int16)
    assert (np.abs(batched - drawn).max(axis=2) > 8).mean() < 0.0005
    assert (np.abs(batched - (20, 30, 40)).max(axis=2) > 8).mean() > 0.01  # (something was drawn)


class _Fragment:
    def __init__(self, kind, home, source=-1, fade=None, position=None, angle=0.0):
        self.kind, self.home, self.size, self.source = kind, home, (32.0, 32.0), source
        self.loose = fade is not None
        self.fade, self.position, self.angle = (fade if self.loose else 0.0), (position if self.loose else home), angle


class _Debris:
    """The simulation's debris as the renderer reads it (see game.sim.debris.Debris.poses)."""

    def __init__(self, fragments):
        self.fragments = fragments

    def poses(self):
        return np.array([(f.fade, *f.position, f.angle) if f.loose else (-1.0, 0.0, 0.0, 0.0) for f in self.fragments], np.float64)


class _Batch:
    def draw(self, pictures, centres, sizes, angles, colours):
        self.drawn = {int(p): (tuple(c), tuple(s), float(a), tuple(int(v) for v in k)) for p, c, s, a, k in zip(pictures, centres, sizes, angles, colours)}


class _Prop:
    visible = True


def test_the_rooms_fragments_are_drawn_as_the_simulation_has_them():
    """A wall piece in place is the wall itself (not drawn), a prop in place is drawn where it
    stands; a loose one tumbles where its body is, shrinking and taking on its colour as it fades,
    and is gone once faded; a prop torn loose is no longer drawn by the room."""
    from game.render.debris import Fragments

    fragments = [_Fragment("wall", (10.0, 10.0)), _Fragment("crate", (50.0, 60.0), source=1),
                 _Fragment("wall", (90.0, 10.0), fade=0.5, position=(120.0, 40.0), angle=math.pi / 2),
                 _Fragment("lamp", (70.0, 70.0), source=0, fade=0.0, position=(75.0, 70.0)), _Fragment("wall", (130.0, 10.0), fade=1.0, position=(0.0, 0.0))]
    colours = np.array([(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0), (0, 255, 255)], np.float32)
    batch = _Batch()
    drawn = Fragments(batch, homes=np.array([f.home for f in fragments], np.float32), sizes=np.array([f.size for f in fragments], np.float32),
                      walls=np.array([f.kind == "wall" for f in fragments]), colours=colours, sources=np.array([f.source for f in fragments]))
    props = [_Prop(), _Prop()]
    drawn.draw(_Debris(fragments), props)
    assert set(batch.drawn) == {1, 2, 3}  # the wall in place and the faded piece are not drawn
    assert batch.drawn[1] == ((50.0, 60.0), (32.0, 32.0), 0.0, (255, 255, 255, 255))  # a prop in place, as it is
    centre, size, angle, colour = batch.drawn[2]
    assert centre == (120.0, 40.0) and angle == -90.0 and size[0] < 32.0 * 0.6  # tumbling, shrunk
    assert colour[2] == 255 and colour[0] < 100 and colour[3] < 255  # taking on its colour, fading
    assert batch.drawn[3][0] == (75.0, 70.0)
    assert not props[0].visible and props[1].visible  # the loose lamp is no longer where the room drew it
