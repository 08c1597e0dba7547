"""``client.configs``: docker-py's ``ConfigCollection`` and ``Config``."""
from __future__ import annotations

from swarmctl.models.resource import Collection, Model

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Config(Model):
    """A config, as the engine last reported it (docker-py's ``Config``). Its data is in ``attrs["Spec"]["Data"]``, base64-encoded."""

    id_attribute = "ID"

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: '{self.name}'>"

    @property
    def name(self) -> str:
        """The config's name."""
        return self.attrs["Spec"]["Name"]

    def remove(self) -> bool:
        """Remove this config, like ``docker config rm``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. when a service still uses it.
        """
        return self.client.api.remove_config(self.id)


class ConfigCollection(Collection):
    """The swarm's configs (docker-py's ``ConfigCollection``).

    Args:
        client (DockerClient): The client the configs are read through.
    """

    model = Config

    def create(self, name: str, data: bytes | str, labels: dict[str, str] | None = None,
               templating: dict[str, Any] | None = None) -> Config:
        """Create a config, like ``docker config create``.

        Args:
            name (str): The config's name.
            data (bytes or str): Its content; a str is encoded as UTF-8.
            labels (dict): Config labels.
            templating (dict): A templating driver, e.g. ``{"Name": "golang"}``.

        Returns:
            The :py:class:`Config` created. As in docker-py, its ``attrs`` are the
            engine's answer (``ID``) plus ``Spec.Name``;
            :py:meth:`~swarmctl.models.resource.Model.reload` reads the rest.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. the name is taken.
        """
        created = self.client.api.create_config(name=name, data=data, labels=labels, templating=templating)
        created.setdefault("Spec", {})["Name"] = name
        return self.prepare_model(created)

    def get(self, config_id: str) -> Config:
        """One config.

        Args:
            config_id (str): The config's id or name.

        Returns:
            The :py:class:`Config`.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If there is no such config.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self.prepare_model(self.client.api.inspect_config(config_id))

    def list(self, **kwargs: Any) -> list[Config]:
        """The swarm's configs, like ``docker config ls``.

        Args:
            filters (dict): Engine filters: ``id``, ``label``, ``name`` and ``names``.

        Returns:
            A list of :py:class:`Config` objects.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return [self.prepare_model(item) for item in self.client.api.configs(**kwargs)]
