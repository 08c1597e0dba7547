"""``client.secrets``: docker-py's ``SecretCollection`` and ``Secret``."""
from __future__ import annotations

from swarmctl.models.resource import Collection, Model

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Secret(Model):
    """A secret, as the engine last reported it (docker-py's ``Secret``). The engine never gives a secret's data back."""

    id_attribute = "ID"

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: '{self.name}'>"

    @property
    def name(self) -> str:
        """The secret's name."""
        return self.attrs["Spec"]["Name"]

    def remove(self) -> bool:
        """Remove this secret, like ``docker secret rm``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. when a service still uses it.
        """
        return self.client.api.remove_secret(self.id)


class SecretCollection(Collection):
    """The swarm's secrets (docker-py's ``SecretCollection``).

    Args:
        client (DockerClient): The client the secrets are read through.
    """

    model = Secret

    def create(self, name: str, data: bytes | str, labels: dict[str, str] | None = None,
               driver: dict[str, Any] | None = None) -> Secret:
        """Create a secret, like ``docker secret create``.

        Args:
            name (str): The secret's name.
            data (bytes or str): Its content; a str is encoded as UTF-8.
            labels (dict): Secret labels.
            driver (DriverConfig): A secret store driver (API 1.31); the engine's own
                store when not given.

        Returns:
            The :py:class:`Secret` created. As in docker-py, its ``attrs`` are the
            engine's answer (``ID``) plus ``Spec.Name``;
            :py:meth:`~swarmctl.models.resource.Model.reload` reads the rest.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. the name is taken.
        """
        created = self.client.api.create_secret(name=name, data=data, labels=labels, driver=driver)
        created.setdefault("Spec", {})["Name"] = name
        return self.prepare_model(created)

    def get(self, secret_id: str) -> Secret:
        """One secret.

        Args:
            secret_id (str): The secret's id or name.

        Returns:
            The :py:class:`Secret`.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If there is no such secret.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self.prepare_model(self.client.api.inspect_secret(secret_id))

    def list(self, **kwargs: Any) -> list[Secret]:
        """The swarm's secrets, like ``docker secret ls``.

        Args:
            filters (dict): Engine filters: ``id``, ``label``, ``name`` and ``names``.

        Returns:
            A list of :py:class:`Secret` objects.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return [self.prepare_model(item) for item in self.client.api.secrets(**kwargs)]
