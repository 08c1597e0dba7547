"""swarmctl inspect SERVICE...: services as JSON, through a Go template, or --pretty;
byte-exact with ``docker service inspect``.

One ``GET /services/REF?insertDefaults=true`` per argument (the engine resolves full ID,
name, unique ID prefix), several in flight at once (``APIClient.concurrently``), printed in
argument order; ``--pretty`` adds one ``GET /networks/ID?scope=swarm``
per distinct network to print names.
"""
from __future__ import annotations

import click

from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import (CliError, format_docker_error, require_arguments,
                                 unexpected_error_message)
from swarmctl.cli.options import template_format_option


@click.command("inspect", short_help="Display detailed information on one or more services")
@template_format_option(help="Format output using a custom template: 'json' (one line) or a Go "
                            "template", short=True,
                        shell_complete=candidates.template_formats(
                            "serviceInspectFormat", ("json",)))
@click.option("--pretty", is_flag=True, help="Print the information in a human friendly format")
@click.argument("services", nargs=-1, metavar="SERVICE [SERVICE...]",
                shell_complete=candidates.services)
@click.pass_context
def command(ctx, format_, pretty, services):
    """Display detailed information on one or more services.

    Unknown services are reported at the end (exit 1); the others are still printed,
    except with --pretty, where the first unknown service stops everything.
    """
    require_arguments(ctx, services, at_least=1)
    if pretty and format_:
        raise CliError("--format is incompatible with human friendly format")
    from swarmctl.output import formatting

    source = "pretty" if pretty else format_
    if not source:
        source = formatting.config_format("serviceInspectFormat", ctx.obj.config_dir) or "raw"
    if source.startswith("pretty") and source != "pretty":
        raise CliError("Cannot supply extra formatting options to the pretty template")

    # An engine that cannot be reached fails each reference with its line, as in docker:
    # then "[]" (or a template's blank line) is still printed, and scripts read the same.
    api, unreachable = ctx.obj.api_or_failure()
    if source == "pretty":
        return _pretty(api, services, unreachable)
    fmt = source[len("raw"):] if source.startswith("raw") else source
    if fmt in ("", "json"):
        return _json(api, services, unreachable, compact=fmt == "json")
    return _template(api, services, unreachable, fmt)


class _Missing(Exception):
    """A reference the CLI reports without stopping (docker's getRef error)."""


def _get(api, reference):
    import requests

    from swarmctl.errors import APIError, NotFound

    ref = reference.strip()
    if not ref:
        raise _Missing("invalid service name or ID: value is empty")
    try:
        service = api.inspect_service(ref, insert_defaults=True)
    except NotFound:
        raise _Missing(f"Error: no such service: {reference}") from None
    except APIError as error:
        raise _Missing(format_docker_error(error)) from None
    except requests.exceptions.RequestException as error:
        # An engine that cannot be reached or drops the answer fails this reference only,
        # as in docker (the others are still shown, "[]" when none is).
        raise _Missing(unexpected_error_message(error, debug=False)) from None
    if not isinstance(service, dict):
        raise _Missing("json: cannot unmarshal %s into Go value of type swarm.Service"
                       % ("array" if isinstance(service, list) else "value"))
    return service


def _get_all(api, references, unreachable=None):
    """(service, None) or (None, _Missing) per reference, in argument order; with the
    engine ``unreachable`` (its line), every reference fails without a request."""
    if unreachable is not None:
        return [(None, _Missing("invalid service name or ID: value is empty"
                                if not reference.strip() else unreachable))
                for reference in references]
    return api.concurrently(lambda reference: _get(api, reference), references, catch=(_Missing,))


def _json(api, references, unreachable, compact):
    from swarmctl.output.formatting import write_stdout
    from swarmctl.output.inspect import render_inspect_json

    found, errors = [], []
    for service, missing in _get_all(api, references, unreachable):
        if missing is not None:
            errors.append(str(missing))
        else:
            found.append(service)
    write_stdout(render_inspect_json(found, compact=compact))
    _finish(errors)
    return 0


def _template(api, references, unreachable, text):
    from swarmctl.output import formatting

    try:
        template = formatting.parse_inspect_template(text)
    except formatting.FormatError as error:
        raise CliError(str(error)) from None
    out, errors = [], []
    for service, missing in _get_all(api, references, unreachable):
        if missing is not None:
            errors.append(str(missing))
            continue
        try:
            out.append(formatting.render_inspect_template(template, service) + "\n")
        except formatting.FormatError as error:
            errors.append(str(error))
    # docker's TemplateInspector writes a lone newline when nothing was produced
    formatting.write_stdout("".join(out) or "\n")
    _finish(errors)
    return 0


def _pretty(api, references, unreachable):
    from swarmctl.errors import APIError
    from swarmctl.output.formatting import write_stdout
    from swarmctl.output.inspect import render_inspect_pretty

    services = []
    for service, missing in _get_all(api, references, unreachable):
        if missing is not None:
            raise CliError(str(missing)) from None  # docker prints nothing at all then
        services.append(service)
    names = {}
    for service in services:
        for attachment in ((service.get("Spec") or {}).get("TaskTemplate") or {}).get("Networks") or []:
            target = (attachment or {}).get("Target")
            if not target or target in names:
                continue
            try:
                names[target] = (api.inspect_network(target, scope="swarm") or {}).get("Name") or target
            except APIError:
                names[target] = target
    write_stdout(render_inspect_pretty(services, names))
    return 0


def _finish(errors):
    if errors:
        raise CliError("\n".join(errors))
