"""An atlas of its own holds its pictures, and as many again, with no more places kept than that."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("pictures", [3, 3000])
def test_an_atlas_of_its_own_holds_its_pictures_and_as_many_again(window, pictures):
    import arcade
    from arcade.texture_atlas.uv_data import UV_TEXTURE_WIDTH
    from PIL import Image

    from game.render.atlas import own_atlas

    def picture(n: int) -> arcade.Texture:
        return arcade.Texture(Image.new("RGBA", (2, 2), (n % 256, n // 256 % 256, n // 65536, 255)), hash=f"test-atlas-{pictures}-{n}")

    textures = [picture(n) for n in range(2 * pictures)]
    atlas = own_atlas(textures[:pictures])
    for texture in textures[pictures:]:  # a sprite list showing them may be given as many more
        atlas.add(texture)
    assert all(atlas.has_texture(texture) for texture in textures)
    # ...and no more places than that are kept (arcade's default is 8192, ~10 ms of Python to make).
    assert atlas._capacity * UV_TEXTURE_WIDTH < 2 * pictures + UV_TEXTURE_WIDTH


def test_an_atlas_of_its_own_is_made_large_enough_at_once(window):
    """Pictures of many sizes, in orders that leave gaps at the ends of arcade's rows (as the
    pieces of the torn hall do): each atlas holds its pictures without growing (a grown atlas is
    a new texture twice the size, every picture drawn again into it, as the beat plays)."""
    import random

    import arcade
    from PIL import Image

    from game.render.atlas import sized_atlas

    rng = random.Random(1)  # (rows filled in turn would be a row short for the 19th, 24th and 26th of these)
    for trial in range(30):
        sizes = [(rng.randint(20, 200), rng.randint(20, 200)) for _ in range(rng.randint(2, 60))]
        textures = [arcade.Texture(Image.new("RGBA", size, (trial, n % 256, 0, 255)), hash=f"test-sized-atlas-{trial}-{n}")
                    for n, size in enumerate(sizes)]
        for n in range(1, len(textures), 7):  # the same picture again (as props of one kind and size): the atlas keeps it once
            textures.insert(n, arcade.Texture(textures[n - 1].image, hash=textures[n - 1].image_data.hash))
        atlas = sized_atlas(textures)
        made = atlas.size
        for texture in textures:
            atlas.add(texture)
        assert atlas.size == made, trial


def test_a_grown_atlas_keeps_its_edges_clamped(window):
    """arcade makes a grown atlas's texture repeat at its edges, where the first was clamped
    (game.compat.atlases_keep_their_edges): a picture on the edge would take in the far edge
    where smoothed, and every shader reading the atlas would be drawn a new way."""
    from arcade import gl
    from arcade.texture_atlas import DefaultTextureAtlas

    atlas = DefaultTextureAtlas((64, 64))
    assert (atlas.texture.wrap_x, atlas.texture.wrap_y) == (gl.CLAMP_TO_EDGE, gl.CLAMP_TO_EDGE)
    atlas.resize((128, 128))
    assert atlas.size == (128, 128)
    assert (atlas.texture.wrap_x, atlas.texture.wrap_y) == (gl.CLAMP_TO_EDGE, gl.CLAMP_TO_EDGE)
    atlas.rebuild()
    assert (atlas.texture.wrap_x, atlas.texture.wrap_y) == (gl.CLAMP_TO_EDGE, gl.CLAMP_TO_EDGE)
