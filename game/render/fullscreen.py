"""The one vertex shader every full-screen pass shares (a quad over the target, with its uv), the lattice hash their noise shares, and a clear of what they leave."""

from __future__ import annotations

import weakref

from arcade.gl import geometry

from game.resources import shaders

# For arcade.gl.geometry.quad_2d_fs(): clip-space corners in `in_vert`, 0..1 in `in_uv`.
FULLSCREEN_VS = (shaders() / "fullscreen_vs.glsl").read_text(encoding="utf-8")

# A pseudo-random 0..1 for a lattice point, without sin(): software GL works sin() out by a long
# polynomial, and the swirl's noise takes some fifty a pixel (this halved the swirl's and the
# flaw's passes; Dave Hoskins' "hash without sine"). Pasted into a shader where it says LATTICE_HASH.
LATTICE_HASH = """float hash(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * 0.1031);
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.x + p3.y) * p3.z);
}"""


def clear_outside(framebuffer, box: tuple[int, int, int, int], colour) -> None:
    """Clear `framebuffer` to `colour` (0..255) everywhere but `box` (x, y, width, height px),
    as up to four rectangles: in software GL a clear costs by the pixel, and what is painted
    over anyway need not be cleared first."""
    for band in around((0, 0, *framebuffer.size), box):
        framebuffer.clear(color=colour, viewport=band)


def around(outer: tuple[int, int, int, int], inner: tuple[int, int, int, int] | None) -> list[tuple[int, int, int, int]]:
    """Rectangle `outer` (x, y, width, height) less `inner` (which lies inside it; None: nothing
    is taken out), as up to four rectangles."""
    if inner is None:
        return [outer]
    x, y, w, h = outer
    ix, iy, iw, ih = inner
    bands = [(x, y, w, iy - y), (x, iy + ih, w, y + h - iy - ih), (x, iy, ix - x, ih), (ix + iw, iy, x + w - ix - iw, ih)]
    return [band for band in bands if band[2] > 0 and band[3] > 0]


def overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """The part of rectangle `a` (x, y, width, height) inside `b`; None if none."""
    left, bottom = max(a[0], b[0]), max(a[1], b[1])
    right, top = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    return (left, bottom, right - left, top - bottom) if right > left and top > bottom else None


def fills_window(window, view: tuple[int, int]) -> bool:
    """Whether a picture painted for a `view`-sized screen, scaled to fit the window, fills it
    (a window of another shape has bars either side or above and below)."""
    w, h = window.get_size()
    zoom = min(w / view[0], h / view[1])
    return view[0] * zoom >= w - 0.5 and view[1] * zoom >= h - 0.5


def picture_framebuffer(ctx, size: tuple[int, int]):
    """A framebuffer of `size` px to keep a picture in, to copy onto another (see copy_picture)."""
    return ctx.framebuffer(color_attachments=[ctx.texture(tuple(size), components=4)])


_COPY_FS = """
#version 330
uniform sampler2D picture;
out vec4 f_color;
void main() { f_color = texelFetch(picture, ivec2(gl_FragCoord.xy), 0); }
"""
_screen_copies: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # by context: (program, quad)


def copy_picture(ctx, picture, target) -> None:
    """Copy `picture` (a framebuffer of the target's size) onto `target`, pixel for pixel, within
    the target's scissor as drawing would be.

    Onto another picture it is a blit: in software GL, a copy of the memory (~0.5 ms a screenful).
    Onto the screen a blit took 50-95 ms the first time in each process, Mesa's shader cache warm
    (the reveal's first frame), and ~5 ms after: Mesa's software renderer draws it by a shader of
    its own, which its disk cache does not spare. So onto the screen the picture is drawn by a
    shader of the game's (~5 ms a screenful too), which the shader warmer compiles ahead."""
    if target is not ctx.screen:
        ctx.copy_framebuffer(picture, target)
        target.use(force=True)  # the copy bound the picture for reading: everything goes back to the target
        return
    if ctx not in _screen_copies:
        program = ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_COPY_FS)
        program["picture"] = 0
        _screen_copies[ctx] = (program, geometry.quad_2d_fs())
    program, quad = _screen_copies[ctx]
    target.use()  # (drawn onto it, as the blit leaves it in use)
    blending, viewport = ctx.is_enabled(ctx.BLEND), target.viewport
    ctx.disable(ctx.BLEND)  # every pixel as it is in the picture, as a blit would leave it
    target.viewport = (0, 0, *target.size)
    picture.color_attachments[0].use(0)
    quad.render(program)
    target.viewport = viewport
    if blending:
        ctx.enable(ctx.BLEND)


class Backdrop:
    """Pictures painted for a screen of one size (`view`), each drawn under everything by a
    sprite list of its own (and any layers over it that stay as they are for a while): onto a
    framebuffer of that size, texel for pixel, a picture is copied from a framebuffer made once
    (a copy costs about half a sprite's pass in software GL, and the layers in it nothing); onto
    any other it is drawn, scaled by the camera in use."""

    def __init__(self, ctx, view: tuple[int, int]):
        self.ctx = ctx
        self.view = tuple(view)
        self.copies: dict = {}  # by key: the picture in a framebuffer of its own

    def draw(self, key, sprites, zoom: float, over=(), under=None) -> None:
        """Draw `sprites` (opaque, covering the view) and over them `over` — (sprite list, blend
        function) pairs, drawn in turn — known together as `key` for their copy. `under`: the
        key of a copy of `sprites` alone, which that copy is made from if there is one."""
        ctx = self.ctx
        target = ctx.active_framebuffer
        if zoom != 1.0 or tuple(target.size) != self.view:
            sprites.draw(pixelated=zoom == 1.0)  # texel for pixel at zoom 1: no filtering to pay for
            self._paint_over(over)
            return
        copy_picture(ctx, self.made(key, sprites, over, under), target)

    def made(self, key, sprites, over=(), under=None):
        """The copy known as `key` (a framebuffer of the view's size), painted now if it was not
        before (with the camera in use; see draw): from the copy known as `under` if there is one
        (a copy and the layers over it cost far less than the sprites drawn again)."""
        if key not in self.copies:
            copy = picture_framebuffer(self.ctx, self.view)
            with copy.activate():
                if under in self.copies:
                    copy_picture(self.ctx, self.copies[under], copy)
                else:
                    sprites.draw(pixelated=True)
                self._paint_over(over)
            self.copies[key] = copy
        return self.copies[key]

    def keep_only(self, *keys) -> None:
        """Let go of every copy but those known as `keys` (a screenful of GPU memory each): they
        would be painted again if asked for."""
        self.copies = {key: copy for key, copy in self.copies.items() if key in keys}

    @staticmethod
    def _paint_over(over) -> None:
        for layer, blend in over:
            layer.draw(blend_function=blend)


_WASH_FS = """
#version 330
uniform vec4 colour;
out vec4 f_color;
void main() { f_color = colour; }
"""


class Wash:
    """A colour washed over the whole target, blended by its alpha, in one plain pass: a sprite
    the size of the screen costs about twice as much in software GL (arcade's sprite pipeline)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.program = ctx.program(vertex_shader=FULLSCREEN_VS, fragment_shader=_WASH_FS)
        self.quad = geometry.quad_2d_fs()

    def draw(self, colour: tuple[int, int, int], alpha: int) -> None:
        """`colour` (0..255) over what is there, `alpha` (0..255) of the way."""
        ctx = self.ctx
        ctx.enable(ctx.BLEND)
        ctx.blend_func = ctx.BLEND_DEFAULT
        self.program["colour"] = (*(c / 255 for c in colour), alpha / 255)
        self.quad.render(self.program)
