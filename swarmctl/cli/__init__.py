"""The ``swarmctl`` command line, in click.

:mod:`.main` is the entry point (exit codes), :mod:`.app` the click group, :mod:`.commandtable`
the list of subcommands, ``commands/`` one module per subcommand, :mod:`.errors` docker's words
for what goes wrong, and ``completion/`` the shell completion.

Imports go at the top of modules, with one exception kept for start-up: modules that load
requests or rich (``swarmctl.client``, ``swarmctl.api``, ``swarmctl.errors``,
``swarmctl.transport``, ``swarmctl.output.richtables`` and ``swarmctl.output.progress``) are
imported inside the function that needs them, so that ``--help``, a Tab press and piped
output never load them. The group imports a command's module only when that command runs or
is being completed; ``--help`` and command names read :mod:`.commandtable`.
"""
