"""Flag values of `create` built from each value syntax's grammar, for the differential fuzzer.

Each syntax gives hypothesis strategies of whole argument lists (``--flag=value`` pairs,
so a value starting with ``-`` is never read as a flag). Values are assembled from the
syntax's own keys, separators and boundary values (the numbers where a parser's range
ends, the units and keywords it knows, their near-misses), and then mutated now and then
(a character dropped, doubled or inserted, the case changed), so most examples land on or
near the edge between accepted and refused rather than on random text no parser reads.

Placeholders in values: ``{secret}``, ``{config}``, ``{network}`` name objects the harness
creates; ``{envfile}`` is a file holding the example's ``files["envfile"]`` bytes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

# Characters a value may pick up by mutation: separators, quotes, whitespace, control
# characters, non-ASCII, and a byte of argv that is not UTF-8 (Python's surrogateescape).
# NUL cannot be in argv.
NOISE = [" ", ",", "=", ":", "-", "/", ".", '"', "'", "\t", "\n", "\x1b", "\x7f", "é", "\u202e",
         "\udcff", "0", "9", "x", "_", "+", "[", "]", "%"]


@dataclass(frozen=True)
class Example:
    syntax: str
    args: tuple
    files: tuple = field(default=())   # (name, bytes) pairs

    def describe(self):
        return " ".join(repr(a) if _needs_quoting(a) else a for a in self.args)


def _needs_quoting(arg):
    return any(c in arg for c in " \t\n'\"\\$") or not arg.isprintable()


@st.composite
def _mutation(draw, text):
    """``text`` with one small edit at a drawn position."""
    position = draw(st.integers(0, len(text)))
    edit = draw(st.sampled_from(["drop", "double", "insert", "upper", "lower", "pad"]))
    if edit == "drop" and text:
        position = min(position, len(text) - 1)
        return text[:position] + text[position + 1:]
    if edit == "double" and text:
        position = min(position, len(text) - 1)
        return text[:position + 1] + text[position:]
    if edit == "upper":
        return text.upper()
    if edit == "lower":
        return text.lower()
    if edit == "pad":
        return draw(st.sampled_from([" ", "\t", ""])) + text + draw(st.sampled_from([" ", "\n", ""]))
    return text[:position] + draw(st.sampled_from(NOISE)) + text[position:]


def mutated(strategy):
    """Values of ``strategy``, one in three with a small edit."""
    return st.one_of(strategy, strategy, strategy.flatmap(_mutation))


def joined(parts, separator, min_size=0, max_size=4):
    return st.lists(parts, min_size=min_size, max_size=max_size).map(separator.join)


def pick(*values):
    return st.sampled_from(values)


def flag(name, values):
    """``--name=value`` for each value of the strategy."""
    return values.map(lambda value: (f"--{name}={value}",))


def example(syntax, args, files=()):
    return args.map(lambda a: Example(syntax, tuple(a), files))


# -- numbers ------------------------------------------------------------------------------------

INTEGERS = pick("0", "1", "3", "-1", "+1", "010", "08", "0x1f", "0X1F", "0o17", "0b101", "1_000",
                "1e3", "1.5", "", " 1", "2147483647", "2147483648", "4294967295", "4294967296",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "-9223372036854775809", "18446744073709551615", "18446744073709551616", "٣",
                "１", "0x", "x")
FLOATS = pick("0", "0.3", "1", "1.0", "1.0000001", "-0", "-0.1", ".5", "5.", "1e-1", "0.1e1",
              "1E0", "0x1p-1", "0x.8p0", "1_0", "0_.1", "nan", "NaN", "inf", "+Inf", "-inf",
              "infinity", "3.4028235e38", "3.5e38", "1e-46", "1e309", "", " 0.5", "0.5 ",
              "half", "1/2")
DURATION_NUMBERS = pick("0", "1", "1.5", ".5", "5.", "-1", "+2", "010", "9223372036",
                        "9223372036854775807", "9223372036854775808", "2562047", "1e3", "",
                        "0.0000000001")
DURATION_UNITS = pick("ns", "us", "µs", "μs", "ms", "s", "m", "h", "", "d", "S", "sec", " s")
DURATIONS = mutated(st.one_of(
    pick("0", "0s", "1s", "-1s", "1h2m3s", "1.5h", "2562047h47m16.854775807s",
         "2562047h47m16.854775808s", "-2562047h47m16.854775808s", ".s", "1.s", "s", "", "1h-2m",
         "1m30", "5", "1e3s", "300ms", "1µs", "+5s", " 1s"),
    joined(st.tuples(DURATION_NUMBERS, DURATION_UNITS).map("".join), "", 1, 3),
))
SIZES = mutated(st.one_of(
    pick("64m", "64MiB", "1.5g", "4k", "4 k", "4  k", "0", "-1", "-1m", "1 kb", "1KiB", "1e3",
         "1k1", "9223372036854775807", "9223372036854775808", "8EB", "8e", "7e", "1p", "1PiB",
         "", "b", "1b", "1 B", "0x10", "1.", ".5m", "12x", "1kk"),
    st.tuples(pick("0", "1", "4", "64", "1.5", ".5", "-2", "1e2", "1024", "8589934592", ""),
              pick("", " ", "  "),
              pick("", "b", "k", "kb", "KiB", "kiB", "m", "MB", "mi", "g", "G", "GiB", "t", "p", "e",
                   "E", "EiB", "z", "bb")).map("".join),
))
CPUS = mutated(st.one_of(
    pick("1", "1.5", "0", "0.5", ".5", "5.", "1/2", "3/4", "1/3", "1/0", "0/0", "-1", "-0.5",
         "0.000000001", "0.0000000001", "1e-9", "1e-10", "1e3", "0x1p-3", "9223372036",
         "9223372037", "9223372036.854775807", "1_000", " 1", "", "a", "1/2/3", "+1", "2/-4"),
    st.tuples(pick("1", "0", "3", "10", "-1", "1.5", "999999999"), pick("/", "."),
              pick("2", "0", "3", "5", "000000001", "1e1")).map("".join),
))

# -- structured values --------------------------------------------------------------------------

MOUNT_TYPES = pick("bind", "volume", "tmpfs", "npipe", "cluster", "image", "BIND", "Volume", "")
MOUNT_FIELDS = {
    "source": pick("/tmp", "/tmp/x y", "vol1", "./rel", "../up", "rel/a", "", "a,b", "vol@1",
                   "/"),
    "target": pick("/t", "/", "", "rel", "/a b", "/t/", "//t", "c:\\t"),
    "readonly": pick(None, "true", "false", "1", "0", "yes", "TRUE", "", "t"),
    "consistency": pick("default", "consistent", "cached", "delegated", "bogus", ""),
    "bind-propagation": pick("rprivate", "private", "rshared", "shared", "rslave", "slave",
                             "RSHARED", "bogus", ""),
    "bind-nonrecursive": pick(None, "true", "false", "bogus"),
    "bind-recursive": pick("enabled", "disabled", "writable", "readonly", "bogus", ""),
    "bind-create-host-path": pick(None, "true", "false", "x"),
    "volume-driver": pick("local", "", "other"),
    "volume-label": pick("a=b", "a", "=b", "a=", "a=b=c"),
    "volume-nocopy": pick(None, "true", "false", "0", "x"),
    "volume-opt": pick("type=tmpfs", "device=tmpfs", "o=size=1m", "a", "=x", "a="),
    "volume-subpath": pick("sub", "", "/abs", "../up"),
    "tmpfs-size": st.one_of(SIZES, pick("64m", "0", "-1")),
    "tmpfs-mode": pick("1777", "0700", "700", "777", "999", "0x1ff", "-1", "", "0o700", "8",
                       "07777", "17777", "4294967295", "4294967296"),
    "image-subpath": pick("sub", ""),
}
MOUNT_ALIASES = {"source": ("source", "src"), "target": ("target", "dst", "destination"),
                 "readonly": ("readonly", "ro")}


@st.composite
def mount_value(draw):
    fields = []
    kind = draw(st.one_of(st.none(), MOUNT_TYPES))
    if kind is not None:
        fields.append(f"type={kind}")
    keys = draw(st.lists(st.sampled_from(sorted(MOUNT_FIELDS)), max_size=4, unique=True))
    if draw(st.integers(0, 5)) and "target" not in keys:
        keys.insert(0, "target")
    for key in keys:
        name = draw(st.sampled_from(MOUNT_ALIASES.get(key, (key,))))
        value = draw(MOUNT_FIELDS[key])
        fields.append(name if value is None else f"{name}={value}")
    draw(st.randoms()).shuffle(fields)
    return ",".join(fields)


PORT_NUMBERS = pick("80", "8080", "1", "0", "65535", "65536", "-1", "", "08", "0x50", "30080",
                    "30081", "99999999999", "a")
PORT_RANGES = st.one_of(PORT_NUMBERS, pick("30100-30102", "100-102", "30103-30104", "5-3", "1-",
                                           "-2", "30105-30105", "0-1", "80-80"))
PORT_SHORT = st.one_of(
    st.tuples(PORT_RANGES, pick("", "/tcp", "/udp", "/sctp", "/TCP", "/icmp", "/")).map("".join),
    st.tuples(PORT_RANGES, PORT_RANGES, pick("", "/udp", "/sctp", "/x")).map(
        lambda t: f"{t[0]}:{t[1]}{t[2]}"),
    st.tuples(pick("127.0.0.1", "0.0.0.0", "", "[::1]", "::1", "host"), PORT_RANGES,
              PORT_RANGES).map(lambda t: f"{t[0]}:{t[1]}:{t[2]}"),
)
PORT_LONG_FIELDS = {
    "target": PORT_NUMBERS, "published": st.one_of(PORT_NUMBERS, pick("30120-30121")),
    "mode": pick("ingress", "host", "INGRESS", "bogus", ""),
    "protocol": pick("tcp", "udp", "sctp", "UDP", "icmp", ""),
}


@st.composite
def port_long_value(draw):
    keys = draw(st.lists(st.sampled_from(sorted(PORT_LONG_FIELDS) + ["x", "target"]),
                         min_size=1, max_size=4))
    fields = []
    for key in keys:
        value = draw(PORT_LONG_FIELDS.get(key, pick("1", "")))
        fields.append(f"{key}={value}" if draw(st.integers(0, 9)) else key)
    return ",".join(fields)


REFERENCE_FIELDS = {
    "source": pick("{object}", "nosuch-object", "", " {object}", "{OBJECT}"), "src": pick("{object}"),
    "target": pick("t", "/run/t", "", "../t", "/", "a b", "{object}"),
    "uid": INTEGERS, "gid": INTEGERS,
    "mode": pick("0400", "400", "0o400", "0x1ff", "777", "0777", "8", "-1", "", "07777", "4294967295",
                 "4294967296", "0644 ", "r"),
}


@st.composite
def reference_value(draw, kind):
    if draw(st.integers(0, 3)) == 0:
        value = draw(pick("{object}", "nosuch-object", "", "{object},", "{object}=x", "{object} ",
                          "{OBJECT}"))
    else:
        keys = draw(st.lists(st.sampled_from(sorted(REFERENCE_FIELDS) + ["owner"]), max_size=4,
                             unique=True))
        if draw(st.integers(0, 4)) and not {"source", "src"} & set(keys):
            keys.insert(0, "source")
        value = ",".join(f"{k}={draw(REFERENCE_FIELDS.get(k, pick('x')))}" for k in keys)
    return value.replace("{object}", "{" + kind + "}").replace("{OBJECT}", "{" + kind.upper() + "}")


NETWORK_FIELDS = {
    "name": pick("{network}", "nosuch-net", "", "{NETWORK}", " {network}\t", " "),
    "alias": pick("web", "", "a b", "Web.Alias", "web"),
    "driver-opt": pick("k=v", "k", "=v", "k=v=w", "com.docker.network.x=1"),
    "ip": pick("10.9.0.5", "", "::1", "x"), "ip6": pick("fd00::5", "x"),
    "mac-address": pick("02:42:ac:11:00:02", "x"), "link-local-ip": pick("169.254.1.1", "x"),
    "gw-priority": INTEGERS,
}


@st.composite
def network_value(draw):
    if draw(st.integers(0, 3)) == 0:
        return draw(pick("{network}", "{NETWORK}", "nosuch-net", "", "{network},", "{network} ",
                         "\n{network}", " ", "\u00a0{network}"))
    keys = draw(st.lists(st.sampled_from(sorted(NETWORK_FIELDS) + ["bogus"]), max_size=4))
    if draw(st.integers(0, 4)) and "name" not in keys:
        keys.insert(0, "name")
    return ",".join(f"{k}={draw(NETWORK_FIELDS.get(k, pick('x')))}" for k in keys)


ULIMIT_NAMES = pick("nofile", "nproc", "core", "memlock", "stack", "rtprio", "NOFILE", "bogus", "",
                    "cpu", "as")
ULIMIT_NUMBERS = pick("1024", "0", "-1", "-2", "unlimited", "9223372036854775807",
                      "9223372036854775808", "1e3", "", "0x10", " 5")
ULIMITS = mutated(st.one_of(
    st.tuples(ULIMIT_NAMES, ULIMIT_NUMBERS).map(lambda t: f"{t[0]}={t[1]}"),
    st.tuples(ULIMIT_NAMES, ULIMIT_NUMBERS, ULIMIT_NUMBERS).map(lambda t: f"{t[0]}={t[1]}:{t[2]}"),
    pick("nofile", "nofile=1:2:3", "=5", "nofile=5:4"),
))

LABEL_PIECES = pick("a", "com.example.x", "=", " ", "\t", "\n", "\r", "\x1b[31m", "\x7f", "\x01",
                    "é", "\u202e", "\udcff", "\ufeff", "\u00a0", '"', "'", ",", "$X")
LABELS = st.one_of(joined(LABEL_PIECES, "", 1, 6),
                   st.tuples(joined(LABEL_PIECES, "", 0, 3), joined(LABEL_PIECES, "", 0, 3)).map(
                       lambda t: f"{t[0]}={t[1]}"))

ENV_LINES = st.one_of(
    pick(b"A=1", b"#c", b" B = 2", b"export X=1", b"a b=c", b"=x", b"X", b"\xef\xbb\xbfA=1",
         b"\xff\xfe", b"A=\xff", b"\xc3=1", b"A=\x00b", b"\tT=1", b"A=1\r", b"", b"  ", b"#",
         b"A==", b"\xed\xa0\x80=1", b"\xe9=1", b"A=\x1b[31m", b"K=" + b"v" * 300),
    st.binary(max_size=12),
    st.tuples(pick(b"A", b"a_b", b"1A", b"A-B", b"\xc3\xa9", b""), pick(b"=", b"", b" =", b"=="),
              pick(b"1", b"", b" x ", b"\"q\"", b"\xff", b"\x00")).map(b"".join),
)
ENV_FILES = st.tuples(st.lists(ENV_LINES, max_size=5), pick(b"\n", b"\r\n")).map(
    lambda t: t[1].join(t[0]))

HOSTS = mutated(st.tuples(
    pick("a.example", "db", "", "a b", "h_1", "[::1]", "x.", "-x"),
    pick(":", "=", " ", ""),
    pick("1.2.3.4", "::1", "[::1]", "host-gateway", "2001:db8::1", "1.2.3", "1.2.3.4.5", "", "x",
         "::ffff:1.2.3.4", "fe80::1%lo", "[1.2.3.4]", "1.2.3.4:80")).map("".join))
DNS_IPS = mutated(pick("8.8.8.8", "1.2.3", "999.1.1.1", "::1", " 2001:db8::1 ", "", "localhost",
                       "1.2.3.4%eth0", "fe80::1%eth0", "[::1]", "01.2.3.4", "::ffff:1.2.3.4"))
DNS_OPTIONS = mutated(pick("ndots:2", "timeout:1", "rotate", "", "a b", "ndots:x", "ndots=2",
                           "attempts:5", "\x1b"))
DNS_SEARCH = mutated(pick("example.com", ".", "", "bad_domain", "a..b", "-a.com", "a.com.",
                          "a" * 64 + ".com", "ex ample.com", "EXAMPLE.com"))
SYSCTLS = mutated(st.tuples(pick("net.core.somaxconn", "kernel.shmmax", "", "a b", "net.ipv4.x"),
                            pick("=", "", "==", " = "),
                            pick("1024", "", "a=b", " 1 ")).map("".join))
CAPABILITIES = mutated(pick("NET_ADMIN", "net_admin", "CAP_NET_ADMIN", "cap_net_admin", "ALL", "all",
                            "RESET", "reset", "", "bogus", " SYS_TIME ", "CAP_", "chown", "CAP_ALL"))
LOG_OPTS = mutated(pick("max-size=10m", "max-file=3", "labels", "a", "=b", "a=", "a=b=c", "",
                        "mode=non-blocking", "A B=c"))
LOG_DRIVERS = pick("json-file", "", "none", "bogus", "local", "JSON-FILE", "a b")
GENERIC_RESOURCES = mutated(st.tuples(
    pick("gpu", "fpga", "", " gpu ", "GPU", "a b", "NVIDIA-GPU", "a=b"),
    pick("=", "", "=="),
    pick("1", "0", "-1", "2", "a", "", " 2 ", "1.5", "0x10", "99999999999999999999", "uuid-1")).map(
        "".join))
PLACEMENT_PREFS = mutated(pick("spread=node.labels.zone", "spread=", "Spread=node.labels.x", "spread",
                               "pack=node.labels.x", "spread=a=b", "=x", "", "spread=node.id",
                               "spread= node.labels.x ", "SPREAD=x"))
RESTART_CONDITIONS = mutated(pick("none", "on-failure", "any", "ANY", "bogus", "", "on_failure"))
UPDATE_ORDERS = mutated(pick("stop-first", "start-first", "STOP-FIRST", "bogus", ""))
FAILURE_ACTIONS = mutated(pick("pause", "continue", "rollback", "PAUSE", "bogus", ""))
HEALTH_COMMANDS = pick("true", "", "exit 0", "a 'b", "\"", "CMD true", "a\nb")
BOOLS = pick("true", "false", "1", "0", "t", "F", "TRUE", "True", "yes", "", "2")
ENDPOINT_MODES = pick("vip", "dnsrr", "DNSRR", "", "bogus")


SHELL_WORDS = mutated(joined(pick("sh", "-c", "'a b'", '"a b"', "a\\ b", "'", '"', "\\", "$x", "#c",
                                   "\t", "\n", "''", '""', "echo", "x=1"), " ", 0, 4))
CREDENTIAL_SPECS = mutated(pick("file://x.json", "registry://HKLM\\x", "config://{config}",
                                "config://nosuch", "config://", "file://", "registry://", "bogus",
                                "", "FILE://x", "file:/x"))
CONSTRAINTS = mutated(pick("node.role==manager", "node.role!=worker", "node.labels.a==b",
                           "node.role", "a==", "==b", "node.role=manager", "node.role===x",
                           "engine.labels.x!=y", "node.platform.os==linux", "node.id!=x",
                           "node.labels.a == b", "node.labels.a==b,c", "node.role!manager"))
# Task counts stay small even after a mutation: the engine would make every task it is asked
# for (pending, as nothing can run them), and billions of them would take it down.
TASK_COUNTS = mutated(pick("0", "1", "2", "3", "-1", "010", "0x2", "08", "0b10", "+1", "", "x",
                           "1.5", "0o3", " 1"))
MODES = pick("replicated", "global", "replicated-job", "global-job", "bogus", "", "Global",
             "REPLICATED")


def _one_of_flags(*pairs):
    return st.one_of(*(flag(name, values) for name, values in pairs))


def _some(strategy, max_size=3):
    """1..max_size draws of a strategy of argument tuples, concatenated."""
    return st.lists(strategy, min_size=1, max_size=max_size).map(
        lambda parts: [arg for part in parts for arg in part])


DURATION_FLAGS = ("stop-grace-period", "restart-delay", "restart-window", "update-delay",
                  "update-monitor", "rollback-delay", "rollback-monitor", "health-interval",
                  "health-timeout", "health-start-period")

SYNTAXES = {
    "mount": _some(flag("mount", mutated(mount_value())), 2),
    "publish": _some(flag("publish", mutated(PORT_SHORT)), 2),
    "publish-long": _some(flag("publish", mutated(port_long_value())), 2),
    "secret": _some(flag("secret", mutated(reference_value("secret"))), 2),
    "config": _some(flag("config", mutated(reference_value("config"))), 2),
    "network": _some(flag("network", mutated(network_value())), 2),
    "duration": _some(_one_of_flags(*((name, DURATIONS) for name in DURATION_FLAGS)), 2),
    "bytes": _some(_one_of_flags(("limit-memory", SIZES), ("reserve-memory", SIZES)), 2),
    "cpus": _some(_one_of_flags(("limit-cpu", CPUS), ("reserve-cpu", CPUS)), 2),
    "integers": _some(_one_of_flags(
        ("limit-pids", mutated(INTEGERS)), ("replicas-max-per-node", mutated(INTEGERS)),
        ("update-parallelism", mutated(INTEGERS)), ("rollback-parallelism", mutated(INTEGERS)),
        ("restart-max-attempts", mutated(INTEGERS)), ("health-retries", mutated(INTEGERS))), 2),
    "ulimit": _some(flag("ulimit", ULIMITS)),
    "env-file": st.just(["--env-file={envfile}"]),
    "label": _some(_one_of_flags(("label", LABELS), ("container-label", LABELS))),
    "env": _some(flag("env", LABELS)),
    "placement-pref": _some(flag("placement-pref", PLACEMENT_PREFS), 2),
    "restart": _some(_one_of_flags(("restart-condition", RESTART_CONDITIONS),
                                   ("restart-delay", DURATIONS), ("restart-window", DURATIONS),
                                   ("restart-max-attempts", mutated(INTEGERS)))),
    "update-rollback": _some(_one_of_flags(
        ("update-max-failure-ratio", mutated(FLOATS)), ("rollback-max-failure-ratio", mutated(FLOATS)),
        ("update-order", UPDATE_ORDERS), ("rollback-order", UPDATE_ORDERS),
        ("update-failure-action", FAILURE_ACTIONS), ("rollback-failure-action", FAILURE_ACTIONS))),
    "health": _some(_one_of_flags(
        ("health-cmd", HEALTH_COMMANDS), ("health-interval", DURATIONS),
        ("health-timeout", DURATIONS), ("health-start-period", DURATIONS),
        ("health-retries", mutated(INTEGERS)), ("no-healthcheck", BOOLS))),
    "dns": _some(_one_of_flags(("dns", DNS_IPS), ("dns-option", DNS_OPTIONS),
                               ("dns-search", DNS_SEARCH))),
    "host": _some(flag("host", HOSTS), 2),
    "sysctl": _some(flag("sysctl", SYSCTLS)),
    "capabilities": _some(_one_of_flags(("cap-add", CAPABILITIES), ("cap-drop", CAPABILITIES))),
    "log": _some(_one_of_flags(("log-opt", LOG_OPTS), ("log-driver", LOG_DRIVERS))),
    "generic-resource": _some(flag("generic-resource", GENERIC_RESOURCES)),
    "shell-words": _some(_one_of_flags(("entrypoint", SHELL_WORDS), ("health-cmd", SHELL_WORDS)), 2),
    "credential-spec": _some(flag("credential-spec", CREDENTIAL_SPECS), 2),
    "constraint": _some(flag("constraint", CONSTRAINTS), 2),
    "mode": _some(_one_of_flags(("mode", MODES), ("replicas", TASK_COUNTS),
                                ("max-concurrent", TASK_COUNTS),
                                ("replicas-max-per-node", mutated(INTEGERS)))),
    "misc": _some(_one_of_flags(("endpoint-mode", ENDPOINT_MODES), ("init", BOOLS),
                                ("read-only", BOOLS), ("tty", BOOLS))),
}


def examples(syntax):
    """The strategy of :class:`Example` for one syntax."""
    args = SYNTAXES[syntax]
    if syntax == "env-file":
        return ENV_FILES.map(lambda data: Example(syntax, ("--env-file={envfile}",),
                                                  (("envfile", data),)))
    return args.map(lambda a: Example(syntax, tuple(a)))
