"""Reading a file a user hands the game (a level, a tileset, a replay, the settings, a save): checked before it is parsed.

A file is opened without waiting (a FIFO never hangs the game), must be a regular file (never a
device such as /dev/zero behind a link), and is read only up to its limit, which is checked
before a byte of it is parsed. JSON is parsed with its containers counted first (a small file of
``[[[[`` or ``{},{},…`` cannot take gigabytes), NaN and Infinity refused, and its nesting bounded
afterwards. Every problem is a ``FileProblem``: one line in words, without the path (the caller
names the file), and the line and column where the text is malformed.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

KIB, MIB = 1024, 1024 * 1024


@dataclass(frozen=True)
class JsonLimits:
    """How much JSON a kind of file may hold: its bytes, its objects and lists, how deep they nest."""

    max_bytes: int
    max_containers: int  # objects and lists together (an upper bound is counted before parsing)
    max_depth: int  # an object or list inside another counts one level


class FileProblem(Exception):
    """What is wrong with a user's file, in words (the caller adds the path); ``line``/``column`` where the text is malformed."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    def where(self, path) -> str:
        """The path, with line:column when there is a place in the text."""
        return f"{path}:{self.line}:{self.column}" if self.line is not None else f"{path}"


def size_text(count: int) -> str:
    """Bytes as people read a limit: 32 MiB, 64 KiB."""
    for unit, size in (("MiB", MIB), ("KiB", KIB)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something that is not a file"


def _open(path) -> int:
    """A descriptor for reading that never blocks on a FIFO (FileNotFoundError passes through)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        return os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise FileProblem(f"cannot be read ({error.strerror or error.__class__.__name__})") from None
    except ValueError:  # a NUL in the name
        raise FileProblem("cannot be read (a file name with a NUL character)") from None


def _regular_size(fd: int) -> int:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(f"found {_kind(info.st_mode)}, expected a regular file")
    return info.st_size


def read_bytes(path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileProblem otherwise (FileNotFoundError passes through)."""
    fd = _open(path)
    try:
        size = _regular_size(fd)
        if size > limit:
            raise FileProblem(f"found {size} bytes, expected at most {limit} ({size_text(limit)})")
        chunks, total = [], 0
        while total <= limit:
            try:
                chunk = os.read(fd, min(limit + 1 - total, MIB))
            except OSError as error:
                raise FileProblem(f"cannot be read ({error.strerror or error.__class__.__name__})") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:  # it grew since it was measured
        raise FileProblem(f"found more than {size_text(limit)}, expected at most that")
    return b"".join(chunks)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _refuse_constant(name: str):
    raise ValueError(f"found {name}, expected a finite number")


def parse_json(data: bytes, limits: JsonLimits):
    """UTF-8 JSON (a byte-order mark allowed) as Python values, within `limits`; FileProblem otherwise."""
    containers = data.count(b"{") + data.count(b"[")  # brackets inside strings count too: an upper bound
    if containers > limits.max_containers:
        raise FileProblem(f"found {containers} objects and lists, expected at most {limits.max_containers}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_col(data, error.start)
        raise FileProblem("found a byte that is not UTF-8, expected UTF-8 text", line, column) from None
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise FileProblem(f"malformed JSON: {error.msg}", error.lineno, error.colno) from None
    except RecursionError:
        raise FileProblem(f"malformed JSON: found values nested too deeply, expected at most {limits.max_depth} levels") from None
    except ValueError as error:  # a number of thousands of digits, NaN, Infinity
        if "digits" in str(error):  # Python's own words name its internals: say it as a reader would
            raise FileProblem(f"malformed JSON: found a number of more than {sys.get_int_max_str_digits()} digits, expected a number of a sensible size") from None
        raise FileProblem(f"malformed JSON: {_first_line(error)}") from None
    if too_deep(data, limits.max_depth):
        raise FileProblem(f"found values nested more than {limits.max_depth} levels deep, expected at most {limits.max_depth}")
    return value


_ESCAPES = (b"\\\\", b'\\"')  # an escaped backslash, then an escaped quote: taken out in that order, no quote inside a string is left escaped
_KEPT = b'"[]{}'
_NOT_KEPT = bytes(set(range(256)) - set(_KEPT))
_ONE_KIND = bytes.maketrans(b"{}", b"[]")  # in valid JSON they match up, so one kind of bracket tells the depth


def too_deep(data: bytes, most: int) -> bool:
    """Whether valid JSON nests its lists and objects more than `most` deep. Read from the text,
    not the values (millions of numbers need not be visited), at C speed: escaped quotes taken
    out, then all but quotes and brackets, then the strings, then the innermost pairs of
    brackets, one level a pass."""
    for escape in _ESCAPES:
        data = data.replace(escape, b"")
    kept = data.translate(None, _NOT_KEPT).replace(b'""', b"")  # two quotes side by side hide nothing: an empty string, or one string's end and the next one's start
    brackets = b"".join(kept.split(b'"')[::2]).translate(_ONE_KIND)  # the strings' brackets left out
    for _ in range(most):
        if not brackets:
            return False
        brackets = brackets.replace(b"[]", b"")
    return bool(brackets)


def _first_line(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else error.__class__.__name__
    return text if len(text) <= 120 else text[:117] + "..."


def nesting(value, stop: int) -> int:
    """How deep lists and objects nest in a parsed value (without recursion); stops counting past `stop`."""
    deepest = 0
    pending = [(value, 1)] if isinstance(value, (list, dict)) else []
    while pending:
        item, depth = pending.pop()
        deepest = max(deepest, depth)
        if depth > stop:
            return depth
        children = item.values() if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children if isinstance(child, (list, dict)))
    return deepest


def read_json(path: Path | str, limits: JsonLimits):
    """read_bytes then parse_json (FileNotFoundError passes through; anything else is a FileProblem)."""
    return parse_json(read_bytes(path, limits.max_bytes), limits)


def brief(value, most: int = 60) -> str:
    """A found value as a warning shows it, cut short: a user's file may hold a megabyte in one string."""
    if isinstance(value, (list, dict)) and (len(value) > most or nesting(value, 4) > 3):
        return f"a {'list' if isinstance(value, list) else 'object'} of {len(value)}"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * most:
        return f"a number of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value[: most + 1]) if isinstance(value, str) else repr(value)
    return text if len(text) <= most else text[: most - 3] + "..."
