"""swarmctl restart SERVICE...: a rolling restart (``ForceUpdate + 1``), followed like update.

Each service's stored spec is read, ``TaskTemplate.ForceUpdate`` incremented and the spec
posted back with the version read (registry auth: the one stored with the service). The
engine then replaces every task following the service's UpdateConfig (parallelism, delay,
order, failure action), for replicated and global services alike; a job runs again.

``--parallelism`` / ``--delay`` override the UpdateConfig *for this rollout only*. The API
has no per-rollout setting, so:

* the override is written together with ``ForceUpdate`` (one write: the rollout uses it
  from its first task);
* once the rollout has converged, the stored UpdateConfig is put back with a second write,
  but only if the service still carries our ``ForceUpdate`` and our override (someone
  else's change, or the engine's automatic rollback, is left alone; if someone else wrote
  the spec while our override is still stored, the command says so and how to restore it);
  that write changes no task, but like every spec write it makes the restart spec the
  service's PreviousSpec and clears its UpdateStatus;
* on Ctrl-C, SIGTERM, SIGHUP, ``--timeout`` and a closed stdout the UpdateConfig is put
  back at once: the rollout goes on in the background, at the service's own pace;
* when the rollout pauses (exit 3) it is *not* put back: any spec write resumes a paused
  rollout, which would defeat the pause. The command says which values stay, and how to
  restore them;
* ``--detach`` cannot be combined with them (nobody would be left to restore).

Several services are restarted one after the other, each followed to convergence before
the next starts; the first one that does not converge stops the restart (later services
are left alone, and listed). ``--timeout`` bounds the whole command.
"""
from __future__ import annotations

import copy
import time
from dataclasses import dataclass

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.options import detach_option, go_duration, go_uint, quiet_option, timeout_option
from swarmctl.cli.errors import CliError, format_docker_error, require_arguments
from swarmctl.golang.time import format_duration
from swarmctl.output import console

_OUT_OF_SEQUENCE = "update out of sequence"
# How long putting the update config back may take once the rollout has ended.
RESTORE_GRACE_SECONDS = 10


@dataclass
class Restarted:
    """What one restart wrote: enough to put the UpdateConfig back safely."""

    reference: str
    service_id: str
    force_update: int
    original_config: dict | None = None   # the stored UpdateConfig (None: none stored)
    override: dict | None = None          # what we wrote instead (None: nothing overridden)


@click.command("restart", short_help="Restart the tasks of services, rolling",
               epilog=exitcodes.epilog())
@click.option("--parallelism", type=go_uint(), default=None, metavar="uint",
              help="Tasks restarted at once for this rollout (0: all at once); "
                   "default: the service's --update-parallelism")
@click.option("--delay", type=go_duration(), default=None, metavar="duration",
              help="Delay between restarts for this rollout (ns|us|ms|s|m|h); "
                   "default: the service's --update-delay")
@detach_option(help="Exit immediately instead of waiting for the tasks to be replaced")
@quiet_option()
@timeout_option(help="Give up waiting after this long (exit 124); the rollout carries on")
@click.argument("services", nargs=-1, shell_complete=candidates.services)
@click.pass_context
def command(ctx, parallelism, delay, detach, quiet, timeout, services):
    """Restart every task of each SERVICE, rolling, as the service's update config says.

    Same as `update --force`, plus --parallelism/--delay for this rollout only. The names
    are printed on stdout as each restart starts; progress goes to stderr.

    With --parallelism/--delay, putting the update config back is a second spec write, so
    the engine's one PreviousSpec then holds the temporary values: a later `rollback`
    returns to them. Restore them with `update --update-parallelism/--update-delay`.
    """
    require_arguments(ctx, services, at_least=1)
    overriding = parallelism is not None or delay is not None
    if overriding and detach:
        raise CliError("--parallelism and --delay apply to this rollout only, so swarmctl must "
                       "follow it to restore the service's update config afterwards: drop "
                       "--detach, or change the config for good with `swarmctl update --force "
                       "--update-parallelism N --update-delay D SERVICE`")
    ctx.obj.start_deadline(timeout)
    api = ctx.obj.api
    from swarmctl.service.convergence import mode_word
    from swarmctl.errors import APIError

    # Everything is checked before the first restart (the lookups several at once).
    found, failures = [], []
    lookups = api.concurrently(lambda ref: api.inspect_service(ref, insert_defaults=False),
                               services, catch=(APIError,))
    for reference, (service, error) in zip(services, lookups):
        if error is not None:
            failures.append(format_docker_error(error))
            continue
        if overriding and mode_word(service["Spec"]).endswith("job"):
            failures.append(f"{reference}: --parallelism and --delay do not apply to jobs "
                            "(jobs have no update config)")
            continue
        found.append((reference, service))
    if failures:
        raise CliError("\n".join(failures))

    code = exitcodes.OK
    for index, (reference, service) in enumerate(found):
        code = _restart_one(ctx.obj, reference, service, parallelism, delay, detach, quiet)
        if code != exitcodes.OK:
            rest = [ref for ref, _ in found[index + 1:]]
            if rest:
                console.err(f"not restarted: {', '.join(rest)}")
            return code
    return code


def _restart_one(app, reference, service, parallelism, delay, detach, quiet):
    from swarmctl.cli.app import ResultLost
    from swarmctl.cli.converge import deliver, follow

    api = app.api
    restarted = None
    undelivered = None  # the result could not be written: restore at once, then report it
    failed = None  # the error that ended the rollout (the engine went away): reported last
    try:
        restarted, warnings = write_restart(api, reference, service, parallelism, delay)
        for warning in warnings:
            console.err(warning)
        deliver(reference, done=f"service {reference} is restarting")
        if detach:
            return exitcodes.OK
        code = follow(app, restarted.service_id, reference, quiet=quiet)
    except KeyboardInterrupt:  # also SIGTERM and SIGHUP (swarmctl.cli.signals)
        code = exitcodes.INTERRUPTED
    except (ResultLost, CliError) as error:
        if restarted is None:
            raise
        undelivered, code = error, exitcodes.RESULT_LOST
    except Exception as error:  # the engine went away (or failed) while we followed
        if restarted is None or restarted.override is None:
            raise
        failed, code = error, exitcodes.ERROR
    if restarted is not None and restarted.override is not None:
        # The command's deadline may have passed: putting back gets a few seconds of its own.
        with api.requests_deadline(time.monotonic() + RESTORE_GRACE_SECONDS):
            _put_back(api, restarted, code, quiet, failed=failed)
    if undelivered is not None:
        raise undelivered
    if failed is not None:
        raise failed
    return code


def _put_back(api, restarted, code, quiet, failed=None):
    """Restore the service's own UpdateConfig after the rollout (see the module docstring).
    ``failed``: the error that ended the rollout, if any; a restore that fails too is then
    explained, and ``failed`` is what the command reports."""
    if code == exitcodes.UPDATE_PAUSED:
        _explain_kept_override(restarted)
        return
    from swarmctl.cli.converge import deadline_passed

    try:
        result = restore_update_config(api, restarted)
    except KeyboardInterrupt:
        result = "interrupted"
    except Exception as error:
        if deadline_passed(error):
            result = "no answer"
        elif failed is not None:
            result = "unreachable"
        else:
            raise
    if result == "restored":
        if code in (exitcodes.INTERRUPTED, exitcodes.TIMED_OUT) and not quiet:
            console.err(f"{restarted.reference}: update config restored; the rollout continues "
                        "in the background with it")
    elif result == "interrupted":
        _explain_kept_override(restarted, because="putting it back was interrupted, so")
    elif result == "unreachable":
        _explain_kept_override(restarted, because="the engine could not be asked to put them "
                                                   "back, so")
    elif result == "no answer":
        _explain_kept_override(restarted, because="the engine did not answer in time, so")
    elif result == "changed":
        _explain_kept_override(restarted, because="the service was changed by someone else "
                                                   "during the rollout, so")


def write_restart(api, reference, service, parallelism=None, delay=None):
    """Post the spec with ``ForceUpdate + 1`` (and the UpdateConfig override, if any).

    Returns ``(Restarted, warnings)``. An "update out of sequence" answer (someone changed
    the service between our read and our write) is met by reading again, once.
    """
    from swarmctl.errors import APIError

    for attempt in (1, 2):
        spec = copy.deepcopy(service["Spec"])
        task = spec.setdefault("TaskTemplate", {})
        task["ForceUpdate"] = int(task.get("ForceUpdate") or 0) + 1
        original = copy.deepcopy(spec.get("UpdateConfig"))
        override = None
        if parallelism is not None or delay is not None:
            config = dict(original) if original else _default_update_config()
            if parallelism is not None:
                config["Parallelism"] = parallelism
            if delay is not None:
                config["Delay"] = delay
            config = _normalized(config, keep_parallelism=True)
            if not same_config(config, original):
                spec["UpdateConfig"] = override = config
        try:
            answer = api.update_service_spec(service["ID"], service["Version"]["Index"], spec,
                                             registry_auth_from="spec")
        except APIError as error:
            if attempt == 2 or not _out_of_sequence(error):
                raise
            service = api.inspect_service(service["ID"], insert_defaults=False)
            continue
        restarted = Restarted(reference, service["ID"], task["ForceUpdate"], original, override)
        return restarted, list((answer or {}).get("Warnings") or [])
    raise AssertionError("unreachable")


def restore_update_config(api, restarted):
    """Put the stored UpdateConfig back after a rollout with an override.

    Returns ``"restored"``; ``"left"`` when the service no longer carries our override
    (someone else changed the update config, or the engine rolled back: nothing of ours to
    undo); ``"changed"`` when it still carries our override but someone else has written
    the spec since (another restart or ``update --force``): their rollout may be going on
    with our values, so they are not touched.
    """
    from swarmctl.errors import APIError

    for attempt in (1, 2):
        service = api.inspect_service(restarted.service_id, insert_defaults=False)
        spec = service["Spec"]
        task = spec.get("TaskTemplate") or {}
        if not same_config(spec.get("UpdateConfig"), restarted.override):
            return "left"
        if int(task.get("ForceUpdate") or 0) != restarted.force_update:
            return "changed"
        spec = copy.deepcopy(spec)
        if restarted.original_config is None:
            spec.pop("UpdateConfig", None)
        else:
            spec["UpdateConfig"] = copy.deepcopy(restarted.original_config)
        try:
            api.update_service_spec(service["ID"], service["Version"]["Index"], spec,
                                    registry_auth_from="spec")
        except APIError as error:
            if attempt == 2 or not _out_of_sequence(error):
                raise
            continue
        return "restored"
    raise AssertionError("unreachable")


def _explain_kept_override(restarted, because="a spec change now would resume the paused "
                                              "rollout, so"):
    original = restarted.original_config or _default_update_config()
    flags = []
    if restarted.override.get("Parallelism", 0) != original.get("Parallelism", 0):
        flags.append(f"--update-parallelism {original.get('Parallelism', 0)}")
    if restarted.override.get("Delay", 0) != original.get("Delay", 0):
        flags.append(f"--update-delay {format_duration(original.get('Delay', 0))}")
    console.err(f"{restarted.reference}: {because} the rollout's --parallelism/--delay stay in "
                "the service's update config; restore them with "
                f"`swarmctl update {' '.join(flags)} {restarted.reference}`")


def _default_update_config():
    from swarmctl.service.edit import DEFAULT_UPDATE_CONFIG

    return dict(DEFAULT_UPDATE_CONFIG)


def _normalized(config, keep_parallelism=False):
    """The config as the engine stores it: zero values are not kept (protobuf)."""
    if config is None:
        return {}
    kept = {key: value for key, value in config.items() if value not in (None, 0, "", 0.0)}
    if keep_parallelism and "Parallelism" in config:
        kept["Parallelism"] = config["Parallelism"]
    return kept


def same_config(a, b):
    """Two UpdateConfigs are the same once zero values are dropped (how they are stored)."""
    return _normalized(a) == _normalized(b)


def _out_of_sequence(error):
    return str(getattr(error, "explanation", "") or "").endswith(_OUT_OF_SEQUENCE)
