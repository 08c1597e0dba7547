"""``client.nodes``: docker-py's ``NodeCollection`` and ``Node``."""
from __future__ import annotations

from swarmctl.models.resource import Collection, Model

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Node(Model):
    """A node of the swarm, as the engine last reported it (docker-py's ``Node``)."""

    id_attribute = "ID"

    @property
    def version(self) -> int:
        """The node's version as last read; :meth:`update` sends it, so after someone
        else changed the node, :meth:`~swarmctl.models.resource.Model.reload` first."""
        return self.attrs.get("Version").get("Index")

    def update(self, node_spec: dict[str, Any]) -> bool:
        """Replace the node's spec, like ``docker node update``.

        Args:
            node_spec (dict): The whole new spec: ``Availability`` (``active``, ``pause``
                or ``drain``), ``Role`` (``worker`` or ``manager``), ``Name`` and
                ``Labels``. What it leaves out is reset.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error, e.g. "update out of sequence".

        Example:
            >>> node.update({"Availability": "drain", "Role": "worker",
            ...              "Labels": {"zone": "a"}})
        """
        return self.client.api.update_node(self.id, self.version, node_spec)

    def remove(self, force: bool = False) -> bool:
        """Remove the node from the swarm, like ``docker node rm``.

        Args:
            force (bool): Remove it even if it is still up. Default: ``False``.

        Returns:
            ``True``.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the node is no longer in the swarm.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error, e.g. the node is still up.
        """
        return self.client.api.remove_node(self.id, force=force)


class NodeCollection(Collection):
    """The swarm's nodes (docker-py's ``NodeCollection``).

    Args:
        client (DockerClient): The client the nodes are read through.
    """

    model = Node

    def create(self, attrs: dict[str, Any] | None = None) -> Node:
        """Nodes are not created through the API: an engine becomes one by joining the
        swarm (:py:meth:`swarmctl.models.swarm.Swarm.join`).

        Args:
            attrs (dict): Ignored.

        Returns:
            Never returns.

        Raises:
            NotImplementedError
                Always, as in docker-py; nothing is sent.
        """
        raise NotImplementedError("nodes join the swarm: use client.swarm.join on the new node")

    def get(self, node_id: str) -> Node:
        """One node.

        Args:
            node_id (str): The node's id or hostname.

        Returns:
            A :py:class:`Node`.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If there is no such node.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        return self.prepare_model(self.client.api.inspect_node(node_id))

    def list(self, *args: Any, **kwargs: Any) -> list[Node]:
        """The swarm's nodes, like ``docker node ls``.

        Args:
            filters (dict): Engine filters: ``id``, ``name``, ``label``, ``membership``
                and ``role``.

        Returns:
            A list of :py:class:`Node` objects.

        Raises:
            :py:class:`swarmctl.errors.APIError`
                If the server returns an error.

        Example:
            >>> client.nodes.list(filters={"role": "manager"})
        """
        return [self.prepare_model(node) for node in self.client.api.nodes(*args, **kwargs)]
