"""docker's --since values (swarmctl.service.timestamps, docker's ``GetTimestamp``).

The expected values were taken from the Docker CLI 28.2.2 itself: the ``since`` values are
what it sent to the engine (recorded by a proxy on the engine socket, with TZ=UTC,
Asia/Kolkata and America/New_York), the error texts are what it printed.
"""
import pytest

from swarmctl.service import timestamps

UTC, KOLKATA, NEW_YORK = 0, 19800, -18000

SINCE_OK = [
    ("2013-01-02", UTC, "1357084800.000000000"),
    ("2013-01-02T13:23:37Z", UTC, "1357133017.000000000"),
    ("2013-01-02T13:23:37", UTC, "1357133017.000000000"),
    ("2013-01-02T13:23", UTC, "1357132980.000000000"),
    ("2013-01-02T13", UTC, "1357131600.000000000"),
    ("2013-01-02T13:23:37.123456789Z", UTC, "1357133017.123456789"),
    ("2013-01-02T13:23:37.5", UTC, "1357133017.500000000"),
    ("2013-01-02T13:23:37,5", UTC, "1357133017.500000000"),
    ("2013-01-02T13:23:37,5Z", UTC, "1357133017.500000000"),
    ("2013-01-02T13:23:37.1234567891234Z", UTC, "1357133017.123456789"),
    ("2013-01-02T13:23:37+01:00", UTC, "1357129417.000000000"),
    ("2013-01-02T13:23:37-01:30", UTC, "1357138417.000000000"),
    ("2013-01-02T13:23+02:00", UTC, "1357125780.000000000"),
    ("2013-01-02T13+02:00", UTC, "1357124400.000000000"),
    ("2013-01-02Z", UTC, "1357084800.000000000"),
    ("2013-01-02+01:00", UTC, "1357081200.000000000"),
    ("2013-01-02T10:00:00+01:60", UTC, "1357113600.000000000"),
    ("2013-01-02T10:00:00+24:00", UTC, "1357034400.000000000"),
    ("0001-01-01", UTC, "-62135596800.000000000"),
    ("0000-01-01T00:00:00Z", UTC, "-62167219200.000000000"),
    ("9999-12-31T23:59:59.999999999Z", UTC, "253402300799.999999999"),
    ("2012-02-29", UTC, "1330473600.000000000"),
    ("1136073600", UTC, "1136073600"),
    ("1136073600.000000001", UTC, "1136073600.000000001"),
    ("+5", UTC, "+5"),
    ("0", UTC, "0"),
    ("1.5", UTC, "1.5"),
    ("2013-01-02", KOLKATA, "1357065000.000000000"),
    ("2013-01-02T13:23:37", KOLKATA, "1357113217.000000000"),
    ("2013-01-02T13:23", KOLKATA, "1357113180.000000000"),
    ("2013-01-02T13", KOLKATA, "1357111800.000000000"),
    ("2013-01-02T13:23:37.5", KOLKATA, "1357113217.500000000"),
    ("2013-01-02T13:23:37,5", KOLKATA, "1357113217.500000000"),
    ("2013-01-02T13:23:37Z", KOLKATA, "1357133017.000000000"),
    ("2013-01-02+01:00", KOLKATA, "1357081200.000000000"),
    ("2012-02-29", KOLKATA, "1330453800.000000000"),
    ("2013-01-02", NEW_YORK, "1357102800.000000000"),
    ("2013-01-02T13:23:37", NEW_YORK, "1357151017.000000000"),
    ("0001-01-01", NEW_YORK, "-62135578800.000000000"),
    ("2013-01-02T13:23:37-01:30", NEW_YORK, "1357138417.000000000"),
]


@pytest.mark.parametrize("value, offset, expected", SINCE_OK)
def test_since_values(value, offset, expected):
    assert timestamps.get_timestamp(value, 1_795_745_687_000_000_000, local_offset=offset) == expected


@pytest.mark.parametrize("value, seconds_ago", [
    ("10m", 600), ("1h30m", 5400), ("42m", 2520), ("1.5s", 1.5), ("-10m", -600), ("-0", 0),
    ("0s", 0), ("1us", 0.000001),
])
def test_since_durations_are_now_minus_d_in_whole_seconds(value, seconds_ago):
    now = 1_795_745_687_250_000_000
    expected = (now - int(seconds_ago * 1_000_000_000)) // 1_000_000_000
    assert timestamps.get_timestamp(value, now) == str(expected)


F = 'failed to parse value as time or duration: '
SINCE_ERRORS = [
    ("yesterday", F + '"yesterday"'),
    ("1.5.3", F + '"1.5.3"'),
    ("1.", F + '"1."'),
    (".5", F + '".5"'),
    ("99999999999999999999", F + '"99999999999999999999"'),
    ("z", F + '"z"'),
    ("Z", F + '"Z"'),
    (" ", F + '" "'),
    ("1e5", F + '"1e5"'),
    ("0x10", F + '"0x10"'),
    ("ü", F + '"ü"'),
    ("tab\there", F + '"tab\\there"'),
    ("2013-13-01", 'parsing time "2013-13-01": month out of range'),
    ("2013-00-10", 'parsing time "2013-00-10": month out of range'),
    ("2013-02-30", 'parsing time "2013-02-30": day out of range'),
    ("2013-02-29", 'parsing time "2013-02-29": day out of range'),
    ("2013-01-00", 'parsing time "2013-01-00": day out of range'),
    ("2013-01-32", 'parsing time "2013-01-32": day out of range'),
    ("2013-1-02", 'parsing time "2013-1-02" as "2006-01-02": cannot parse "1-02" as "01"'),
    ("-5", 'parsing time "-5" as "2006-01-02": cannot parse "-5" as "2006"'),
    ("-", 'parsing time "-" as "2006-01-02": cannot parse "-" as "2006"'),
    ("20a3-01-02", 'parsing time "20a3-01-02" as "2006-01-02": cannot parse "20a3-01-02" as "2006"'),
    ("2013-ü", 'parsing time "2013-\\xc3\\xbc" as "2006-01-02": cannot parse "\\xc3\\xbc" as "01"'),
    ("2013-01-02T25:00", 'parsing time "2013-01-02T25:00": hour out of range'),
    ("2013-01-02T24:00", 'parsing time "2013-01-02T24:00": hour out of range'),
    ("2013-01-02T10:61", 'parsing time "2013-01-02T10:61": minute out of range'),
    ("2013-01-02T10:00:61", 'parsing time "2013-01-02T10:00:61": second out of range'),
    ("2013-01-02T10:00:60", 'parsing time "2013-01-02T10:00:60": second out of range'),
    ("2013-01-02T10:00:00+25:00",
     'parsing time "2013-01-02T10:00:00+25:00": time zone offset hour out of range'),
    ("2013-01-02T10:00:00+01:61",
     'parsing time "2013-01-02T10:00:00+01:61": time zone offset minute out of range'),
    ("2013-01-02T10:00:00+25:61",
     'parsing time "2013-01-02T10:00:00+25:61": time zone offset minute out of range'),
    ("2013-01-02x", 'parsing time "2013-01-02x": extra text: "x"'),
    ("2013-01-02\t", 'parsing time "2013-01-02\\x09": extra text: "\\x09"'),
    ("2013-01-02T", 'parsing time "2013-01-02T" as "2006-01-02T15": cannot parse "" as "15"'),
    ("2013-1-2T3", 'parsing time "2013-1-2T3" as "2006-01-02T15": cannot parse "1-2T3" as "01"'),
    ("2013-01-02T1:2:3",
     'parsing time "2013-01-02T1:2:3" as "2006-01-02T15:04:05": cannot parse "2:3" as "04"'),
    ("2013-01-02T10:00:00Zjunk", 'parsing time "2013-01-02T10:00:00Zjunk": extra text: "junk"'),
    ("2013-01-02 10:00", 'parsing time "2013-01-02 10:00": extra text: " 10:00"'),
    ("2013-01-02t10:00", 'parsing time "2013-01-02t10:00": extra text: "t10:00"'),
    ("2013-01-02T10:00:00.abc", 'parsing time "2013-01-02T10:00:00.abc": extra text: ".abc"'),
    ("2013-01-02T10:00:00x01:00", 'parsing time "2013-01-02T10:00:00x01:00": extra text: "x01:00"'),
    ("2013-01-02T10:00:00+01:00:00",
     'parsing time "2013-01-02T10:00:00+01:00:00": extra text: ":00"'),
    ("2013--01-02",
     'parsing time "2013--01-02" as "2006-01-02Z07:00": cannot parse "-01-02" as "01"'),
    ("2006-01-02T15:04:05.999Z07:00",
     'parsing time "2006-01-02T15:04:05.999Z07:00": extra text: "07:00"'),
    ("2013-01-02T10:00:00+1:00", ('parsing time "2013-01-02T10:00:00+1:00" as '
     '"2006-01-02T15:04:05Z07:00": cannot parse "+1:00" as "Z07:00"')),
    ("2013-01-02T10:00:00+ab:00", ('parsing time "2013-01-02T10:00:00+ab:00" as '
     '"2006-01-02T15:04:05Z07:00": cannot parse "+ab:00" as "Z07:00"')),
    ("2013-01-02T10:00:00+0100", ('parsing time "2013-01-02T10:00:00+0100" as '
     '"2006-01-02T15:04Z07:00": cannot parse ":00+0100" as "Z07:00"')),
    ("2013-01-02T10:00:00.-5Z", ('parsing time "2013-01-02T10:00:00.-5Z" as '
     '"2006-01-02T15:04:05.999999999Z07:00": cannot parse ".-5Z" as "Z07:00"')),
    ("2013-01-02T10:00:00.+5Z", ('parsing time "2013-01-02T10:00:00.+5Z" as '
     '"2006-01-02T15:04:05.999999999Z07:00": cannot parse ".+5Z" as "Z07:00"')),
    ("2013-01-02T13:23:37.Z", ('parsing time "2013-01-02T13:23:37.Z" as '
     '"2006-01-02T15:04:05.999999999Z07:00": cannot parse ".Z" as "Z07:00"')),
]


@pytest.mark.parametrize("value, message", SINCE_ERRORS)
def test_since_errors(value, message):
    with pytest.raises(timestamps.SinceError) as info:
        timestamps.get_timestamp(value, 1_795_745_687_000_000_000, local_offset=0)
    assert str(info.value) == message
