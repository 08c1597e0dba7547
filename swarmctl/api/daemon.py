"""Engine-wide calls (version, info, ping) and the container and distribution look-ups."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any


class DaemonApiMixin:
    def version(self, api_version: bool = True) -> dict[str, Any]:
        """Read the engine's version (``GET /version``).

        Args:
            api_version (bool): Use the versioned path (``/vX.Y/version``). ``False``
                asks on the unversioned path, which any engine answers whatever its API
                version. Default: ``True``.

        Returns:
            The engine's answer: ``Version``, ``ApiVersion``, ``MinAPIVersion``, ``Os``,
            ``Arch``, ``Components`` and so on.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/version", versioned_api=api_version)), json=True)

    def info(self) -> dict[str, Any]:
        """Read the engine's system-wide information (``GET /info``).

        Returns:
            The engine's answer, including its ``Swarm`` state.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/info")), json=True)

    def ping(self) -> bool:
        """Check that the engine answers (``GET /_ping``).

        Returns:
            ``True`` when the engine answers ``OK``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/_ping"))) == "OK"

    def inspect_container(self, container: str) -> dict[str, Any]:
        """Read one container on the node this client talks to (``GET /containers/ID/json``).

        Args:
            container (str): The container's id or name.

        Returns:
            The container as the engine reports it.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If there is no such container on this node.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self._result(self._get(self._url("/containers/{0}/json", container)), json=True)

    def inspect_distribution(self, image: str,
                             auth_config: dict[str, Any] | None = None) -> dict[str, Any]:
        """Ask the engine what a registry reports for an image (``GET /distribution/IMAGE/json``).

        Args:
            image (str): The image reference.
            auth_config (dict): Registry credentials, sent as ``X-Registry-Auth``.
                Default: ``None`` (no header).

        Returns:
            The image's ``Descriptor`` (with its digest) and ``Platforms``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. when the registry cannot be reached.
        """
        headers = {}
        if auth_config is not None:
            from swarmctl import auth

            headers["X-Registry-Auth"] = auth.encode_header(auth_config)
        url = self._url("/distribution/{0}/json", image)
        return self._result(self._get(url, headers=headers), json=True)
