"""What the benchmark scripts share: running on one core, so that figures are per core."""

from __future__ import annotations

import os


def pin_to_one_core() -> str:
    """Pin this process to one CPU; say which (or why not) for the report's header."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (os.sched_setaffinity is not available here)"
    allowed = sorted(os.sched_getaffinity(0))
    core = 0 if 0 in allowed else allowed[0]
    try:
        os.sched_setaffinity(0, {core})
    except OSError as error:
        return f"not pinned ({error.strerror})"
    return f"pinned to CPU {core}"
