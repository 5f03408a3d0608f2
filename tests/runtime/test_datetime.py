"""⎕DT (apl/runtime/datetime.py), against the examples of Dyalog's Language Reference
(LRG/system-functions/dt) and Python's own calendar."""
import datetime

import numpy as np
import pytest
from apl_values import BACKENDS, error_on, run_on, same


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    ("1 ⎕DT ⊂1 1 1 0 0 0 0", -693594),          # the first day of the proleptic calendar
    ("1 ⎕DT ⊂1899 12 31", 0),                     # the Dyalog Date Number's epoch
    ("1 ⎕DT ⊂1970 1 1", 25568),
    ("20 1 ⎕DT 0", 25568),                        # Unix time 0 as a Dyalog Date Number
    ("1 20 ⎕DT 25568", 0),
    ("12 ⎕DT ⊂1970 1 2", 86_400_000),             # JavaScript milliseconds
    ("20 ⎕DT ⊂2000 1 1", 946_684_800),
    ("10 ⎕DT ⊂2000 1 1 0 0 1", 10**9),            # .NET ticks from 2000: nanoseconds
    ("61 ⎕DT ⊂2024 5 6 7 8 9", 20240506070809),   # YYYYMMDDhhmmss
])
def test_time_numbers(backend, src, expected):
    assert run_on(src, backend) == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_timestamps(backend):
    # 0.42843 of a day is 10:16:56.352
    # the result has Y's shape: a scalar Y gives an enclosed timestamp
    same(run_on("⊃¯1 ⎕DT 43508.42843", backend), np.array([2019, 2, 13, 10, 16, 56, 352]))
    same(run_on("⊃20 ¯1 ⎕DT 1700000000", backend), np.array([2023, 11, 14, 22, 13, 20, 0]))
    same(run_on("⊃20 ¯2 ⎕DT 1.5", backend), np.array([1970, 1, 1, 0, 0, 1, 500_000]))
    same(run_on("⍴¯1 ⎕DT 2 3⍴0", backend), np.array([2, 3]))
    same(run_on("≢¨¯1 ⎕DT 0 1", backend), np.array([7, 7]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_zero_validates_each_datetime(backend):
    same(run_on("0 ⎕DT (2019 2 30)(2019 2 28)(2020 2 29)(2019 13 1)", backend),
         np.array([0, 1, 1, 0]))
    same(run_on("0 ⎕DT (2019 2 28 24 0 0)(2019 2 28 23 59 59 999)", backend), np.array([0, 1]))


def test_round_trips_through_every_time_number_code():
    codes = [1, 2, 10, 11, 12, 13, 14, 15, 16, 17, 20, 33, 41, 42, 43, 44, 50, 52, 53, 54, 55, 56]
    for code in codes:
        src = f"⊃{code} ¯1 ⎕DT {code} ⎕DT ⊂2021 7 14 5 6 7 250"  # a lone code is the output
        # tick counts are whole: codes counting seconds drop the milliseconds
        same(run_on(src), np.array([2021, 7, 14, 5, 6, 7, 0 if code in (20, 43, 44) else 250]))


def test_now_in_utc_agrees_with_python():
    stamp = run_on("⊃¯1 ⎕DT 'Z'").tolist()
    now = datetime.datetime.now(datetime.timezone.utc)
    then = datetime.datetime(*stamp[:6], stamp[6] * 1000, tzinfo=datetime.timezone.utc)
    assert abs((now - then).total_seconds()) < 60


@pytest.mark.parametrize("src, name", [
    ("⎕DT 0", "SYNTAX ERROR"),
    ("99 ⎕DT 0", "DOMAIN ERROR"),                 # no such code
    ("1 ⎕DT ⊂2019 2 30", "DOMAIN ERROR"),          # no such date
    ("1 ⎕DT ⊂1 2 3 4 5 6 7 8", "LENGTH ERROR"),    # a timestamp has at most 7 items
    ("1 2 3 ⎕DT 0", "LENGTH ERROR"),
    ("41 ⎕DT ⊂1900 1 1", "DOMAIN ERROR"),           # before code 41's epoch, which is unsigned
    ("1 ⎕DT 'é'", "DOMAIN ERROR"),                 # not a military time-zone letter
    ("'%ISO%' ⎕DT 0", "NONCE ERROR"),              # patterns are not supported
])
def test_errors(src, name):
    assert error_on(src) == name
