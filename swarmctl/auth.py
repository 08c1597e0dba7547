"""Registry credentials from the Docker CLI's config file, for the X-Registry-Auth header.

Reads ``$DOCKER_CONFIG/config.json`` (default ``~/.docker/config.json``) the way the Docker
CLI and docker-py do: a credential helper (``credHelpers`` for one registry, ``credsStore``
for all) first, then inline ``auths`` entries. Credentials never go to logs or errors.
"""
from __future__ import annotations

import base64
import json
import os
import signal
import subprocess

from swarmctl.config.configfile import (  # noqa: F401
    AuthDecodeError, config_dir, decode_auth, load_config_file, parse_json, read_config_file,
)
from swarmctl.config.errors import DockerException
from swarmctl.golang.strconv import quote

INDEX_NAME = "docker.io"
INDEX_URL = f"https://index.{INDEX_NAME}/v1/"
TOKEN_USERNAME = "<token>"


def load_config(config_path=None, environment=None):
    """The parsed config.json, or ``{}`` when there is none or it is not JSON.

    Args:
        config_path (str): The file to read. Default: ``config.json`` in the configuration
            folder (``DOCKER_CONFIG``, else ``~/.docker``).
        environment (dict): Default: ``os.environ``.

    Returns:
        (dict): The configuration (shared: do not change it).
    """
    if config_path:
        return read_config_file(config_path)
    return load_config_file(environment=environment)


def split_repo_name(repo_name):
    parts = repo_name.split("/", 1)
    if len(parts) == 1 or ("." not in parts[0] and ":" not in parts[0] and parts[0] != "localhost"):
        return INDEX_NAME, repo_name
    return parts[0], parts[1]


def resolve_index_name(index_name):
    index_name = index_name.split("://", 1)[-1].split("/", 1)[0]
    if index_name == f"index.{INDEX_NAME}":
        return INDEX_NAME
    return index_name


def resolve_repository_name(repo_name):
    from swarmctl.errors import InvalidRepository

    if "://" in repo_name:
        raise InvalidRepository(f"Repository name cannot contain a scheme ({repo_name})")
    index_name, remote_name = split_repo_name(repo_name)
    if index_name[0] == "-" or index_name[-1] == "-":
        raise InvalidRepository(
            f"Invalid index name ({index_name}). Cannot begin or end with a hyphen."
        )
    return resolve_index_name(index_name), remote_name


class CredentialHelperError(DockerException):
    """A credential helper (``credsStore``/``credHelpers``) failed: docker's
    ``error getting credentials - err: ..., out: `...``` (its own words), so nothing is sent
    without the credentials the user configured."""


# What a helper prints (and exits non-zero) when it has nothing for the registry: then the
# inline ``auths`` entry is used, as docker-py does.
_NOT_FOUND = "credentials not found in native keychain"
# docker waits for ever; a helper that hangs (a locked keychain) should not hang swarmctl.
_HELPER_TIMEOUT = 30


def _from_helper(helper, registry, credstore_env=None):
    """The helper's credentials for ``registry``; None when it has none.

    Raises:
        CredentialHelperError: When the helper cannot run, fails or answers garbage.
    """
    server = INDEX_URL if registry in (INDEX_NAME, None) else registry
    program = f"docker-credential-{helper}"
    env = None
    if credstore_env:
        env = dict(os.environ)
        env.update(credstore_env)
    try:
        # stderr is the user's to see, as with docker.
        result = subprocess.run([program, "get"], input=server.encode(), stdout=subprocess.PIPE,
                                env=env, timeout=_HELPER_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise _helper_error(f"{program} did not answer within {_HELPER_TIMEOUT}s", b"") from None
    except (OSError, ValueError) as error:   # ValueError: a NUL in the name
        raise _helper_error(_exec_failure(program, error), b"") from None
    output = result.stdout
    if result.returncode != 0:
        if output.strip() == _NOT_FOUND.encode():
            return None
        raise _helper_error(_exit_status(result.returncode), output)
    answer = _helper_answer(output)
    if answer.get("Username") == TOKEN_USERNAME:
        return {"serveraddress": server, "identitytoken": answer.get("Secret")}
    return {"username": answer.get("Username"), "password": answer.get("Secret"),
            "serveraddress": server}


def _helper_error(reason, output):
    text = output.decode("utf-8", "replace").strip()
    return CredentialHelperError(f"error getting credentials - err: {reason}, out: `{text}`")


def _exec_failure(program, error):
    """Go's words when a program cannot be started."""
    if "/" not in program and isinstance(error, (FileNotFoundError, PermissionError, ValueError)):
        # Go looks the name up in PATH and skips what it cannot execute.
        return f"exec: {quote(program)}: executable file not found in $PATH"
    reason = (getattr(error, "strerror", None) or str(error)).lower()
    return f"fork/exec {program}: {reason}"


def _exit_status(returncode):
    """Go's ``*exec.ExitError`` text."""
    if returncode < 0:
        name = signal.strsignal(-returncode) or f"signal {-returncode}"
        return f"signal: {name[:1].lower()}{name[1:]}"
    return f"exit status {returncode}"


def _helper_answer(output):
    """The helper's JSON object ({"Username", "Secret"}), or docker's decoding error."""
    text = output.decode("utf-8", "replace")
    stripped = text.strip()
    if not stripped:
        raise CredentialHelperError("EOF")
    try:
        # Go reads the first JSON value and ignores what follows it.
        answer, _end = json.JSONDecoder().raw_decode(stripped)
    except RecursionError:
        raise CredentialHelperError(_nesting_error(stripped)) from None
    except ValueError as error:
        reason = _go_json_syntax_error(stripped, error)
        raise CredentialHelperError(reason) from None
    if not isinstance(answer, dict):
        kind = _json_kind(answer)
        raise CredentialHelperError(
            f"json: cannot unmarshal {kind} into Go value of type credentials.Credentials")
    for field in ("Username", "Secret"):
        value = answer.get(field)
        if value is not None and not isinstance(value, str):
            raise CredentialHelperError(
                f"json: cannot unmarshal {_json_kind(value)} into Go struct field "
                f"Credentials.{field} of type string")
    return answer


def _nesting_error(text):
    """Go's words for JSON nested too deep (what parse_json raises for it)."""
    try:
        parse_json(text)
    except ValueError as error:
        return str(error)
    return "exceeded max depth"


def _go_json_syntax_error(text, error):
    """Go's words for the commonest ways a helper's answer is not JSON (Python's otherwise)."""
    first = text[0]
    if first not in '{["-0123456789tfn':
        return f"invalid character {first!r} looking for beginning of value"
    for literal in ("true", "false", "null"):
        if first == literal[0]:
            for index, expected in enumerate(literal):
                if index == len(text):
                    return "unexpected EOF"
                if text[index] != expected:
                    return (f"invalid character {text[index]!r} in literal {literal} "
                            f"(expecting {expected!r})")
    return str(error)


def _json_kind(value):
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), "value")


def _text(entry, field):
    value = entry.get(field)
    return value if isinstance(value, str) else None


def resolve_authconfig(config, registry=None, credstore_env=None):
    """The auth config dict for ``registry`` (docker.io when None), or None.

    Raises:
        CredentialHelperError: When the registry's credential helper fails.
    """
    registry = resolve_index_name(registry) if registry else INDEX_NAME
    cred_helpers = config.get("credHelpers")
    helper = (cred_helpers if isinstance(cred_helpers, dict) else {}).get(registry) \
        or config.get("credsStore")
    if helper and isinstance(helper, str):
        found = _from_helper(helper, registry, credstore_env)
        if found is not None:
            return found
    auths = config.get("auths")
    for key, entry in (auths if isinstance(auths, dict) else {}).items():
        if resolve_index_name(key) != registry:
            continue
        if not isinstance(entry, dict):
            return {}
        return _inline_authconfig(key, entry)
    return None


def _inline_authconfig(key, entry):
    """An ``auths`` entry as the Docker CLI's AuthConfig: its field order, its JSON names."""
    result = {}
    encoded = _text(entry, "auth")
    if encoded:
        try:
            username, password = decode_auth(encoded)
        except AuthDecodeError:
            # docker warned when loading the file (configfile.py) and sends the entry as it
            # stands, undecoded.
            for field in ("username", "password", "auth", "email", "serveraddress",
                          "identitytoken"):
                if _text(entry, field):
                    result[field] = entry[field]
            return result
        result.update(username=username, password=password)
    elif _text(entry, "username"):
        result.update(username=entry["username"], password=_text(entry, "password"))
    if _text(entry, "email"):
        result["email"] = entry["email"]
    if result or _text(entry, "identitytoken"):
        result["serveraddress"] = key
    if _text(entry, "identitytoken"):
        result["identitytoken"] = entry["identitytoken"]
    return result


def resolve_authconfig_for_image(client, image):
    registry, _ = resolve_repository_name(image)
    if client._auth_configs is None:
        client._auth_configs = load_config()
    return resolve_authconfig(client._auth_configs, registry, client.credstore_env)


def encode_header(auth_config):
    """base64url of the compact JSON, as the Docker CLI sends X-Registry-Auth."""
    text = json.dumps(auth_config, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii")
