"""swarmctl's exit codes: one table, shown in README and in --help.

Where docker exits 0 for an outcome a script must notice (an update that rolled back, a
wait cut short), swarmctl says what happened.
"""
OK = 0
ERROR = 1
# Where docker itself crashes (a Go panic), swarmctl says so and exits as docker does.
GO_PANIC = 2
UPDATE_PAUSED = 3
ROLLED_BACK = 4
TIMED_OUT = 124
USAGE = 125
# A terminating signal N gives 128 + N, as a shell reports a process killed by it.
HANGUP = 129          # SIGHUP
INTERRUPTED = 130     # SIGINT (Ctrl-C)
RESULT_LOST = 141     # stdout closed before the result was written (as SIGPIPE)
TERMINATED = 143      # SIGTERM

TABLE = (
    (OK, "success; with progress: the service converged"),
    (ERROR, "an error (engine error, unknown service, bad argument count, ...)"),
    (UPDATE_PAUSED, "the update (or rollback) paused after a task failed"),
    (ROLLED_BACK, "the update failed and the engine rolled it back automatically"),
    (TIMED_OUT, "--timeout expired before the service converged"),
    (USAGE, "bad flag or flag value (as docker)"),
    (HANGUP, "SIGHUP: as Ctrl-C"),
    (INTERRUPTED, "interrupted (Ctrl-C); the engine keeps converging the service"),
    (RESULT_LOST, "stdout closed before the result was written (`... | true`)"),
    (TERMINATED, "SIGTERM: as Ctrl-C"),
)


def epilog():
    # "\b" keeps click from re-wrapping the table.
    lines = ["\b", "Exit codes:"]
    lines += [f"  {code:>3}  {meaning}" for code, meaning in TABLE]
    return "\n".join(lines)
