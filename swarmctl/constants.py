"""Constants shared by the library (names follow docker-py's ``docker.constants``)."""
import sys

# The newest Engine API version whose service fields swarmctl knows; 'auto' negotiates
# down to the engine's own maximum.
DEFAULT_DOCKER_API_VERSION = "1.47"
MINIMUM_DOCKER_API_VERSION = "1.24"
DEFAULT_TIMEOUT_SECONDS = 60
STREAM_HEADER_SIZE_BYTES = 8
DEFAULT_UNIX_SOCKET = "http+unix:///var/run/docker.sock"
DEFAULT_HTTP_HOST = "127.0.0.1"
DEFAULT_MAX_POOL_SIZE = 10
# Requests APIClient.concurrently keeps in flight at once (each on its own keep-alive
# connection): enough to hide the round trips, few enough not to crowd a 2-core engine.
CONCURRENT_REQUESTS = 6
IS_WINDOWS_PLATFORM = sys.platform == "win32"
# What init_swarm fills in when only one of default_addr_pool and subnet_size is given.
DEFAULT_SWARM_ADDR_POOL = ("10.0.0.0/8",)
DEFAULT_SWARM_SUBNET_SIZE = 24
BYTE_UNITS = {"b": 1, "k": 1024, "m": 1024 * 1024, "g": 1024 * 1024 * 1024}


def _user_agent():
    from swarmctl import __version__

    return f"swarmctl/{__version__}"


DEFAULT_USER_AGENT = _user_agent()
