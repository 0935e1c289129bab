"""The window's frame drawn as pyglet's own event loop draws it, wherever the game draws one itself."""

from __future__ import annotations

import threading

import arcade
import pyglet
from pyglet.graphics.vertexbuffer import BufferObject

from game.window import draw_frame


def test_a_frame_drawn_deletes_the_gl_objects_the_collector_freed_on_another_thread(window):
    """pyglet queues an OpenGL object let go off the main thread (a collection on the picture
    worker's thread) until its context is made current again: a frame drawn by draw_frame (headless
    play, the memory benchmark) does that first, as pyglet's loop does, or they pile up dream
    after dream."""
    buffer = BufferObject(1 << 16)
    name = buffer.id
    freed = threading.Thread(target=buffer.__del__)  # (as the collector would, on the worker)
    freed.start()
    freed.join()
    doomed = pyglet.gl.current_context.object_space.doomed_buffers
    assert name in doomed
    drawn = []

    class Screen(arcade.View):
        def on_draw(self):
            drawn.append(name in doomed)

    window.show_view(Screen())
    draw_frame(window)
    assert drawn == [False]  # deleted before the draw
    assert name not in doomed
