"""Go channels crossing both ways (test_projects/chans): channel classes per element type and
direction, send/recv/close with timeouts, iteration, Python iterables feeding channel parameters,
Ctrl-C during a blocking operation, and many Python threads on one channel."""

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import raises


def test_results_and_making_channels(surface):
    surface('chans', '\n'.join([
        'import chans as c',
        'ch = c.Count(5)',
        'assert type(ch).__name__ == "RecvChan_int"',
        'assert [ch.recv() for _ in range(5)] == [0, 1, 2, 3, 4]',
        raises('EOFError', 'ch.recv()', 'closed'),
        raises('EOFError', 'ch.recv(timeout=0)', 'closed'),
        'assert list(c.Count(4)) == [0, 1, 2, 3]',
        'b = c.Chan_int(3)',
        'assert b.cap == 3 and len(b) == 0',
        'b.send(7); b.send(8, timeout=0)',
        'assert len(b) == 2 and b.recv() == 7 and b.recv(0) == 8',
        'u = c.Chan_int()',
        'assert u.cap == 0',
        raises('ValueError', 'c.Chan_int(-1)', 'negative'),
        'assert c.Nil() is None',
        'assert "chan int" in repr(b) and "cap 3" in repr(b)',
    ]))
