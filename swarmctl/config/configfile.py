"""The Docker CLI's configuration folder and its ``config.json``.

The folder is ``--config``, else ``DOCKER_CONFIG``, else ``~/.docker`` (docker/cli
``config.Dir``). ``config.json`` holds what several parts of swarmctl read: registry
credentials (``auths``, ``credsStore``, ``credHelpers``), ``currentContext``, and the
``servicesFormat``/``tasksFormat``/``serviceInspectFormat`` templates. It is parsed once per
process and again only when the file changes.
"""
from __future__ import annotations

import json
import os

CONFIG_FILE_NAME = "config.json"

# Go's JSON decoder refuses nesting deeper than this; Python's parser gives up earlier (at
# its recursion limit, about a thousand levels) with a RecursionError.
_GO_MAX_JSON_DEPTH = 10000


def parse_json(data):
    """``json.loads`` as Go decodes: nesting too deep for the parser is a ValueError with
    Go's words (``invalid character '[' exceeded max depth``), not a RecursionError, and an
    unpaired surrogate escape is U+FFFD.

    Args:
        data (str or bytes): The JSON text.

    Returns:
        The decoded value.

    Raises:
        ValueError: If ``data`` is not JSON.
    """
    try:
        value = json.loads(data)
    except RecursionError:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        raise ValueError(f"invalid character {_too_deep(text)!r} exceeded max depth") from None
    return _without_lone_surrogates(value)


def _without_lone_surrogates(value):
    """Go decodes a ``\\uD800`` escape without its pair as U+FFFD; Python keeps a lone
    surrogate, which no output can encode."""
    if isinstance(value, str):
        if any("\ud800" <= char <= "\udfff" for char in value):
            return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char
                           for char in value)
        return value
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item)
                for key, item in value.items()}
    return value


def _too_deep(text):
    """The bracket that opens the level Go refuses (or the deepest one, for the levels only
    Python refuses)."""
    depth, deepest, deepest_char, in_string, escaped = 0, 0, "[", False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, deepest_char = depth, char
            if depth > _GO_MAX_JSON_DEPTH:
                return char
        elif char in "]}":
            depth -= 1
    return deepest_char


class AuthDecodeError(ValueError):
    """An ``auths`` entry's ``auth`` that docker cannot decode; ``str()`` is docker's reason."""


# path -> ((device, inode, mtime, ctime, size) or None, parsed config, warning or None)
_cache: dict[str, tuple] = {}


def config_dir(environment=None, override=None):
    """The configuration folder the Docker CLI would use.

    Args:
        environment (dict): The environment to read ``DOCKER_CONFIG`` from. Default:
            ``os.environ``.
        override (str): The ``--config`` value, which wins when given.

    Returns:
        (str): The folder's path (it need not exist).
    """
    if override:
        return override
    environment = os.environ if environment is None else environment
    return environment.get("DOCKER_CONFIG") or os.path.join(os.path.expanduser("~"), ".docker")


def load_config_file(directory=None, warn=None, environment=None):
    """The parsed ``config.json`` of a configuration folder, ``{}`` when absent.

    Args:
        directory (str): The configuration folder. Default: :func:`config_dir` of
            ``environment``.
        warn (callable): Called with docker's warning line when the file cannot be read or
            parsed (``WARNING: Error parsing config file (PATH): ...``); the file then counts
            as empty, as it does for docker.
        environment (dict): Used only to find the folder when ``directory`` is None.

    Returns:
        (dict): The configuration. Callers must not change it: it is shared.
    """
    directory = directory or config_dir(environment)
    return read_config_file(os.path.join(directory, CONFIG_FILE_NAME), warn)


def read_config_file(path, warn=None):
    """The parsed configuration file at ``path``, cached until the file changes.

    Args:
        path (str): The file's path.
        warn (callable): As for :func:`load_config_file`; called again on every call for
            a broken file, as each reading by docker would warn.

    Returns:
        (dict): The configuration, ``{}`` when the file is absent, empty, not JSON or not a
        JSON object.
    """
    try:
        status = os.stat(path)
        key = (status.st_dev, status.st_ino, status.st_mtime_ns, status.st_ctime_ns,
               status.st_size)
    except OSError:
        key = None
    cached = _cache.get(path)
    if cached is None or cached[0] != key:
        config, warning = _parse_config_file(path)
        cached = _cache[path] = (key, config, warning)
    _key, config, warning = cached
    if warning and warn:
        warn(warning)
    return config


def _parse_config_file(path):
    """(configuration, warning or None) for the file at ``path``."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return {}, None
    except OSError as error:
        return {}, f"WARNING: Error loading config file: {path}: {error.strerror or error}"
    # Go's JSON decoder takes invalid UTF-8 inside strings as U+FFFD; so does this.
    text = data.decode("utf-8", "replace")
    if not text.strip():
        return {}, None
    try:
        config = parse_json(text)
    except ValueError as error:
        truncated = "Expecting" in str(error) and error.pos >= len(text.rstrip())
        reason = "unexpected EOF" if truncated else str(error)
        return {}, f"WARNING: Error parsing config file ({path}): {reason}"
    if not isinstance(config, dict):
        return {}, None
    # docker decodes every inline credential while loading, warns about the first it cannot
    # decode and goes on with the rest of the file (auth.py sends such an entry undecoded).
    for entry in _auth_entries(config):
        try:
            decode_auth(entry["auth"])
        except AuthDecodeError as error:
            return config, f"WARNING: Error parsing config file ({path}): {error}"
    return config, None


def _auth_entries(config):
    auths = config.get("auths")
    if not isinstance(auths, dict):
        return []
    return [entry for entry in auths.values()
            if isinstance(entry, dict) and isinstance(entry.get("auth"), str) and entry["auth"]]


def decode_auth(encoded):
    """The ``(username, password)`` in an ``auths`` entry's ``auth`` (base64 of
    ``user:password``), decoded as docker decodes it.

    Args:
        encoded (str): The ``auth`` value (not empty).

    Returns:
        (tuple): Two strings; bytes that are not UTF-8 become U+FFFD.

    Raises:
        AuthDecodeError: Not base64 (Go's words, with the offset), or no ``user:`` in it.
    """
    # Imported here: completion loads this layer alone and must stay within it
    # (tests/unit/test_imports.py); only files with inline credentials need Go's base64.
    from swarmctl.golang.base64 import std_decode

    try:
        login = std_decode(encoded.encode("utf-8", "replace"))
    except ValueError as error:
        raise AuthDecodeError(str(error)) from None
    username, colon, password = login.partition(b":")
    if not colon or not username:
        raise AuthDecodeError("Invalid auth configuration file")
    return (username.decode("utf-8", "replace"),
            password.strip(b"\x00").decode("utf-8", "replace"))
