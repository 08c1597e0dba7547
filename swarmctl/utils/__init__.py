"""Helpers with docker-py's names (``docker.utils``)."""
from swarmctl.utils.convert import (  # noqa: F401
    convert_filters,
    convert_service_networks,
    format_environment,
    format_extra_hosts,
    parse_bytes,
    split_command,
)
from swarmctl.utils.decorators import check_resource, minimum_version  # noqa: F401
from swarmctl.utils.hosts import kwargs_from_env, parse_host  # noqa: F401
from swarmctl.utils.versions import compare_version, version_gte, version_lt  # noqa: F401
