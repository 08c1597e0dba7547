"""The subcommands of ``swarmctl``: name, module, short help and docker's usage line.

A table rather than imported commands, so that ``--help``, a Tab press on a command name
and the man page generator read it without importing any command module (the click group
in :mod:`swarmctl.cli.app` loads a module only when its command runs).
"""

# name -> (module, short help, docker-style usage line)
COMMANDS = {
    "create": ("swarmctl.cli.commands.create", "Create a new service",
               "create [OPTIONS] IMAGE [COMMAND] [ARG...]"),
    "update": ("swarmctl.cli.commands.update", "Update a service", "update [OPTIONS] SERVICE"),
    "scale": ("swarmctl.cli.commands.scale", "Scale one or multiple replicated services",
              "scale SERVICE=REPLICAS [SERVICE=REPLICAS...]"),
    "rollback": ("swarmctl.cli.commands.rollback", "Revert changes to a service's configuration",
                 "rollback [OPTIONS] SERVICE"),
    "rm": ("swarmctl.cli.commands.rm", "Remove one or more services", "rm SERVICE [SERVICE...]"),
    "ls": ("swarmctl.cli.commands.ls", "List services", "ls [OPTIONS]"),
    "ps": ("swarmctl.cli.commands.ps", "List the tasks of one or more services",
           "ps [OPTIONS] SERVICE [SERVICE...]"),
    "inspect": ("swarmctl.cli.commands.inspect", "Display detailed information on one or more services",
                "inspect [OPTIONS] SERVICE [SERVICE...]"),
    "wait": ("swarmctl.cli.commands.wait", "Wait until services have converged or are removed",
             "wait [OPTIONS] SERVICE [SERVICE...]"),
    "restart": ("swarmctl.cli.commands.restart", "Restart the tasks of services, rolling",
                "restart [OPTIONS] SERVICE [SERVICE...]"),
    "why": ("swarmctl.cli.commands.why", "Explain why a service's tasks are failing",
            "why [OPTIONS] SERVICE [SERVICE...]"),
    "logs": ("swarmctl.cli.commands.logs", "Fetch the logs of a service or task",
             "logs [OPTIONS] SERVICE|TASK"),
    "help": ("swarmctl.cli.commands.help", "Help about any command", "help [COMMAND]"),
    "completion": ("swarmctl.cli.commands.completion",
                   "Print the shell completion script for bash, zsh or fish",
                   "completion bash|zsh|fish"),
}
ALIASES = {"list": "ls", "remove": "rm"}
