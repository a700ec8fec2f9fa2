"""The dashboard and CLI keep freed memory for reuse; a user's own glibc settings win."""
from __future__ import annotations

import sys

import pytest

from indicators.allocator import keep_freed_memory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc allocator setting, Linux only")
def test_the_setting_is_applied_on_linux_with_glibc():
    # CI and the servers run Debian (glibc): without this the engine is up to twice as slow there
    assert keep_freed_memory() is True


def test_a_users_own_allocator_settings_are_left_alone(monkeypatch):
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1000000")
    assert keep_freed_memory() is False
