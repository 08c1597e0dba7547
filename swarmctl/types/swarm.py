"""Swarm configuration, as in docker-py's ``docker.types.swarm``: the ``SwarmSpec`` that
``init_swarm`` and ``update_swarm`` send, and the external CAs it may name."""
from __future__ import annotations

from swarmctl.types.base import invalid_version
from swarmctl.utils.versions import version_lt

# Names for type checkers only: typing itself stays out of start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["SwarmExternalCA", "SwarmSpec"]


class SwarmSpec(dict):
    """A swarm's configuration (``Spec`` of ``GET /swarm``). Build it with
    :py:meth:`APIClient.create_swarm_spec`, which fills in ``version``.

    Only what is given is set, so a spec sent with ``update_swarm`` replaces the stored one
    with exactly these fields (docker-py's rule).

    Args:
        version (str): The API version the request is for; it gates the fields.
        task_history_retention_limit (int): Finished tasks kept per slot.
        snapshot_interval (int): Raft log entries between snapshots.
        keep_old_snapshots (int): Snapshots kept besides the current one.
        log_entries_for_slow_followers (int): Raft log entries kept after a snapshot
            for followers that lag behind.
        heartbeat_tick (int): Raft ticks between heartbeats.
        election_tick (int): Raft ticks without a leader before an election.
        dispatcher_heartbeat_period (int): Nanoseconds between a node's heartbeats.
        node_cert_expiry (int): Nanoseconds a node certificate stays valid.
        external_cas (list): :py:class:`SwarmExternalCA` objects to forward signing
            requests to.
        name (str): The swarm's name.
        labels (dict): Swarm labels.
        signing_ca_cert (str): The signing CA certificate, PEM (API 1.30 and later).
        signing_ca_key (str): The signing CA key, PEM (API 1.30 and later).
        ca_force_rotate (int): Change it to make the swarm generate a new signing CA
            (API 1.30 and later).
        autolock_managers (bool): Lock managers' data with a key (API 1.25 and later).
        log_driver (DriverConfig): The default log driver of tasks (API 1.25 and later).

    Raises:
        :py:class:`swarmctl.errors.InvalidVersion`
            If ``version`` is older than a given field needs.
    """

    def __init__(self, version: str, task_history_retention_limit: int | None = None,
                 snapshot_interval: int | None = None, keep_old_snapshots: int | None = None,
                 log_entries_for_slow_followers: int | None = None,
                 heartbeat_tick: int | None = None, election_tick: int | None = None,
                 dispatcher_heartbeat_period: int | None = None,
                 node_cert_expiry: int | None = None,
                 external_cas: list[SwarmExternalCA] | None = None, name: str | None = None,
                 labels: dict[str, str] | None = None, signing_ca_cert: str | None = None,
                 signing_ca_key: str | None = None, ca_force_rotate: int | None = None,
                 autolock_managers: bool | None = None,
                 log_driver: dict[str, Any] | None = None) -> None:
        if task_history_retention_limit is not None:
            self["Orchestration"] = {"TaskHistoryRetentionLimit": task_history_retention_limit}
        raft = {"SnapshotInterval": snapshot_interval, "KeepOldSnapshots": keep_old_snapshots,
                "LogEntriesForSlowFollowers": log_entries_for_slow_followers,
                "HeartbeatTick": heartbeat_tick, "ElectionTick": election_tick}
        # Any one set (and not zero) sends the whole Raft object, the others as null.
        if any(raft.values()):
            self["Raft"] = raft
        if dispatcher_heartbeat_period:
            self["Dispatcher"] = {"HeartbeatPeriod": dispatcher_heartbeat_period}

        ca_config = {}
        if node_cert_expiry is not None:
            ca_config["NodeCertExpiry"] = node_cert_expiry
        if external_cas:
            if version_lt(version, "1.25"):
                if len(external_cas) > 1:
                    raise invalid_version(
                        "Support for multiple external CAs is not available for API version < 1.25")
                ca_config["ExternalCA"] = external_cas[0]
            else:
                ca_config["ExternalCAs"] = external_cas
        if signing_ca_key:
            _gate(version, "1.30", "signing_ca_key is not supported in API version < 1.30")
            ca_config["SigningCAKey"] = signing_ca_key
        if signing_ca_cert:
            _gate(version, "1.30", "signing_ca_cert is not supported in API version < 1.30")
            ca_config["SigningCACert"] = signing_ca_cert
        if ca_force_rotate is not None:
            _gate(version, "1.30", "force_rotate is not supported in API version < 1.30")
            ca_config["ForceRotate"] = ca_force_rotate
        if ca_config:
            self["CAConfig"] = ca_config

        if autolock_managers is not None:
            _gate(version, "1.25", "autolock_managers is not supported in API version < 1.25")
            self["EncryptionConfig"] = {"AutoLockManagers": autolock_managers}
        if log_driver is not None:
            _gate(version, "1.25", "log_driver is not supported in API version < 1.25")
            self["TaskDefaults"] = {"LogDriver": log_driver}
        if name is not None:
            self["Name"] = name
        if labels is not None:
            self["Labels"] = labels


class SwarmExternalCA(dict):
    """An external certificate authority the swarm forwards signing requests to.

    Args:
        url (str): Where certificate signing requests are sent.
        protocol (str): The protocol spoken with it, e.g. ``'cfssl'``.
        options (dict): Protocol-specific options.
        ca_cert (str): The root CA certificate it issues from, PEM (the swarm's current
            root CA when not given).
    """

    def __init__(self, url: str, protocol: str | None = None,
                 options: dict[str, str] | None = None, ca_cert: str | None = None) -> None:
        self["URL"] = url
        self["Protocol"] = protocol
        self["Options"] = options
        self["CACert"] = ca_cert


def _gate(version, needed, message):
    if version_lt(version, needed):
        raise invalid_version(message)
