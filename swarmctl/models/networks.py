"""``client.networks``: docker-py's ``NetworkCollection`` and ``Network``.

docker-py's ``Network.containers`` gives container objects, which are out of swarmctl's
scope; the ids are in ``attrs["Containers"]``.
"""
from __future__ import annotations

from swarmctl.models.resource import Collection, Model
from swarmctl.utils.versions import version_gte

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Network(Model):
    """A network, as the engine last reported it (docker-py's ``Network``)."""

    @property
    def name(self) -> str | None:
        """The network's name."""
        return self.attrs.get("Name")

    def connect(self, container: str | dict[str, Any], *args: Any, **kwargs: Any) -> None:
        """Connect a container to this network. A swarm-scoped (overlay) network takes
        only containers when it was created ``attachable``.

        Args:
            container (str or dict): The container's id or name, or a dict with ``Id``.
            aliases (list): Other names the container has on the network.
            links (dict or list): Links to other containers.
            ipv4_address (str): The container's IPv4 address on the network.
            ipv6_address (str): The container's IPv6 address on the network.
            link_local_ips (list): Link-local addresses.
            driver_opt (dict): Options for the network driver.
            mac_address (str): The container's MAC address on the network.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self.client.api.connect_container_to_network(container, self.id, *args, **kwargs)

    def disconnect(self, container: str | dict[str, Any], *args: Any, **kwargs: Any) -> None:
        """Disconnect a container from this network.

        Args:
            container (str or dict): The container's id or name, or a dict with ``Id``.
            force (bool): Disconnect even if the container is not running.
                Default: ``False``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self.client.api.disconnect_container_from_network(container, self.id, *args,
                                                                 **kwargs)

    def remove(self) -> None:
        """Remove this network, like ``docker network rm``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. when a service still uses it.
        """
        return self.client.api.remove_network(self.id)


class NetworkCollection(Collection):
    """The engine's networks (docker-py's ``NetworkCollection``).

    Args:
        client (DockerClient): The client the networks are read through.
    """

    model = Network

    def create(self, name: str, *args: Any, **kwargs: Any) -> Network:
        """Create a network, like ``docker network create``, and read it back.

        Args:
            name (str): The network's name.
            driver (str): The driver: ``overlay`` for a swarm-scoped network.
            options (dict): Driver options.
            ipam (IPAMConfig): IP address management, e.g.
                ``IPAMConfig(pool_configs=[IPAMPool(subnet="10.10.0.0/24")])``.
            check_duplicate (bool): Ask the engine to refuse a name already in use.
            internal (bool): No access to the outside world. Default: ``False``.
            labels (dict): Network labels.
            enable_ipv6 (bool): Enable IPv6. Default: ``False``.
            attachable (bool): Let standalone containers join an overlay network.
            scope (str): ``local``, ``global`` or ``swarm``.
            ingress (bool): Make this the swarm's routing-mesh network.

        Returns:
            The :py:class:`Network` created.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        created = self.client.api.create_network(name, *args, **kwargs)
        return self.get(created["Id"])

    def get(self, network_id: str, *args: Any, **kwargs: Any) -> Network:
        """One network.

        Args:
            network_id (str): The network's id or name.
            verbose (bool): Include the network's services and tasks across the swarm.
            scope (str): Only a network of this scope: ``swarm``, ``global`` or ``local``.

        Returns:
            The :py:class:`Network`.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If there is no such network.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self.prepare_model(self.client.api.inspect_network(network_id, *args, **kwargs))

    def list(self, *args: Any, **kwargs: Any) -> list[Network]:
        """The engine's networks, like ``docker network ls``.

        Args:
            names (list): Only networks with these names.
            ids (list): Only networks with these ids.
            filters (dict): Engine filters: ``driver``, ``label``, ``scope``, ``type``...
            greedy (bool): Read each network on its own too (API 1.28 and later), which
                fills in details the list leaves out. Default: ``False``.

        Returns:
            A list of :py:class:`Network` objects.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        greedy = kwargs.pop("greedy", False)
        networks = [self.prepare_model(item) for item in self.client.api.networks(*args, **kwargs)]
        if greedy and version_gte(self.client.api.api_version, "1.28"):
            for network in networks:
                network.reload()
        return networks

    def prune(self, filters: dict[str, Any] | None = None) -> dict[str, Any]:
        """Remove every network nothing uses.

        Args:
            filters (dict): Engine filters: ``until`` and ``label``.

        Returns:
            The engine's answer: ``NetworksDeleted``, the names removed.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.
        """
        return self.client.api.prune_networks(filters=filters)
