"""Engine-wide calls: version, info, ping, swarm."""
from __future__ import annotations


class DaemonApiMixin:
    def version(self, api_version=True):
        return self._result(self._get(self._url("/version", versioned_api=api_version)), json=True)

    def info(self):
        return self._result(self._get(self._url("/info")), json=True)

    def ping(self):
        return self._result(self._get(self._url("/_ping"))) == "OK"

    def inspect_container(self, container):
        """``GET /containers/ID/json`` on the node this client talks to (docker-py's name)."""
        return self._result(self._get(self._url("/containers/{0}/json", container)), json=True)

    def inspect_swarm(self):
        return self._result(self._get(self._url("/swarm")), json=True)

    def inspect_distribution(self, image, auth_config=None):
        """``GET /distribution/IMAGE/json``: the digest and platforms a registry reports."""
        headers = {}
        if auth_config is not None:
            from swarmctl import auth

            headers["X-Registry-Auth"] = auth.encode_header(auth_config)
        url = self._url("/distribution/{0}/json", image)
        return self._result(self._get(url, headers=headers), json=True)
