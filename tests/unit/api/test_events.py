"""APIClient.events / DockerClient.events: docker-py's names, the query they send, and the
stream of JSON objects (split across chunks, one per line)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

EVENTS = [
    {"Type": "service", "Action": "create", "Actor": {"ID": "s1", "Attributes": {"name": "web"}},
     "scope": "swarm", "time": 1700000000},
    {"Type": "service", "Action": "update", "Actor": {"ID": "s1", "Attributes": {"name": "web"}},
     "scope": "swarm", "time": 1700000001},
]
STREAM = b"".join(json.dumps(event).encode() + b"\n" for event in EVENTS)


def test_events_query_and_decoding(fake_engine):
    fake_engine.reply("GET", "/v1.41/events", raw=STREAM)
    client = fake_engine.api_client(timeout=7)
    since = datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    events = list(client.events(since=since, until=1700000100,
                                filters={"type": ["service", "node"]}, decode=True))
    assert events == EVENTS
    sent = fake_engine.sent[0]
    assert sent.query == {"since": ["1700000000"], "until": ["1700000100"],
                          "filters": ['{"type": ["service", "node"]}']}
    assert sent.stream is True and sent.timeout == (7, None)  # silent for hours is fine


def test_events_without_decode_are_one_bytes_object_each(fake_engine):
    fake_engine.reply("GET", "/v1.41/events", raw=STREAM)
    stream = fake_engine.api_client().events()
    assert fake_engine.sent[0].query == {}
    assert [json.loads(raw) for raw in stream] == EVENTS


def test_events_close_ends_the_stream(fake_engine):
    fake_engine.reply("GET", "/v1.41/events", raw=STREAM)
    stream = fake_engine.api_client().events(decode=True)
    assert stream.next() == EVENTS[0]
    stream.close()
    assert list(stream) == []


def test_docker_client_events(fake_engine):
    fake_engine.reply("GET", "/v1.41/events", raw=STREAM)
    client = fake_engine.docker_client()
    assert list(client.events(decode=True)) == EVENTS
