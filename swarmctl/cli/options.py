"""The click side of swarmctl's options: docker's flag table bound to click, and the options
several commands share, each declared once.

``swarmctl.service.flags`` holds docker's create/update flags as data; here they become click
options (``flag_options``) that parse like pflag (``DockerCommand``): list flags repeat
(``--env A=1 --env B=2``, commas are never split), bools take ``--init``, ``--init=true`` or
``--init=false`` but never a separate ``false`` word, shorthands combine (``-dq``) and take
``-e=A=1``, ``-eA=1`` or ``-e A=1``. Each value is converted while the command line is parsed,
with docker's parser for its kind; a bad one stops the command with docker's
``invalid argument "X" for "--flag" flag: <reason>`` (:class:`FlagError`, exit 125).

The shared options (``detach_option``, ``quiet_option``, ``timeout_option``, ``wait_options``,
``template_format_option``) take the help text of the command that uses them, so each
command's --help stays what it was.

Only click, the standard library and the flag table are imported at the top: ``--help`` and
completion stay fast.
"""
from __future__ import annotations

import datetime
import sys

import click
from click.core import ParameterSource
from click.parser import _Option, _normalize_opt, _OptionParser

from swarmctl.service.flags import FLAGS_BY_NAME, all_flags_for, value_parser


# -- docker's value syntaxes ------------------------------------------------------------------

class FlagError(click.BadParameter):
    """A flag value docker would refuse: docker's message, exit 125."""

    def __init__(self, docker_message):
        super().__init__(docker_message)
        self.docker_message = docker_message


def flag_error(value, flag_name, reason):
    # The rules' modules are imported once a value is refused or parsed, not with the options:
    # Go's strconv and the parsers cost more to import than --help or a Tab press may take.
    from swarmctl.golang.strconv import quote

    return FlagError(f'invalid argument {quote(value)} for "{flag_name}" flag: {reason}')


class DockerValue(click.ParamType):
    """A click type parsing with one of docker's parsers (swarmctl.service.values)."""

    def __init__(self, name, parse):
        self.name = name
        self.parse = parse

    def flag_name(self, param):
        return ", ".join(param.opts) if param is not None else self.name

    def convert(self, value, param, ctx):
        if isinstance(value, Converted):
            return value.value
        if not isinstance(value, str):
            return value
        from swarmctl.service.errors import FlagValueError

        try:
            return self.parse(value)
        except FlagValueError as error:
            raise flag_error(value, self.flag_name(param), error) from None


class Converted:
    """A flag value converted while the command line was parsed (see ``PflagParser``)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def go_duration():
    """A Go duration (``30s``, ``1m30s``), in nanoseconds."""
    return DockerValue("duration", lambda value: value_parser("duration", warn_like_logrus)(value))


def go_uint():
    """An unsigned integer with strconv's base prefixes, as pflag's uint flags."""
    return DockerValue("uint", lambda value: value_parser("uint", warn_like_logrus)(value))


def warn_like_logrus(message):
    """A warning as docker logs it through logrus: its text format on a non-terminal stderr."""
    now = datetime.datetime.now(datetime.timezone.utc).astimezone()
    stamp = now.isoformat(timespec="seconds")
    if stamp.endswith("+00:00"):
        stamp = stamp[:-6] + "Z"
    sys.stderr.write(f'time="{stamp}" level=warning msg="{message}"\n')


# -- the create/update flag table ---------------------------------------------------------------

class FlagValue(DockerValue):
    """Converts one value of a table flag with docker's parser; docker's message when it fails."""

    def __init__(self, flag):
        # The parser is looked up per value: building the options must not import parsers.
        super().__init__(flag.metavar or "bool",
                         lambda value: value_parser(flag.kind, warn_like_logrus)(value))
        self.flag = flag

    def flag_name(self, param):
        return self.flag.docker_name


def _completion(flag):
    """The flag's shell_complete callback (swarmctl.cli.completion.candidates loads only on a Tab press)."""
    if not (flag.completion or flag.choices):
        return None

    def complete(ctx, param, incomplete):
        from swarmctl.cli.completion.candidates import flag_value

        callback = flag_value(flag)
        return callback(ctx, param, incomplete) if callback else []

    return complete


class DockerOption(click.Option):
    """A click option built from a table entry; remembers the entry."""

    def __init__(self, flag, command):
        decls = ([f"-{flag.short}"] if flag.short else []) + [f"--{flag.name}", flag.dest]
        super().__init__(
            decls, type=FlagValue(flag), multiple=flag.repeatable, default=None,
            metavar=flag.metavar or None, help=flag.help_for(command), show_default=False,
            shell_complete=_completion(flag),
        )
        self.flag = flag


class PflagBoolOption(DockerOption):
    """A pflag bool: ``--x`` means true, ``--x=VALUE`` sets it; never takes the next word."""

    def get_help_record(self, ctx):
        record = super().get_help_record(ctx)
        if record is None:
            return None
        opts, text = record
        return opts.replace(" BOOL", "").rstrip(), text

    def make_metavar(self, ctx=None):
        return "BOOL"


def _pflag_error(ctx, message):
    error = FlagError(message)
    error.ctx = ctx
    return error


class _ConvertingOption(_Option):
    """A table flag's option that converts each value as it is met, as pflag's Set does:
    ``--replicas=x --replicas=1`` is refused, and a bad value before an unknown flag is the
    error docker reports. click would convert only the last value, after parsing."""

    def __init__(self, parser, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parser = parser

    def process(self, value, state):
        if isinstance(value, str):
            try:
                value = Converted(self.obj.type.convert(value, self.obj, self.parser.ctx))
            except FlagError as error:
                error.ctx = self.parser.ctx
                raise
        super().process(value, state)


class PflagParser(_OptionParser):
    """click's parser with pflag's rules for bools and shorthands.

    click has no bool that both works alone and takes ``=false``, and reads ``-e=X`` as the
    value ``=X``. click 8.x builds its parser in ``Command.make_parser``; this subclass only
    changes how one option's value is found, and converts table flags' values as they come.
    """

    def add_option(self, obj, opts, dest, action=None, nargs=1, const=None):
        if not isinstance(obj, DockerOption):
            super().add_option(obj, opts, dest, action=action, nargs=nargs, const=const)
            return
        # click's add_option, with the option class that converts
        opts = [_normalize_opt(opt, self.ctx) for opt in opts]
        option = _ConvertingOption(self, obj, opts, dest, action=action, nargs=nargs, const=const)
        self._opt_prefixes.update(option.prefixes)
        for opt in option._short_opts:
            self._short_opt[opt] = option
        for opt in option._long_opts:
            self._long_opt[opt] = option

    def _match_long_opt(self, opt, explicit_value, state):
        option = self._long_opt.get(opt)
        if option is not None and isinstance(option.obj, PflagBoolOption) and explicit_value is None:
            option.process("true", state)
            return
        super()._match_long_opt(opt, explicit_value, state)

    def _match_short_opt(self, arg, state):
        # pflag's parseShortArg: each letter is a flag until one takes the rest as its value;
        # its messages name the letters not yet consumed ("'z' in -z" for "-dz").
        prefix = arg[0]
        rest = arg[1:]
        while rest:
            letters = rest
            letter, rest = rest[0], rest[1:]
            option = self._short_opt.get(f"{prefix}{letter}")
            if option is None:
                raise _pflag_error(self.ctx, f"unknown shorthand flag: '{letter}' in -{letters}")
            if rest.startswith("="):
                value, rest = rest[1:], ""
            elif isinstance(option.obj, PflagBoolOption):
                value = "true"
            elif not option.takes_value:  # -h, and click's other plain flags
                value = None
            elif rest:
                value, rest = rest, ""
            elif state.rargs:
                value = state.rargs.pop(0)
            else:
                raise _pflag_error(self.ctx, f"flag needs an argument: '{letter}' in -{letters}")
            option.process(value, state)

    def _get_value_from_state(self, option_name, option, state):
        if len(state.rargs) < option.nargs:
            raise _pflag_error(self.ctx, f"flag needs an argument: {option_name}")
        return super()._get_value_from_state(option_name, option, state)


# --help of create/update in groups, each in docker's order: (title, flag names). A name
# ending in "-" is a prefix; any other also takes its "-add", "-rm", ... forms. The longest
# match wins (--rollback-delay is a policy, --rollback is not).
HELP_GROUPS = (
    ("Service", ("name", "mode", "replicas", "max-concurrent", "label", "image", "args",
                 "force", "rollback")),
    ("Container", ("entrypoint", "workdir", "user", "group", "env", "tty", "read-only", "init",
                   "stop-", "isolation", "oom-score-adj", "cap-", "container-label", "mount",
                   "secret", "config", "sysctl", "ulimit", "credential-spec", "health-",
                   "no-healthcheck")),
    ("Resources", ("limit-", "reserve-", "generic-resource")),
    ("Placement", ("constraint", "placement-pref", "replicas-max-per-node")),
    ("Networking", ("network", "publish", "endpoint-mode", "hostname", "host", "dns")),
    ("Restart policy", ("restart-",)),
    ("Update and rollback policy", ("update-", "rollback-")),
    ("Logging", ("log-",)),
    ("Command", ("detach", "quiet", "timeout", "dry-run", "with-registry-auth",
                 "no-resolve-image", "help")),
)


def _matches(name, pattern):
    if pattern.endswith("-"):
        return name.startswith(pattern)
    return name == pattern or name.startswith(pattern + "-")


def help_group(param):
    """The HELP_GROUPS title of an option of create/update."""
    name = param.flag.name if isinstance(param, DockerOption) else param.opts[-1].lstrip("-")
    found = [(len(pattern), title) for title, patterns in HELP_GROUPS for pattern in patterns
             if _matches(name, pattern)]
    return max(found)[1] if found else HELP_GROUPS[-1][0]


def grouped_help_records(command, ctx):
    """[(group title, [help records])] of a DockerCommand, in HELP_GROUPS order."""
    groups = {title: [] for title, _prefixes in HELP_GROUPS}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
        if record:
            groups[help_group(param)].append(record)
    return [(title, records) for title, records in groups.items() if records]


class DockerCommand(click.Command):
    """A command whose options parse like docker's (pflag), its --help in groups."""

    def make_parser(self, ctx):
        parser = PflagParser(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser

    def format_options(self, ctx, formatter):
        for title, records in grouped_help_records(self, ctx):
            with formatter.section(f"{title} options"):
                formatter.write_dl(records)


def click_params(command):
    """The click options of ``command`` ('create' or 'update'), in docker's --help order."""
    params = []
    for flag in all_flags_for(command):
        cls = PflagBoolOption if flag.kind == "bool" else DockerOption
        params.append(cls(flag, command))
    return params


def flag_options(command):
    """Decorator: add every table flag of ``command`` to a click command function."""

    def decorate(function):
        existing = getattr(function, "__click_params__", [])
        # click reverses decorator-added params; keep the table's order in --help.
        function.__click_params__ = existing + list(reversed(click_params(command)))
        return function

    return decorate


def given_flags(ctx):
    """{flag name: value} for the table flags given on the command line (not defaults)."""
    given = {}
    for param in ctx.command.params:
        if not isinstance(param, DockerOption):
            continue
        if ctx.get_parameter_source(param.name) != ParameterSource.COMMANDLINE:
            continue
        value = ctx.params.get(param.name)
        given[param.flag.name] = list(value) if param.flag.repeatable else value
    return given


# -- options several commands share ------------------------------------------------------------

def detach_option(help=FLAGS_BY_NAME["detach"].help):
    """-d/--detach: do not wait for the service (docker's text unless the command has its own)."""
    return click.option("-d", "--detach", is_flag=True, help=help)


def quiet_option(help=FLAGS_BY_NAME["quiet"].help):
    """-q/--quiet: progress (docker's text) or, for listings, only IDs."""
    return click.option("-q", "--quiet", is_flag=True, help=help)


def timeout_option(help="Give up waiting for convergence after this long (exit 124); "
                        "the service keeps converging"):
    """--timeout DURATION (a Go duration, in nanoseconds; None when not given)."""
    return click.option("--timeout", type=go_duration(), default=None, metavar="duration",
                        help=help)


def wait_options(f):
    """-d/--detach, -q/--quiet and --timeout: how a command that changes a service waits."""
    f = timeout_option()(f)
    f = quiet_option()(f)
    return detach_option()(f)


def template_format_option(help, short=False, shell_complete=None):
    """--format TEMPLATE ("table", "json", "raw" or a Go template), passed as ``format_``."""
    decls = (["-f"] if short else []) + ["--format", "format_"]
    return click.option(*decls, metavar="string", default="", help=help,
                        shell_complete=shell_complete)
