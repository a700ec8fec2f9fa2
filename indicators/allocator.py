"""Let the process keep the memory it frees, so that the engine's next arrays reuse it (glibc only).

The engine works on whole timelines: ten years of 10-minute data is a 4 MB array per series, and
evaluating the published set allocates and frees a few hundred arrays of that size. With its
default settings glibc hands freed memory at the top of the heap straight back to the operating
system, so the next array of the same size must be faulted in and zeroed by the kernel again, page
by page. On the virtual machines we run on that costs about as much as the computation itself
(``benchmarks/engine.py`` prints both figures).

:func:`keep_freed_memory` raises glibc's trim threshold so freed memory stays in the process for
reuse, and serves arrays up to 32 MB from the heap. The price is that the process keeps its peak
memory (a few hundred MB for ten years of 50 series) instead of shrinking between evaluations:
the right trade for the dashboard and the command line, which evaluate again and again. It is a
process-wide setting, so only entry points call it, never library code.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_HEAP_ARRAYS_UP_TO = 32 * 2**20  # glibc's upper limit for the mmap threshold on 64-bit systems
_KEEP_UP_TO = 2 * 2**30
_USER_SETTINGS = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES")


def keep_freed_memory() -> bool:
    """Keep up to 2 GB of freed memory in the process for reuse. True when the setting was applied.

    Does nothing (False) on other C libraries or platforms, and when the user already tunes glibc's
    allocator through its environment variables.
    """
    if not sys.platform.startswith("linux") or any(name in os.environ for name in _USER_SETTINGS):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # no glibc (musl, for one, has no mallopt)
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, _HEAP_ARRAYS_UP_TO)) and bool(mallopt(_M_TRIM_THRESHOLD, _KEEP_UP_TO))
