"""The ``swarmctl`` command line, in click.

:mod:`.main` is the entry point (exit codes), :mod:`.app` the click group, :mod:`.commandtable`
the list of subcommands, ``commands/`` one module per subcommand, :mod:`.errors` docker's words
for what goes wrong, and ``completion/`` the shell completion.

The group imports a command's module only when that command runs or is being completed;
``--help`` and command names read :mod:`.commandtable`. Imports go at the top of modules,
with three exceptions kept for start-up, imported inside the function that needs them:

- modules that load requests or rich (``swarmctl.client``, ``swarmctl.api``,
  ``swarmctl.errors``, ``swarmctl.transport``, ``swarmctl.output.richtables`` and
  ``swarmctl.output.progress``), so that ``--help``, a Tab press and piped output never
  load them;
- in command modules, the output renderers (``swarmctl.output.formatting``, ``tables``,
  ``inspect``, ``logprefix``, ``diagnosis``), ``swarmctl.utils`` and ``swarmctl.golang.time``
  where the module does not load them anyway: completing a command's arguments imports its
  module, and these would add milliseconds (``formatting``: tens) to every Tab press on it;
- in :mod:`.main` and ``completion/``, what only one path needs: printing a completion script
  loads neither click nor the app, and what only a Tab press uses (``click.shell_completion``,
  the config layer, json, the socket) stays out of the commands, which import the
  completion callbacks.
"""
