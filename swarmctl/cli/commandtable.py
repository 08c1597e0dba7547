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
    "export": ("swarmctl.cli.commands.export",
               "Print the command that creates a service as it is now",
               "export [OPTIONS] SERVICE [SERVICE...]"),
    "diff": ("swarmctl.cli.commands.diff", "Show how two services' specs differ",
             "diff [OPTIONS] SERVICE_A [SERVICE_B]"),
    "logs": ("swarmctl.cli.commands.logs", "Fetch the logs of a service or task",
             "logs [OPTIONS] SERVICE|TASK"),
    "help": ("swarmctl.cli.commands.help", "Help about any command", "help [COMMAND]"),
    "completion": ("swarmctl.cli.commands.completion",
                   "Print the shell completion script for bash, zsh or fish",
                   "completion bash|zsh|fish"),
}
ALIASES = {"list": "ls", "remove": "rm"}

# A few examples per command, ending its --help and in its man page: (command line, what it does).
EXAMPLES = {
    "create": (
        ("swarmctl create --name web --replicas 3 -p 8080:80 nginx:alpine",
         "three replicas behind port 8080; waits until they run"),
        ("swarmctl create -d --name worker --env QUEUE=jobs --limit-memory 256M myapp:1",
         "returns at once (-d); swarmctl wait worker waits later"),
        ("swarmctl create --dry-run --name web nginx:alpine",
         "prints the spec it would send; creates nothing"),
    ),
    "update": (
        ("swarmctl update --image myapp:2 --update-parallelism 1 --update-delay 10s web",
         "a rolling update, one task at a time"),
        ("swarmctl update --dry-run --env-add DEBUG=1 web",
         "shows the changes and whether tasks restart; changes nothing"),
        ("swarmctl update --timeout 5m --update-failure-action rollback --image myapp:3 web",
         "exits 4 if the engine had to roll back, 124 after 5 minutes"),
    ),
    "scale": (("swarmctl scale web=5 worker=2", "sets both; waits until they converge"),),
    "rollback": (("swarmctl rollback web", "back to the previous spec; waits until it runs"),),
    "ls": (("swarmctl ls --filter mode=global --format '{{.Name}}'", "names of global services"),
           ("swarmctl ls --watch", "the list kept up to date until Ctrl-C")),
    "ps": (("swarmctl ps --filter desired-state=running web", "the tasks meant to run"),
           ("swarmctl ps --watch web | tee web-tasks.log", "a new table on each change, logged")),
    "logs": (("swarmctl logs -f --tail 20 web", "the last 20 lines of every task, then follow"),),
    "wait": (("swarmctl update -d --image myapp:2 web && swarmctl wait --timeout 5m web",
              "update in the background, then wait for it"),),
    "restart": (("swarmctl restart web", "replace every task, rolling"),),
    "why": (("swarmctl why web", "why web's tasks are failing"),),
    "rm": (("swarmctl rm web worker", "remove both"),),
    "export": (
        ("swarmctl export web > web.sh", "the swarmctl create command that makes web as it is"),
        ("swarmctl export --docker web worker", "docker service create commands, one per line"),
        ("swarmctl export --format compose web worker > stack.yml",
         "a compose file for docker stack deploy"),
    ),
    "diff": (
        ("swarmctl diff web-staging web", "what differs between the two services' specs"),
        ("swarmctl diff --previous web", "what web's last update changed (rollback undoes it)"),
    ),
    "inspect": (("swarmctl inspect --format '{{.Spec.Mode}}' web", "one field of the service"),),
    "help": (("swarmctl help create", "the same as swarmctl create --help"),),
    "completion": (
        ("swarmctl completion bash > ~/.local/share/bash-completion/completions/swarmctl",
         "install bash completion for your user"),
    ),
}
