"""Secrets (docker-py's ``SecretApiMixin``); the engine never gives their data back."""
from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from swarmctl.api.gates import require_version
from swarmctl.utils.convert import convert_filters
from swarmctl.utils.decorators import check_resource, minimum_version

if TYPE_CHECKING:
    from typing import Any


def _filter_params(filters):
    return {"filters": convert_filters(filters)} if filters else {}


class SecretApiMixin:
    @minimum_version("1.25")
    def secrets(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List secrets (``GET /secrets``); the engine never returns their data.

        Args:
            filters (dict): Engine filters: ``id``, ``label``, ``name`` and ``names``.

        Returns:
            A list of secrets as dicts.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/secrets"), params=_filter_params(filters)), json=True)

    @minimum_version("1.25")
    @check_resource("id")
    def inspect_secret(self, id: str | dict[str, Any]) -> dict[str, Any]:
        """Read one secret's metadata (``GET /secrets/ID``).

        Args:
            id (str or dict): The secret's id or name, or a dict with ``ID``.

        Returns:
            The secret as the engine reports it (without its data).

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self._result(self._get(self._url("/secrets/{0}", id)), json=True)

    @minimum_version("1.25")
    def create_secret(self, name: str, data: bytes | str, labels: dict[str, str] | None = None,
                      driver: dict[str, Any] | None = None) -> dict[str, Any]:
        """Create a secret (``POST /secrets/create``).

        Args:
            name (str): The secret's name.
            data (bytes or str): The secret's content; a str is encoded as UTF-8.
            labels (dict): Secret labels.
            driver (DriverConfig): A secret store driver (API 1.31); the engine's own
                store when not given.

        Returns:
            The engine's answer: a dict with the secret's ``ID``.

        Raises:
            :py:class:`swarmctl.errors.InvalidVersion`
                If ``driver`` is given below API 1.31; nothing is sent.
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        if isinstance(data, str):
            data = data.encode("utf-8")
        body = {"Data": base64.b64encode(data).decode("ascii"), "Name": name, "Labels": labels}
        if driver is not None:
            require_version(self._version, "1.31",
                            "Secret driver is only available for API version > 1.31")
            body["Driver"] = driver
        return self._result(self._post_json(self._url("/secrets/create"), body), json=True)

    @minimum_version("1.25")
    @check_resource("id")
    def remove_secret(self, id: str | dict[str, Any]) -> bool:
        """Remove a secret (``DELETE /secrets/ID``).

        Args:
            id (str or dict): The secret's id or name, or a dict with ``ID``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        self._raise_for_status(self._delete(self._url("/secrets/{0}", id)))
        return True
