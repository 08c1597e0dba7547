"""Docker image references (distribution/reference): parsing and the familiar forms docker shows.

Shared by the output layer (the IMAGE column) and the update/create path (normalising and
pinning images as the Docker client library does).
"""
from __future__ import annotations

import functools
import re
from typing import Dict, Tuple

# distribution/reference v0.6.0

_ALNUM = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN_NAME = _DOMAIN_COMPONENT + r"(?:\." + _DOMAIN_COMPONENT + r")*"
_IPV6 = r"\[(?:[a-fA-F0-9:]+)\]"
_HOST = r"(?:" + _DOMAIN_NAME + r"|" + _IPV6 + r")"
_DOMAIN_AND_PORT = _HOST + r"(?::[0-9]+)?"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}"
_PATH_COMPONENT = _ALNUM + r"(?:" + _SEPARATOR + _ALNUM + r")*"
_REMOTE_NAME = _PATH_COMPONENT + r"(?:/" + _PATH_COMPONENT + r")*"
_NAME = r"(?:" + _DOMAIN_AND_PORT + r"/)?" + _REMOTE_NAME

_REFERENCE_PATTERN = r"^(" + _NAME + r")(?::(" + _TAG + r"))?(?:@(" + _DIGEST + r"))?$"
_ANCHORED_NAME_PATTERN = r"^(?:(" + _DOMAIN_AND_PORT + r")/)?(" + _REMOTE_NAME + r")$"
_IDENTIFIER_PATTERN = r"^[a-f0-9]{64}$"
_REGEXES: "Dict[str, re.Pattern]" = {}


def _regex(pattern: str) -> "re.Pattern":
    # compiled on first use: importing this module stays cheap
    rx = _REGEXES.get(pattern)
    if rx is None:
        rx = _REGEXES[pattern] = re.compile(pattern, re.ASCII)
    return rx


_DIGEST_SIZES = {"sha256": 64, "sha384": 96, "sha512": 128}

_DEFAULT_DOMAIN = "docker.io"
_LEGACY_DEFAULT_DOMAIN = "index.docker.io"
_OFFICIAL_REPO_PREFIX = "library/"


def _split_docker_domain(name: str) -> Tuple[str, str]:
    maybe_domain, sep, maybe_remote = name.partition("/")
    if not sep:
        return _DEFAULT_DOMAIN, _OFFICIAL_REPO_PREFIX + name
    if maybe_domain == "localhost":
        domain, remote = maybe_domain, maybe_remote
    elif maybe_domain == _LEGACY_DEFAULT_DOMAIN:
        domain, remote = _DEFAULT_DOMAIN, maybe_remote
    elif "." in maybe_domain or ":" in maybe_domain:
        domain, remote = maybe_domain, maybe_remote
    elif maybe_domain.lower() != maybe_domain:
        domain, remote = maybe_domain, maybe_remote
    else:
        domain, remote = _DEFAULT_DOMAIN, name
    if domain == _DEFAULT_DOMAIN and "/" not in remote:
        remote = _OFFICIAL_REPO_PREFIX + remote
    return domain, remote


def _valid_digest(d: str) -> bool:
    i = d.find(":")
    if i <= 0 or i + 1 == len(d):
        return False
    algo, enc = d[:i], d[i + 1:]
    size = _DIGEST_SIZES.get(algo)
    return size is not None and len(enc) == size and all(c in "0123456789abcdef" for c in enc)


def parse_normalized_named(s: str) -> Tuple[str, str, str, str]:
    """``reference.ParseNormalizedNamed``; returns (domain, path, tag, digest)
    or raises ValueError."""
    if _regex(_IDENTIFIER_PATTERN).match(s):
        raise ValueError("cannot specify 64-byte hexadecimal strings")
    domain, remainder = _split_docker_domain(s)
    remote = remainder.split(":", 1)[0]
    if remote.lower() != remote:
        raise ValueError("repository name must be lowercase")
    full = domain + "/" + remainder
    m = _regex(_REFERENCE_PATTERN).match(full)
    if not m:
        raise ValueError("invalid reference format")
    nm = _regex(_ANCHORED_NAME_PATTERN).match(m.group(1))
    if nm:
        rdomain, path = nm.group(1) or "", nm.group(2)
    else:  # pragma: no cover - namePat always matches its own capture
        rdomain, path = "", m.group(1)
    if len(path) > 255:
        raise ValueError("repository name must not be more than 255 characters")
    digest = m.group(3) or ""
    if digest and not _valid_digest(digest):
        raise ValueError("invalid digest")
    return rdomain, path, m.group(2) or "", digest


def familiar_name(domain: str, path: str) -> str:
    if domain == _DEFAULT_DOMAIN:
        domain = ""
        if path.startswith(_OFFICIAL_REPO_PREFIX):
            rest = path[len(_OFFICIAL_REPO_PREFIX):]
            if "/" not in rest:
                path = rest
    return domain + "/" + path if domain else path


# A listing repeats a few images over many rows: parse each string once.
@functools.lru_cache(maxsize=1024)
def familiar_image(image: str) -> str:
    """The IMAGE column value: a reference with a tag is shown as
    ``familiar-name:tag`` (digest and ``docker.io/library/`` dropped); a
    digest-only reference or an unparsable string is returned unchanged."""
    try:
        domain, path, tag, _ = parse_normalized_named(image)
    except ValueError:
        return image
    if not tag:
        return image
    return familiar_name(domain, path) + ":" + tag


def normalized_image(image):
    """The image as the Docker client library sends it: familiar name, ``:latest`` added
    when there is neither tag nor digest. An unparsable reference is returned unchanged."""
    try:
        domain, path, tag, digest = parse_normalized_named(image)
    except ValueError:
        return image
    text = familiar_name(domain, path)
    if tag:
        text += ":" + tag
    elif not digest:
        text += ":latest"
    if digest:
        text += "@" + digest
    return text


def pinned_image(image, digest):
    """``name:tag@digest`` for a reference that has no digest yet (docker's
    imageWithDigestString); other references are returned unchanged."""
    try:
        domain, path, tag, existing = parse_normalized_named(image)
    except ValueError:
        return image
    if existing or not digest:
        return image
    text = familiar_name(domain, path)
    if tag:
        text += ":" + tag
    return f"{text}@{digest}"
