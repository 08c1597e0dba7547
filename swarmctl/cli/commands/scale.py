"""swarmctl scale SERVICE=REPLICAS...: set replica counts (replicated services and jobs)."""
from __future__ import annotations

import time

import click

from swarmctl.cli import exitcodes
from swarmctl.cli.completion import candidates
from swarmctl.cli.converge import deliver, follow
from swarmctl.cli.errors import (CliError, format_docker_error, require_arguments,
                                 unexpected_error_message)
from swarmctl.cli.options import wait_options
from swarmctl.output import console


def parse_specifiers(ctx, arguments):
    """Split every SERVICE=REPLICAS before talking to the engine (docker checks them first)."""
    pairs = []
    for argument in arguments:
        name, sep, value = argument.partition("=")
        if not sep or not name or not value:
            raise CliError(
                f"invalid scale specifier '{argument}'.\n"
                f"See '{ctx.command_path} --help'.\n\n"
                f"Usage:  {ctx.parent.command_path} {ctx.command.docker_usage}\n\n"
                "Scale one or multiple replicated services"
            )
        pairs.append((name, value))
    return pairs


@click.command("scale", short_help="Scale one or multiple replicated services",
               epilog=exitcodes.epilog())
@wait_options
@click.argument("specifiers", nargs=-1, shell_complete=candidates.scale_specifiers)
@click.pass_context
def command(ctx, detach, quiet, timeout, specifiers):
    """Scale one or multiple replicated services.

    Progress goes to stderr; stdout gets one "NAME scaled to N" line per service.
    """
    require_arguments(ctx, specifiers, at_least=1)
    pairs = parse_specifiers(ctx, specifiers)
    ctx.obj.start_deadline(timeout)
    from swarmctl.service.errors import FlagValueError
    from swarmctl.service.values import parse_go_int
    import requests

    from swarmctl.errors import APIError, DeadlineExceeded

    api, unreachable = ctx.obj.api_or_failure()

    def scale_one(pair):
        """(failure line, None) or (None, (name, service ID, stdout line, warnings))."""
        name, value = pair
        try:
            replicas = parse_go_int(value, bits=64, signed=False, base=10)
        except FlagValueError as error:
            return f"{name}: invalid replicas value {value}: {error}", None
        if unreachable is not None:
            return f"{name}: {unreachable}", None
        try:
            written = _write_replicas(api, name, replicas)
        except APIError as error:
            return f"{name}: {format_docker_error(error)}", None
        except DeadlineExceeded:
            raise  # --timeout ends the whole command (124)
        except requests.exceptions.RequestException as error:
            # The engine gone or an answer cut short fails this service only, as in docker.
            return f"{name}: {unexpected_error_message(error, debug=False)}", None
        if written is None:
            return f"{name}: scale can only be used with replicated or replicated-job mode", None
        service, answer = written
        warnings = (answer or {}).get("Warnings") or []
        return None, (name, service["ID"], f"{name} scaled to {replicas}", warnings)

    # Several services scaled at once, reported in argument order. A service named twice
    # is scaled twice one after the other, as docker does (the second update needs the
    # first one's version).
    names = [name for name, _ in pairs]
    workers = None if len(set(names)) == len(names) else 1
    failures = []
    scaled = []
    outcomes = ([(scale_one(pair), None) for pair in pairs] if api is None
                else api.concurrently(scale_one, pairs, max_workers=workers))
    for outcome, _ in outcomes:
        failure, done = outcome
        if failure is not None:
            failures.append(failure)
            continue
        name, service_id, line, warnings = done
        for warning in warnings:
            console.err(warning)
        scaled.append((name, service_id, line))

    # Every service is scaled before the result is written: a closed stdout stops no scaling.
    if scaled:
        deliver(*(line for _, _, line in scaled),
                done="scaled: " + ", ".join(name for name, _, _ in scaled))
    code = exitcodes.OK
    if not detach:
        for name, service_id, _ in scaled:
            result = follow(ctx.obj, service_id, name, quiet=quiet, timeout_ns=timeout)
            if result == exitcodes.INTERRUPTED:
                return result
            code = max(code, result)
    if failures:
        console.flush()
        raise CliError("\n".join(failures))
    return code


def _write_replicas(api, name, replicas):
    """Store the replica count: ``(service, answer)``, or None for a mode without one.

    When another client writes the service between our read and our write ("update out of
    sequence"; docker fails there) the service is read again and the count set again.
    """
    from swarmctl.errors import OUT_OF_SEQUENCE_ATTEMPTS, is_out_of_sequence, out_of_sequence_pause

    for attempt in range(1, OUT_OF_SEQUENCE_ATTEMPTS + 1):
        service = api.inspect_service(name, insert_defaults=False)
        spec = service["Spec"]
        mode = spec.get("Mode") or {}
        if "Replicated" in mode:
            mode["Replicated"] = dict(mode["Replicated"] or {}, Replicas=replicas)
        elif "ReplicatedJob" in mode:
            mode["ReplicatedJob"] = dict(mode["ReplicatedJob"] or {}, TotalCompletions=replicas)
        else:
            return None
        try:
            return service, api.update_service_spec(service["ID"], service["Version"]["Index"], spec)
        except Exception as error:
            if attempt == OUT_OF_SEQUENCE_ATTEMPTS or not is_out_of_sequence(error):
                raise
        time.sleep(out_of_sequence_pause(attempt))
    raise AssertionError("unreachable")
