"""Registry credentials from the Docker CLI's config file, for the X-Registry-Auth header.

Reads ``$DOCKER_CONFIG/config.json`` (default ``~/.docker/config.json``) the way the Docker
CLI and docker-py do: a credential helper (``credHelpers`` for one registry, ``credsStore``
for all) first, then inline ``auths`` entries. Credentials never go to logs or errors.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess

from swarmctl.config.configfile import config_dir, load_config_file, read_config_file  # noqa: F401

INDEX_NAME = "docker.io"
INDEX_URL = f"https://index.{INDEX_NAME}/v1/"
TOKEN_USERNAME = "<token>"


def load_config(config_path=None, environment=None):
    """The parsed config.json, or ``{}`` when there is none or it cannot be read.

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


def _decode_auth(encoded):
    login = base64.b64decode(encoded).decode("utf-8")
    username, _, password = login.partition(":")
    return username, password


def _from_helper(helper, registry, credstore_env=None):
    server = INDEX_URL if registry in (INDEX_NAME, None) else registry
    env = None
    if credstore_env:
        env = dict(os.environ)
        env.update(credstore_env)
    try:
        result = subprocess.run(
            [f"docker-credential-{helper}", "get"], input=server, capture_output=True,
            text=True, env=env, timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    try:
        answer = json.loads(result.stdout)
    except ValueError:
        return None
    if answer.get("Username") == TOKEN_USERNAME:
        return {"serveraddress": server, "identitytoken": answer.get("Secret")}
    return {"username": answer.get("Username"), "password": answer.get("Secret"),
            "serveraddress": server}


def resolve_authconfig(config, registry=None, credstore_env=None):
    """The auth config dict for ``registry`` (docker.io when None), or None."""
    registry = resolve_index_name(registry) if registry else INDEX_NAME
    helper = (config.get("credHelpers") or {}).get(registry) or config.get("credsStore")
    if helper:
        found = _from_helper(helper, registry, credstore_env)
        if found is not None:
            return found
    for key, entry in (config.get("auths") or {}).items():
        if resolve_index_name(key) != registry:
            continue
        if not isinstance(entry, dict):
            return {}
        # The Docker CLI's AuthConfig, in its field order with its JSON names.
        result = {}
        if entry.get("auth"):
            username, password = _decode_auth(entry["auth"])
            result.update(username=username, password=password)
        elif entry.get("username"):
            result.update(username=entry["username"], password=entry.get("password"))
        if entry.get("email"):
            result["email"] = entry["email"]
        if result or entry.get("identitytoken"):
            result["serveraddress"] = key
        if entry.get("identitytoken"):
            result["identitytoken"] = entry["identitytoken"]
        return result
    return None


def resolve_authconfig_for_image(client, image):
    registry, _ = resolve_repository_name(image)
    if client._auth_configs is None:
        client._auth_configs = load_config()
    return resolve_authconfig(client._auth_configs, registry, client.credstore_env)


def encode_header(auth_config):
    """base64url of the compact JSON, as the Docker CLI sends X-Registry-Auth."""
    text = json.dumps(auth_config, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii")
