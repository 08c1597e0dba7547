"""The public library surface documents itself the way docker-py does, and is typed.

Walks ``APIClient``, ``DockerClient``, the collections and models (services, nodes,
networks, secrets, configs, the swarm) and every class ``swarmctl.types`` exports, and checks each public method, property and constructor:

* it has a docstring;
* every parameter is described in an ``Args:`` section, and ``Args:`` names no parameter
  that does not exist (unless ``**kwargs`` takes the named keywords);
* it says what it gives back in ``Returns:``, unless it is one of the few that return None;
* if it talks to the engine, it says what it raises in ``Raises:``;
* every parameter and the return value carry a type hint that resolves to a real type.

The checker is tested on deliberately bad examples at the end, so a silent walk cannot pass.
"""
from __future__ import annotations

import ast
import collections.abc
import inspect
import re
import sys
import typing

import pytest

import swarmctl.types
from swarmctl.api.client import APIClient
from swarmctl.client import DockerClient
from swarmctl.models.configs import Config, ConfigCollection
from swarmctl.models.networks import Network, NetworkCollection
from swarmctl.models.nodes import Node, NodeCollection
from swarmctl.models.secrets import Secret, SecretCollection
from swarmctl.models.services import Service, ServiceCollection
from swarmctl.models.swarm import Swarm

# Methods that give nothing back (their return annotation must be None, and only theirs).
RETURNS_NONE = {
    "APIClient.close",
    "APIClient.connect_container_to_network",
    "APIClient.disconnect_container_from_network",
    "APIClient.remove_network",
    "DockerClient.close",
    "Network.connect",
    "Network.disconnect",
    "Network.reload",
    "Network.remove",
    "Node.reload",
    "Secret.reload",
    "Config.reload",
    "Service.reload",
    "Swarm.reload",
}

# Public methods of the client and model classes that never send a request.
LOCAL_ONLY = {
    "APIClient.close",
    "APIClient.create_endpoint_config",
    "APIClient.create_swarm_spec",
    "DockerClient.close",
    "ServiceCollection.prepare_model",
    "NodeCollection.prepare_model",
    "NetworkCollection.prepare_model",
    "SecretCollection.prepare_model",
    "ConfigCollection.prepare_model",
}

# docker-py's names that must be among what the walk finds (so it cannot pass empty).
DOCKER_PY_NAMES = {
    APIClient: {"create_service", "inspect_service", "services", "tasks", "update_service",
                "remove_service", "service_logs", "inspect_task", "inspect_node", "nodes",
                "version", "info", "ping", "api_version", "close",
                "update_node", "remove_node", "networks", "create_network", "inspect_network",
                "remove_network", "prune_networks", "connect_container_to_network",
                "disconnect_container_from_network", "create_endpoint_config", "secrets",
                "create_secret", "inspect_secret", "remove_secret", "configs", "create_config",
                "inspect_config", "remove_config", "create_swarm_spec", "init_swarm",
                "join_swarm", "leave_swarm", "update_swarm", "inspect_swarm", "unlock_swarm",
                "get_unlock_key"},
    DockerClient: {"from_env", "services", "nodes", "networks", "secrets", "configs", "swarm",
                   "info", "ping", "version", "close"},
    ServiceCollection: {"create", "get", "list", "prepare_model"},
    Service: {"update", "remove", "tasks", "logs", "scale", "force_update", "reload",
              "name", "version", "id", "short_id"},
    NodeCollection: {"get", "list", "prepare_model"},
    Node: {"update", "remove", "reload", "version", "id", "short_id"},
    NetworkCollection: {"create", "get", "list", "prune", "prepare_model"},
    Network: {"connect", "disconnect", "remove", "reload", "name", "id", "short_id"},
    SecretCollection: {"create", "get", "list", "prepare_model"},
    Secret: {"remove", "reload", "name", "id", "short_id"},
    ConfigCollection: {"create", "get", "list", "prepare_model"},
    Config: {"remove", "reload", "name", "id", "short_id"},
    Swarm: {"init", "join", "leave", "update", "reload", "unlock", "get_unlock_key", "version",
            "id", "short_id"},
}
TYPE_NAMES = {"ServiceMode", "ContainerSpec", "TaskTemplate", "EndpointSpec", "UpdateConfig",
              "RollbackConfig", "RestartPolicy", "Resources", "Mount", "DriverConfig",
              "Placement", "Healthcheck", "SecretReference", "ConfigReference", "Privileges",
              "DNSConfig", "NetworkAttachmentConfig", "Ulimit", "PlacementPreference",
              "SwarmSpec", "SwarmExternalCA", "IPAMConfig", "IPAMPool", "EndpointConfig"}

ENGINE_CLASSES = (APIClient, DockerClient, ServiceCollection, Service, NodeCollection, Node,
                  NetworkCollection, Network, SecretCollection, Secret, ConfigCollection, Config,
                  Swarm)
TYPE_CLASSES = tuple(getattr(swarmctl.types, name) for name in swarmctl.types.__all__)

_SECTION = re.compile(r"^(Args|Returns|Raises|Attributes|Yields):\s*$")
_ARG_ENTRY = re.compile(r"^    (\*{0,2}\w+)\s*(?:\(|:)")


# -- the checker --------------------------------------------------------------------------------

def _sections(doc):
    """{section name: its lines} for the Google-style sections of a cleaned docstring."""
    sections, current = {}, None
    for line in doc.splitlines():
        match = _SECTION.match(line)
        if match:
            current = sections.setdefault(match.group(1), [])
        elif current is not None and line and not line.startswith(" "):
            current = None  # prose after a section
        elif current is not None:
            current.append(line)
    return sections


def _documented_args(doc):
    return {m.group(1).lstrip("*") for line in _sections(doc).get("Args", [])
            if (m := _ARG_ENTRY.match(line))}


def _type_namespace(module):
    """The module's globals plus what its ``if TYPE_CHECKING:`` blocks import or define.

    Running those blocks checks that they name things that exist.
    """
    namespace = {**vars(typing), **vars(collections.abc), **vars(module)}
    tree = ast.parse(inspect.getsource(module))
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) \
                and node.test.id == "TYPE_CHECKING":
            block = ast.Module(body=node.body, type_ignores=[])
            exec(compile(block, module.__file__, "exec"), namespace)
    return namespace


def _signature_problems(where, function, skip_first):
    """Missing or unresolvable type hints on a function's parameters and return."""
    problems = []
    module = sys.modules[inspect.unwrap(function).__module__]
    try:
        hints = typing.get_type_hints(function, globalns=_type_namespace(module))
    except Exception as error:  # a name that resolves to nothing
        return [f"{where}: type hints do not resolve: {error!r}"]
    parameters = list(inspect.signature(function).parameters.values())
    for parameter in parameters[1:] if skip_first else parameters:
        if parameter.name not in hints:
            problems.append(f"{where}: parameter {parameter.name!r} has no type hint")
    if "return" not in hints:
        problems.append(f"{where}: no return type hint")
    return problems


def _args_problems(where, doc, function, skip_first):
    problems = []
    parameters = list(inspect.signature(function).parameters.values())
    if skip_first:
        parameters = parameters[1:]
    named = [p.name for p in parameters
             if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    takes_kwargs = any(p.kind is p.VAR_KEYWORD for p in parameters)
    forwards_everything = takes_kwargs and any(p.kind is p.VAR_POSITIONAL for p in parameters)
    documented = _documented_args(doc)
    if (named or (takes_kwargs and not forwards_everything)) and "Args" not in _sections(doc):
        return [f"{where}: takes arguments but has no Args: section"]
    for name in named:
        if name not in documented:
            problems.append(f"{where}: Args: does not describe {name!r}")
    if not takes_kwargs:
        for name in documented - set(named):
            problems.append(f"{where}: Args: describes {name!r}, which is not a parameter")
    return problems


def _members(cls):
    """(qualified name, object) of cls's public attributes, leaving out those it inherits from
    ``dict`` or ``requests.Session``."""
    for name in sorted(dir(cls)):
        if name.startswith("_"):
            continue
        owner = next(klass for klass in cls.__mro__ if name in vars(klass))
        if owner.__module__.partition(".")[0] in ("builtins", "requests"):
            continue  # dict's or requests.Session's own methods
        yield f"{cls.__name__}.{name}", vars(owner)[name]


def problems_of(cls, talks_to_engine):
    """Every way the documentation or typing of cls falls short."""
    problems = []
    init_owner = next(klass for klass in cls.__mro__ if "__init__" in vars(klass))
    class_doc = inspect.getdoc(cls) if "__doc__" in vars(cls) and cls.__doc__ else None
    if not class_doc:
        problems.append(f"{cls.__name__}: no class docstring")
    if init_owner is not object:
        # The constructor's arguments are described by the class that defines __init__.
        init_doc = inspect.getdoc(init_owner) or ""
        where = f"{init_owner.__name__}()"
        problems += _args_problems(where, init_doc, init_owner.__init__, skip_first=True)
        problems += _signature_problems(where, init_owner.__init__, skip_first=True)

    for qualified, member in _members(cls):
        if isinstance(member, property):
            if not (member.fget.__doc__ or "").strip():
                problems.append(f"{qualified}: property has no docstring")
            problems += _signature_problems(qualified, member.fget, skip_first=True)
            continue
        if isinstance(member, (classmethod, staticmethod)):
            function, skip_first = member.__func__, isinstance(member, classmethod)
        elif inspect.isfunction(member):
            function, skip_first = member, True
        else:
            continue  # class attributes such as id_attribute or condition_types
        doc = inspect.getdoc(function)
        if not doc:
            problems.append(f"{qualified}: no docstring")
            continue
        sections = _sections(doc)
        problems += _args_problems(qualified, doc, function, skip_first)
        problems += _signature_problems(qualified, function, skip_first)
        returns_none = function.__annotations__.get("return") == "None"
        if qualified in RETURNS_NONE:
            if not returns_none:
                problems.append(f"{qualified}: listed as returning None but annotated otherwise")
        elif returns_none:
            problems.append(f"{qualified}: annotated -> None but not in RETURNS_NONE")
        elif "Returns" not in sections:
            problems.append(f"{qualified}: no Returns: section")
        if talks_to_engine and qualified not in LOCAL_ONLY and "Raises" not in sections:
            problems.append(f"{qualified}: talks to the engine but has no Raises: section")
    return problems


# -- the public surface -------------------------------------------------------------------------

@pytest.mark.parametrize("cls", ENGINE_CLASSES, ids=lambda cls: cls.__name__)
def test_client_and_model_classes_are_documented_and_typed(cls):
    assert problems_of(cls, talks_to_engine=True) == []


@pytest.mark.parametrize("cls", TYPE_CLASSES, ids=lambda cls: cls.__name__)
def test_every_exported_type_is_documented_and_typed(cls):
    assert problems_of(cls, talks_to_engine=False) == []


@pytest.mark.parametrize("cls", ENGINE_CLASSES, ids=lambda cls: cls.__name__)
def test_walk_finds_docker_py_names(cls):
    found = {qualified.split(".", 1)[1] for qualified, _ in _members(cls)}
    assert DOCKER_PY_NAMES[cls] <= found


def test_types_walk_covers_docker_py_types():
    assert TYPE_NAMES <= set(swarmctl.types.__all__)


def test_exception_lists_name_real_members():
    every = {qualified for cls in ENGINE_CLASSES for qualified, _ in _members(cls)}
    assert RETURNS_NONE <= every
    assert LOCAL_ONLY <= every


def test_swarmctl_extensions_are_stated_where_they_apply():
    # The deliberate differences from docker-py must be visible to library users.
    assert "docker_cli_defaults" in inspect.getdoc(ServiceCollection.create)
    assert "update out of sequence" in inspect.getdoc(Service.update)
    assert "swarmctl extension" in inspect.getdoc(APIClient.create_service)
    assert "inserted defaults" in inspect.getdoc(APIClient.update_service)


# -- the checker catches what it should ---------------------------------------------------------

class _Undocumented:
    def __init__(self, size: int) -> None:
        pass

    def fetch(self, name, verbose: bool = False):
        return name


class _HalfDocumented:
    """A class whose docs drifted.

    Args:
        colour (str): A parameter that no longer exists.
    """

    def __init__(self, size: int) -> None:
        pass

    def fetch(self, name: str) -> dict:
        """Fetch a thing.

        Args:
            name (str): Its name.
        """
        return {}

    def forget(self, name: str) -> None:
        """Forget a thing.

        Args:
            name (str): Its name.

        Raises:
            KeyError
                If there is no such thing.
        """

    @property
    def size(self) -> int:
        return 0


def test_checker_reports_missing_docstrings_and_hints():
    problems = problems_of(_Undocumented, talks_to_engine=True)
    assert "_Undocumented: no class docstring" in problems
    assert "_Undocumented(): takes arguments but has no Args: section" in problems
    assert "_Undocumented.fetch: no docstring" in problems


def test_checker_reports_drifted_sections():
    problems = problems_of(_HalfDocumented, talks_to_engine=True)
    assert problems == [
        "_HalfDocumented(): Args: does not describe 'size'",
        "_HalfDocumented(): Args: describes 'colour', which is not a parameter",
        "_HalfDocumented.fetch: no Returns: section",
        "_HalfDocumented.fetch: talks to the engine but has no Raises: section",
        "_HalfDocumented.forget: annotated -> None but not in RETURNS_NONE",
        "_HalfDocumented.size: property has no docstring",
    ]


def test_checker_reports_missing_and_unresolvable_type_hints():
    def untyped(self, name):
        """Do a thing.

        Args:
            name (str): Its name.
        """

    def misspelt(self, name: Strr) -> None:  # noqa: F821 - the point of the test
        """Do a thing."""

    assert _signature_problems("untyped", untyped, skip_first=True) == [
        "untyped: parameter 'name' has no type hint",
        "untyped: no return type hint",
    ]
    assert "do not resolve" in _signature_problems("misspelt", misspelt, skip_first=True)[0]
