"""Configs (docker-py's ``ConfigApiMixin``)."""
from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from swarmctl.utils.convert import convert_filters
from swarmctl.utils.decorators import check_resource, minimum_version

if TYPE_CHECKING:
    from typing import Any


def _filter_params(filters):
    return {"filters": convert_filters(filters)} if filters else {}


class ConfigApiMixin:
    @minimum_version("1.30")
    def configs(self, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """List configs (``GET /configs``).

        Args:
            filters (dict): Engine filters: ``id``, ``label``, ``name`` and ``names``.

        Returns:
            A list of configs as dicts.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self._result(self._get(self._url("/configs"), params=_filter_params(filters)), json=True)

    @minimum_version("1.30")
    @check_resource("id")
    def inspect_config(self, id: str | dict[str, Any]) -> dict[str, Any]:
        """Read one config (``GET /configs/ID``).

        Args:
            id (str or dict): The config's id or name, or a dict with ``ID``.

        Returns:
            The config as the engine reports it, its data base64-encoded in ``Spec.Data``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self._result(self._get(self._url("/configs/{0}", id)), json=True)

    @minimum_version("1.30")
    def create_config(self, name: str, data: bytes | str, labels: dict[str, str] | None = None,
                      templating: dict[str, Any] | None = None) -> dict[str, Any]:
        """Create a config (``POST /configs/create``).

        Args:
            name (str): The config's name.
            data (bytes or str): The config's content; a str is encoded as UTF-8.
            labels (dict): Config labels.
            templating (dict): A templating driver, as a DriverConfig dict.

        Returns:
            The engine's answer: a dict with the config's ``ID``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        if isinstance(data, str):
            data = data.encode("utf-8")
        body = {"Data": base64.b64encode(data).decode("ascii"), "Name": name, "Labels": labels,
                "Templating": templating}
        return self._result(self._post_json(self._url("/configs/create"), body), json=True)

    @minimum_version("1.30")
    @check_resource("id")
    def remove_config(self, id: str | dict[str, Any]) -> bool:
        """Remove a config (``DELETE /configs/ID``).

        Args:
            id (str or dict): The config's id or name, or a dict with ``ID``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If it does not exist.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        self._raise_for_status(self._delete(self._url("/configs/{0}", id)))
        return True
