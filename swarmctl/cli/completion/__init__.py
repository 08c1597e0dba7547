"""Shell completion for bash, zsh and fish, split by concern.

Every Tab press runs ``swarmctl`` once with ``_SWARMCTL_COMPLETE=<shell>_complete`` and the
words typed so far in the environment; ``swarmctl.cli.main.main`` sees the variable before
anything else loads and hands it to :mod:`.protocol`, which resolves the words against the
click app and writes one ``TYPE<tab>VALUE<tab>HELP`` line per candidate.
``<shell>_source`` prints the script of :mod:`.scripts` (what ``completions/`` holds).

- :mod:`.scripts`: the three shell scripts.
- :mod:`.protocol`: answering a Tab press (the words sent, the lines written back).
- :mod:`.candidates`: the ``shell_complete=`` callbacks of the commands and global options.
- :mod:`.engine`: which engine the command would use, and a bare GET on its socket within
  one time budget per Tab press.

Importing any of them costs only ``os`` and ``sys``: command modules (and ``--help``) import
the callbacks, so everything else loads only when a Tab press needs it.
"""

PROG_NAME = "swarmctl"
COMPLETE_VAR = "_SWARMCTL_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
