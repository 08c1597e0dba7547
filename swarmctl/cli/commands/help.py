"""swarmctl help [COMMAND]: the same text as ``swarmctl [COMMAND] --help``."""
from __future__ import annotations

import click

from swarmctl.cli.completion import candidates
from swarmctl.cli.errors import require_arguments


def _command_names(_ctx, _param, incomplete):
    return candidates.command_names(incomplete)


@click.command("help", short_help="Help about any command")
@click.argument("names", nargs=-1, metavar="[COMMAND]", shell_complete=_command_names)
@click.pass_context
def command(ctx, names):
    """Help about any command: `swarmctl help ps` is `swarmctl ps --help`."""
    from swarmctl.cli.app import unknown_command

    require_arguments(ctx, names[1:], none=True)
    group_ctx = ctx.parent
    if not names:
        click.echo(group_ctx.get_help())
        return
    sub = group_ctx.command.get_command(group_ctx, names[0])
    if sub is None:
        raise unknown_command(group_ctx, names[0])
    with click.Context(sub, info_name=sub.name, parent=group_ctx) as sub_ctx:
        click.echo(sub_ctx.get_help())
