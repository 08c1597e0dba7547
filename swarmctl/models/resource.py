"""Base classes for the object API (docker-py's ``Model`` and ``Collection``)."""
from __future__ import annotations

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from swarmctl.models.clientview import DockerClient


class Model:
    """A server-side object: its attributes as the engine last reported them.

    Args:
        attrs (dict): The object as the engine reported it.
        client (DockerClient): The client it was read through.
        collection (Collection): The collection it belongs to; :meth:`reload` asks it.
    """

    id_attribute = "Id"

    def __init__(self, attrs: dict[str, Any] | None = None, client: DockerClient | None = None,
                 collection: Collection | None = None) -> None:
        self.client = client
        self.collection = collection
        self.attrs = attrs if attrs is not None else {}

    def __repr__(self) -> str:
        return f"<{self.__class__.__name__}: {self.short_id}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__) and self.id == other.id

    def __hash__(self) -> int:
        return hash(f"{self.__class__.__name__}:{self.id}")

    @property
    def id(self) -> str | None:
        """The object's id."""
        return self.attrs.get(self.id_attribute)

    @property
    def short_id(self) -> str:
        """The first 12 characters of the id."""
        return self.id[:12]

    def reload(self) -> None:
        """Read the object again from the engine and replace :attr:`attrs`.

        Raises:
            :py:class:`swarmctl.errors.NotFound`
                If the object no longer exists.
            :py:class:`swarmctl.errors.APIError`
                If the server returns another error.
        """
        new_model = self.collection.get(self.id)
        self.attrs = new_model.attrs


class Collection:
    """A set of objects of one kind on the engine.

    Args:
        client (DockerClient): The client the objects are read through.
    """

    model: type[Model] | None = None

    def __init__(self, client: DockerClient | None = None) -> None:
        self.client = client

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(
            f"'{self.__class__.__name__}' object is not callable. You might be trying to use the "
            "old (pre-2.0) API - use docker.APIClient if so."
        )

    def list(self) -> list[Model]:
        """Every object of this kind; subclasses implement it."""
        raise NotImplementedError

    def get(self, key: str) -> Model:
        """One object by id or name; subclasses implement it."""
        raise NotImplementedError

    def create(self, attrs: dict[str, Any] | None = None) -> Model:
        """Create an object; subclasses implement it."""
        raise NotImplementedError

    def prepare_model(self, attrs: Model | dict[str, Any]) -> Model:
        """Wrap the engine's answer in this collection's model class.

        Args:
            attrs (Model or dict): A dict from the engine, or a model to bind to this
                collection and its client.

        Returns:
            A model bound to this collection.

        Raises:
            Exception
                If ``attrs`` is neither a dict nor a model.
        """
        if isinstance(attrs, Model):
            attrs.client = self.client
            attrs.collection = self
            return attrs
        if isinstance(attrs, dict):
            return self.model(attrs=attrs, client=self.client, collection=self)
        raise Exception(f"Can't create {self.model.__name__} from {attrs}")
