"""``swarmctl inspect`` against ``docker service inspect`` on the same live services.

JSON, ``--pretty`` and error output are compared byte for byte. Go templates (``-f``) see
the Go ``swarm.Service`` value; Go prints a nested non-nil pointer as its memory address
(``0xc000123456``), which differs between runs of docker itself: only those addresses are
masked.
"""
from __future__ import annotations


import pytest

pytest.register_assert_rewrite("tests.cli._readlab")
from tests.cli import _readlab  # noqa: E402

pytestmark = pytest.mark.engine

LONG = "a-rather-long-service-name-to-widen-columns-0123456789"
ALL = ("web", "two", "glob", "job", "gjob", "crash", "pend", LONG, "full", "upd")


@pytest.fixture(scope="session")
def lab(engine):
    yield _readlab.acquire(engine)
    _readlab.release()


def _names(lab, *which):
    return [lab.name(w) for w in (which or ALL)]


# -- JSON ------------------------------------------------------------------------------------------

def test_indented_json_of_every_service(lab):
    out = lab.golden("inspect", *_names(lab)).stdout
    assert out.startswith("[\n    {\n        \"ID\": ")
    assert '"html": "\\u003ca\\u0026b\\u003e"' in out  # HTML-escaped like Go
    assert "héllo ✓ 日本語" in out  # non-ASCII stays UTF-8


def test_compact_json(lab):
    lab.golden("inspect", "--format", "json", *_names(lab))
    lab.golden("inspect", "-f", "rawjson", lab.name("web"))  # "raw" is cut off first


def test_unknown_and_mixed_references(lab):
    result = lab.golden("inspect", "nosuch")
    assert (result.code, result.stdout, result.stderr) == (1, "[]\n", "Error: no such service: nosuch\n")
    lab.golden("inspect", lab.name("web"), "nosuch-a", lab.name("job"), "nosuch-b")
    lab.golden("inspect", "--format", "json", "nosuch", lab.name("glob"))


def test_references_by_id_and_prefix_and_with_blanks(lab):
    web = lab.ids[lab.name("web")]
    lab.golden("inspect", web, web[:9], lab.name("job"))
    lab.golden("inspect", "-f", "{{.ID}}", f" {lab.name('web')} ")  # trimmed, as docker's client
    lab.golden("inspect", "-f", "{{.ID}}", "", lab.name("web"))  # empty reference


def test_ambiguous_prefix_is_the_engines_error(lab):
    shared = [lab.shared_id_prefix()]
    result = lab.golden_moving("inspect", shared[0], lab.name("web"))
    assert "is ambiguous" in result.stderr


# -- Go templates ----------------------------------------------------------------------------------

TEMPLATES = [
    "{{.ID}} {{.Spec.Name}} {{.Version.Index}} {{.Version}}",
    "{{.CreatedAt}} | {{.UpdatedAt}}",
    "{{.CreatedAt.Format \"2006-01-02T15:04:05.000Z07:00 Mon Jan _2 3:04PM .999\"}} {{.CreatedAt.Year}} "
    "{{.CreatedAt.Month}} {{.CreatedAt.Weekday}} {{.CreatedAt.Unix}} {{.CreatedAt.YearDay}}",
    "{{.UpdatedAt.Format \"January 2, 2006 15:04:05.000000 -07:00:00 Z0700 MST pm __2 002 06 \"}}"
    "{{.UpdatedAt.Format \"1/2 3:4:5 ,999\"}}",
    "{{.CreatedAt.UTC.Format \"Monday 02-Jan-06 03PM -0700 Z07:00 _2006\"}} {{.CreatedAt.IsZero}} "
    "{{.CreatedAt.Nanosecond}} {{.Spec.UpdateConfig.Monitor.Seconds}}",
    "{{json .CreatedAt}} {{json .Spec.UpdateConfig}} {{json .Spec.Labels}}",
    "{{.Spec.Labels}} {{index .Spec.Labels \"tier\"}} {{.Spec.Labels.tier}} {{.Spec.Labels.zz}}",
    "{{range $k, $v := .Spec.Labels}}{{$k}}={{$v}};{{end}}",
    "{{.Spec.Mode}} {{.Spec.Mode.Replicated}} {{.Spec.Mode.Global}}",
    "{{if .Spec.Mode.Replicated}}{{.Spec.Mode.Replicated.Replicas}}{{else}}-{{end}}",
    "{{.Spec.UpdateConfig}} {{.Spec.UpdateConfig.Delay}} {{.Spec.UpdateConfig.Monitor}} "
    "{{.Spec.UpdateConfig.MaxFailureRatio}}",
    "{{.Spec.RollbackConfig}}",
    "{{.Spec.TaskTemplate.RestartPolicy}} {{.Spec.TaskTemplate.RestartPolicy.Delay}} "
    "{{.Spec.TaskTemplate.RestartPolicy.Window}} {{.Spec.TaskTemplate.RestartPolicy.MaxAttempts}}",
    "{{.Spec.TaskTemplate.ContainerSpec}}",
    "{{.Spec.TaskTemplate.ContainerSpec.Image}} {{.Spec.TaskTemplate.ContainerSpec.Args}} "
    "{{.Spec.TaskTemplate.ContainerSpec.Env}} {{join .Spec.TaskTemplate.ContainerSpec.Env \",\"}}",
    "{{.Spec.TaskTemplate.ContainerSpec.Init}} {{.Spec.TaskTemplate.ContainerSpec.StopGracePeriod}} "
    "{{.Spec.TaskTemplate.ContainerSpec.Healthcheck}} {{.Spec.TaskTemplate.ContainerSpec.DNSConfig}}",
    "{{json .Spec.TaskTemplate.ContainerSpec}}",
    "{{.Spec.TaskTemplate.Resources}} {{.Spec.TaskTemplate.Resources.Limits}} "
    "{{.Spec.TaskTemplate.Placement}} {{.Spec.TaskTemplate.LogDriver}}",
    "{{.Spec.TaskTemplate}}",
    "{{.Spec}}",
    "{{.}}",
    "{{json .}}",
    "{{json .Spec}}",
    "{{.Endpoint}} {{.Endpoint.Ports}} {{len .Endpoint.Ports}} {{.Endpoint.VirtualIPs}}",
    "{{range .Endpoint.Ports}}{{.PublishedPort}}:{{.TargetPort}}/{{.Protocol}}/{{.PublishMode}} {{end}}",
    "{{json .Endpoint}}",
    "{{.UpdateStatus}} {{.PreviousSpec}} {{.ServiceStatus}} {{.JobStatus}}",
    "{{with .UpdateStatus}}{{.State}} {{.Message}} {{.StartedAt}} {{.CompletedAt}}{{else}}none{{end}}",
    "{{json .UpdateStatus}} {{json .JobStatus}} {{json .PreviousSpec}}",
    "{{if .PreviousSpec}}{{.PreviousSpec.TaskTemplate.ContainerSpec.Env}}{{end}}",
    "{{with .JobStatus}}{{.JobIteration}} {{.LastExecution}}{{end}} {{.Spec.Mode.ReplicatedJob}}",
    "{{.Meta}} {{.Spec.Annotations}} {{.Spec.Name | printf \"%-64s\"}}|",
    "{{upper .Spec.Name}} {{title .Spec.Name}} {{split .Spec.Name \"-\"}} {{.Spec.TaskTemplate.Runtime}}",
    "{{.Spec.TaskTemplate.ContainerSpec.Ulimits}} {{.Spec.TaskTemplate.ContainerSpec.Mounts}} "
    "{{.Spec.TaskTemplate.ContainerSpec.CapabilityAdd}} {{.Spec.TaskTemplate.ContainerSpec.Sysctls}}",
    "{{if eq .Spec.TaskTemplate.Runtime \"container\"}}c{{end}} {{printf \"%s|%v\" .Spec.Name .Spec.Mode}}",
    r"  {{.Spec.Name}}\t{{.ID}}  ",
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_templates(lab, template):
    lab.golden("inspect", "-f", template, *_names(lab), mask=_readlab.mask_addresses)


@pytest.mark.parametrize("template", [
    "{{.Nope}}", "{{.Spec.Nope}}", "{{.Spec.TaskTemplate.ContainerSpec.Nope}}",
    "{{.UpdateStatus.State}}", "{{.UpdateStatus.Nope}}", "{{.PreviousSpec.Name}}",
    "{{.Spec.Mode.Global.Foo}}", "{{.Spec.Labels.tier.x}}",
    "{{if eq .Spec.Name \"%s\"}}{{.Nope}}{{end}}{{.Spec.Name}}",
])
def test_template_execution_errors_are_collected(lab, template):
    if "%s" in template:
        template = template % lab.name("web")
    result = lab.golden("inspect", "-f", template, *_names(lab, "web", "glob", "upd", "job"),
                        mask=_readlab.mask_addresses)
    assert result.code == 1


@pytest.mark.parametrize("template", ["{{.Nope", "{{", "{{nofunc .ID}}", "{{end}}"])
def test_template_parse_errors(lab, template):
    result = lab.golden("inspect", "-f", template, lab.name("web"))
    assert result.code == 1 and result.stdout == ""


def test_template_with_unknown_services(lab):
    lab.golden("inspect", "-f", "{{.Spec.Name}}", "nosuch", lab.name("web"), "nosuch-2")
    result = lab.golden("inspect", "-f", "{{.Spec.Name}}", "nosuch")
    assert result.stdout == "\n"


# -- --pretty ----------------------------------------------------------------------------------------

def test_pretty_every_service(lab):
    out = lab.golden("inspect", "--pretty", *_names(lab)).stdout
    assert f"Networks: {lab.name('ovl')} " in out  # network names looked up
    assert "UpdateStatus:" in out and " Completed:\t" in out


@pytest.mark.parametrize("args", [
    ("--pretty", "nosuch", "WEB"), ("--pretty", "WEB", "nosuch"),
    ("--pretty", "--format", "{{.ID}}", "WEB"), ("-f", "pretty", "WEB"), ("-f", "prettyx", "WEB"),
    ("--format", "pretty {{.ID}}", "WEB"), ("-f", "", "WEB"), ("-f", "raw", "WEB"),
    ("-f", "rawfoo", "WEB"), ("--pretty", "-f", "", "WEB"),
])
def test_format_choices_and_conflicts(lab, args):
    args = [lab.name("web") if a == "WEB" else a for a in args]
    lab.golden("inspect", *args)


def test_config_file_format(lab):
    web = lab.name("web")
    try:
        lab.write_config(serviceInspectFormat="pretty")
        lab.golden("inspect", web, lab.name("upd"))
        lab.golden("inspect", "-f", "{{.ID}}", web)  # --format wins
        lab.write_config(serviceInspectFormat="{{.Spec.Name}} {{.Spec.Mode}}")
        lab.golden("inspect", web, mask=_readlab.mask_addresses)
        lab.write_config(serviceInspectFormat="json")
        lab.golden("inspect", web)
        lab.write_config(serviceInspectFormat="prettyx")
        lab.golden("inspect", web)
    finally:
        lab.write_config()


@pytest.mark.parametrize("args", [("inspect",), ("inspect", "--bogus", "x"), ("inspect", "-p", "x")])
def test_command_line_errors(lab, args):
    lab.golden(*args)


# -- round trips ------------------------------------------------------------------------------------

def test_one_request_per_argument(lab):
    names = _names(lab, "web", "glob", "job")
    ours, calls = lab.through_proxy("swarmctl", "inspect", *names, "nosuch")
    theirs, docker_calls = lab.through_proxy("docker", "inspect", *names, "nosuch")
    assert ours.stdout == theirs.stdout
    expected = [("GET", f"/services/{n}") for n in names + ["nosuch"]]
    # The requests run concurrently, so they may reach the engine in any order; the output
    # keeps the arguments' order (the stdout comparison above).
    assert sorted((m, p.split("?")[0]) for m, p in calls) == sorted(expected)
    assert all(p.lower().endswith("?insertdefaults=true") for _m, p in calls)
    assert len(calls) == len(docker_calls)
    _, pretty = lab.through_proxy("swarmctl", "inspect", "--pretty", lab.name("full"), lab.name("web"))
    kinds = [p.split("?")[0].rsplit("/", 1)[0] for _m, p in pretty]
    assert kinds == ["/services", "/services", "/networks"]
    assert pretty[2][1].endswith("?scope=swarm")
