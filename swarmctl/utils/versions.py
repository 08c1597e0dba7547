"""API version comparison, with docker-py's (inverted) sign convention kept for compatibility."""


def _version_parts(version):
    return [int(part) for part in str(version).split(".")]


def compare_version(v1, v2):
    """1 if v1 < v2, -1 if v1 > v2, 0 if equal (docker-py's convention, sign inverted)."""
    a, b = _version_parts(v1), _version_parts(v2)
    width = max(len(a), len(b))
    a += [0] * (width - len(a))
    b += [0] * (width - len(b))
    if a == b:
        return 0
    return 1 if a < b else -1


def version_lt(v1, v2):
    return compare_version(v1, v2) > 0


def version_gte(v1, v2):
    return not version_lt(v1, v2)
