"""Fuzzing --format / inspect -f templates: Go's text/template (swarmctl.golang.template),
docker's functions (swarmctl.output.templates) and the ls/ps/inspect renderers around them.
Property: output text, or a TemplateError / FormatError with Go's one-line message."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from swarmctl.golang.template import Template, TemplateError
from swarmctl.output import formatting, tables, templates
from tests.fuzz.checks import value_or
from tests.fuzz.strategies import syntax

PIECES = [
    "{{", "}}", "{{-", "-}}", " ", ".", ".Name", ".ID", ".Spec", ".Labels", ".Image", ".Mode",
    ".Replicas", ".Ports", ".X.Y", "$", "$x", "$x := ", "$x = ", "|", "(", ")", ",", "range ",
    "if ", "else", "else if ", "with ", "end", "break", "continue", 'define "a"', 'template "a"',
    'template "a" .', 'block "b" .', "nil", "true", "false", "1", "2", "-1", "1.5", "0x10", "1e3",
    "'c'", "'\\n'", '"s"', '"%d"', '"%v %s %q %x %5.2f %-3d %*d %!"', "`raw`", "/* c */",
    "printf ", "print ", "println ", "len ", "index ", "slice ", "not ", "and ", "or ",
    "eq ", "ne ", "lt ", "le ", "gt ", "ge ", "call ", "html ", "js ", "urlquery ", "json ",
    "split ", "join ", "title ", "lower ", "upper ", "pad ", "truncate ", '","', "\\n", "\\t",
    "\n", "\t", "table ", "\udcff", "é", "\x00"]
TEMPLATE_TEXT = syntax(PIECES, max_size=16)

JSON_LIKE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(1 << 70), 1 << 70),
              st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=6), children, max_size=4)),
    max_leaves=12)

SERVICE = {
    "ID": "3fy3qf9kn1j6dtsy1mpxy9ht8", "Version": {"Index": 12},
    "CreatedAt": "2026-12-04T10:00:00.123456789Z", "UpdatedAt": "2026-12-04T10:01:00Z",
    "Spec": {
        "Name": "web", "Labels": {"team": "x", "a b": "\x1b[31m"},
        "TaskTemplate": {
            "ContainerSpec": {"Image": "busybox:local@sha256:" + "a" * 64, "Args": ["sleep", "1"],
                              "Env": ["A=1"], "Mounts": [{"Type": "bind", "Source": "/a",
                                                          "Target": "/b", "ReadOnly": True}]},
            "Resources": {"Limits": {"NanoCPUs": 500000000, "MemoryBytes": 1 << 20}},
            "RestartPolicy": {"Condition": "any", "Delay": 5000000000},
            "Placement": {"Constraints": ["node.role==manager"]}, "ForceUpdate": 1},
        "Mode": {"Replicated": {"Replicas": 3}},
        "UpdateConfig": {"Parallelism": 1, "MaxFailureRatio": 0.25, "Order": "stop-first"},
        "EndpointSpec": {"Mode": "vip", "Ports": [{"Protocol": "tcp", "TargetPort": 80,
                                                  "PublishedPort": 8080, "PublishMode": "ingress"}]},
    },
    "Endpoint": {"Spec": {}, "Ports": [{"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080,
                                        "PublishMode": "ingress"}]},
    "ServiceStatus": {"RunningTasks": 2, "DesiredTasks": 3, "CompletedTasks": 0},
}


def _execute(text, data):
    template = Template.parse(text)
    return template.execute(data)


@given(TEMPLATE_TEXT, JSON_LIKE)
def test_go_templates_against_any_data(text, data):
    value_or(TemplateError, _execute, text, data)
    value_or(TemplateError, templates.render, text, data)


@given(TEMPLATE_TEXT)
def test_ls_formats(text):
    rows = tables.service_rows([SERVICE])
    for fmt in (text, "table " + text):
        result = value_or(formatting.FormatError, formatting.render_rows, fmt, rows,
                          tables.ServiceRow)
        assert isinstance(result, (str, formatting.FormatError))


@given(TEMPLATE_TEXT)
def test_inspect_formats(text):
    template = value_or(formatting.FormatError, formatting.parse_inspect_template, text)
    if not isinstance(template, Exception):
        value_or(formatting.FormatError, formatting.render_inspect_template, template, SERVICE)
