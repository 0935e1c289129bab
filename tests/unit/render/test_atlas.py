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
