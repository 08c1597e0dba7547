"""Helpers shared by test modules (import as ``from tests.helpers import ...``)."""
from tests.conftest import remove_services, wait_for  # noqa: F401
