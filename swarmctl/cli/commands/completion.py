"""swarmctl completion bash|zsh|fish: print the completion script, for installs whose
``share/`` folder the shell does not search (a virtualenv, pipx)."""
from __future__ import annotations

import click

from swarmctl.cli.completion import SHELLS
from swarmctl.cli.errors import CliError, require_arguments


def _shells(_ctx, _param, incomplete):
    return [shell for shell in SHELLS if shell.startswith(incomplete)]


@click.command("completion", short_help="Print the shell completion script for bash, zsh or fish")
@click.argument("shells", nargs=-1, metavar="bash|zsh|fish", shell_complete=_shells)
@click.pass_context
def command(ctx, shells):
    """Print the shell completion script for bash, zsh or fish on stdout.

    \b
    bash:  swarmctl completion bash > ~/.local/share/bash-completion/completions/swarmctl
    zsh:   swarmctl completion zsh > "${fpath[1]}/_swarmctl"
    fish:  swarmctl completion fish > ~/.config/fish/completions/swarmctl.fish
    """
    require_arguments(ctx, shells, exactly=1)
    shell = shells[0]
    if shell not in SHELLS:
        raise CliError(f'invalid argument "{shell}" for "{ctx.command_path}": '
                       f"choose {', '.join(SHELLS[:-1])} or {SHELLS[-1]}")
    from swarmctl.cli.completion.scripts import script

    click.echo(script(shell), nl=False)
