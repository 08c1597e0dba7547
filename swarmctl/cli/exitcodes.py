"""swarmctl's exit codes: one table, shown in README, and per command the codes that
command can return, shown in its --help and man page.

Where docker exits 0 for an outcome a script must notice (an update that rolled back, a
wait cut short), swarmctl says what happened.
"""
OK = 0
ERROR = 1
# Where docker itself crashes (a Go panic), swarmctl says so and exits as docker does.
GO_PANIC = 2
UPDATE_PAUSED = 3
ROLLED_BACK = 4
FAILING = 5
EXPORT_INCOMPLETE = 6
TIMED_OUT = 124
USAGE = 125
# A terminating signal N gives 128 + N, as a shell reports a process killed by it.
HANGUP = 129          # SIGHUP
INTERRUPTED = 130     # SIGINT (Ctrl-C)
RESULT_LOST = 141     # stdout closed before the result was written (as SIGPIPE)
TERMINATED = 143      # SIGTERM

TABLE = (
    (OK, "success; with progress: the service converged"),
    (ERROR, "an error (engine error, unknown service or command, bad argument count, ...)"),
    (GO_PANIC, "input docker itself crashes on (nothing is done); update --dry-run, diff: "
               "an error"),
    (UPDATE_PAUSED, "the update (or rollback) paused after a task failed"),
    (ROLLED_BACK, "the update failed and the engine rolled it back automatically"),
    (FAILING, "why: a slot of the service is failing now (a task of the current spec failed "
              "recently)"),
    (EXPORT_INCOMPLETE, "export: a spec field the format cannot express (named on stderr)"),
    (TIMED_OUT, "--timeout expired before the service converged"),
    (USAGE, "bad flag or flag value (as docker)"),
    (HANGUP, "SIGHUP: as Ctrl-C"),
    (INTERRUPTED, "interrupted (Ctrl-C); the engine keeps converging the service"),
    (RESULT_LOST, "stdout closed before the result was written (`... | true`)"),
    (TERMINATED, "SIGTERM: as Ctrl-C"),
)


# Every command can succeed, fail, be given a bad flag or be interrupted; these can more.
_ALWAYS = (OK, ERROR, USAGE, INTERRUPTED)
# Waiting commands end on SIGHUP/SIGTERM as on Ctrl-C, and exit 141 when the reader of
# their result went away before it was written.
_WAITS = (HANGUP, RESULT_LOST, TERMINATED)
_FOLLOWS = (UPDATE_PAUSED, ROLLED_BACK, TIMED_OUT, *_WAITS)  # waits for convergence (no -d)
BY_COMMAND = {
    "create": (GO_PANIC, TIMED_OUT, *_WAITS),  # a new service has no update to pause or roll back
    "update": (GO_PANIC, *_FOLLOWS),
    "scale": _FOLLOWS,
    "rollback": (UPDATE_PAUSED, TIMED_OUT, *_WAITS),  # a requested rollback is success
    "restart": _FOLLOWS,
    "wait": _FOLLOWS,
    "logs": (HANGUP, TERMINATED),  # logs -f
    "why": (FAILING,),
    # --watch: Ctrl-C is how it ends (0); a kill or a closed terminal still says so.
    "ps": (HANGUP, TERMINATED),
    "ls": (HANGUP, TERMINATED),
    "export": (EXPORT_INCOMPLETE,),
    # kubectl diff's convention, as update --dry-run: 1 says the specs differ, 2 an error.
    "diff": (GO_PANIC,),
}

_MEANINGS = {
    ("create", GO_PANIC): "input docker itself crashes on (nothing is created)",
    ("update", ERROR): "an error; --dry-run: there are changes (0: none)",
    ("update", GO_PANIC): "--dry-run: an error; else input docker crashes on (nothing done)",
    ("why", FAILING): "a slot is failing now: a task of the current spec failed on its own "
                      "within --window",
    **{(command, code): meaning for command in ("ps", "ls") for code, meaning in (
        (OK, "success; --watch: ended with Ctrl-C"),
        (ERROR, "an error; --watch: also the engine went away"),
        (INTERRUPTED, "interrupted (Ctrl-C) before the list was written"),
        (HANGUP, "--watch: ended by SIGHUP (its terminal closed)"),
        (TERMINATED, "--watch: ended by SIGTERM"))},
    ("export", ERROR): "an error (an unknown service: the others are still printed)",
    ("export", EXPORT_INCOMPLETE): "a spec field the format cannot express (no flag, or no "
                                   "compose key; each named on stderr)",
    ("diff", OK): "the specs are equal",
    ("diff", ERROR): "the specs differ (each change on stdout)",
    ("diff", GO_PANIC): "an error (unknown service, no previous spec, engine error, argument "
                        "count)",
}
_PLAIN = {OK: "success", INTERRUPTED: "interrupted (Ctrl-C)"}  # commands that never wait


def codes(command=None):
    """[(code, meaning)] that ``command`` can return (every code without one)."""
    if command is None:
        return list(TABLE)
    wanted = set(_ALWAYS) | set(BY_COMMAND.get(command, ()))
    plain = _PLAIN if UPDATE_PAUSED not in wanted and TIMED_OUT not in wanted else {}
    return [(code, _MEANINGS.get((command, code), plain.get(code, meaning)))
            for code, meaning in TABLE if code in wanted]


def epilog(command=None):
    # "\b" keeps click from re-wrapping the table.
    lines = ["\b", "Exit codes:"]
    lines += [f"  {code:>3}  {meaning}" for code, meaning in codes(command)]
    return "\n".join(lines)
