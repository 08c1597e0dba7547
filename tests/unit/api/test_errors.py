"""How APIClient turns the engine's error answers into docker-py's exception classes."""
from __future__ import annotations

import pytest
import requests

from swarmctl import errors

URL = "http+docker://localhost/v1.41/services/web"

ERROR_ANSWERS = [
    # (status, answer, exception class, explanation)
    (404, {"json_body": {"message": "service web not found"}}, errors.NotFound, "service web not found"),
    (404, {"json_body": {"message": "No such image: nosuch:1"}}, errors.ImageNotFound,
     "No such image: nosuch:1"),
    (404, {"json_body": {"message": "pull access denied for x, repository does not exist or may "
                                    "require 'docker login'"}}, errors.ImageNotFound,
     "pull access denied for x, repository does not exist or may require 'docker login'"),
    (404, {"json_body": {"message": "manifest for x:1 not found: does not exist or no pull access"}},
     errors.ImageNotFound, "manifest for x:1 not found: does not exist or no pull access"),
    (404, {"text": "page not found\n"}, errors.NotFound, "page not found"),
    (409, {"json_body": {"message": "rpc error: code = AlreadyExists desc = name conflicts with an "
                                    "existing object"}}, errors.APIError,
     "rpc error: code = AlreadyExists desc = name conflicts with an existing object"),
    (500, {"json_body": {"message": "rpc error: code = Unknown desc = update out of sequence"}},
     errors.APIError, "rpc error: code = Unknown desc = update out of sequence"),
    (400, {"json_body": {"message": "client version 1.45 is too new. Maximum supported API version "
                                    "is 1.41"}}, errors.APIError,
     "client version 1.45 is too new. Maximum supported API version is 1.41"),
    (503, {"text": "This node is not a swarm manager."}, errors.APIError,
     "This node is not a swarm manager."),
    (500, {"text": ""}, errors.APIError, ""),
]


@pytest.mark.parametrize("status, answer, cls, explanation", ERROR_ANSWERS)
def test_error_answer_becomes_the_matching_exception(fake_engine, status, answer, cls, explanation):
    fake_engine.reply("GET", "/v1.41/services/web", status=status, **answer)
    with pytest.raises(errors.APIError) as info:
        fake_engine.api_client().inspect_service("web")
    error = info.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.explanation == explanation
    assert error.response.url == URL
    # docker-py's classes: every APIError is also a requests HTTPError and a DockerException
    assert isinstance(error, requests.exceptions.HTTPError)
    assert isinstance(error, errors.DockerException)
    assert error.is_error()
    assert error.is_client_error() == (status < 500)
    assert error.is_server_error() == (status >= 500)


@pytest.mark.parametrize("status, explanation, text", [
    (404, "service web not found",
     f'404 Client Error for {URL}: Not Found ("service web not found")'),
    (500, "update out of sequence",
     f'500 Server Error for {URL}: Internal Server Error ("update out of sequence")'),
    (409, "", f"409 Client Error for {URL}: Conflict"),
])
def test_error_text(fake_engine, status, explanation, text):
    fake_engine.reply("GET", "/v1.41/services/web", status=status,
                      **({"json_body": {"message": explanation}} if explanation else {"text": ""}))
    with pytest.raises(errors.APIError) as info:
        fake_engine.api_client().inspect_service("web")
    assert str(info.value) == text


@pytest.mark.parametrize("call, route", [
    (lambda c: c.remove_service("web"), ("DELETE", "/v1.41/services/web")),
    (lambda c: c.update_service("web", 1, labels={}), ("POST", "/v1.41/services/web/update")),
    (lambda c: c.services(), ("GET", "/v1.41/services")),
    (lambda c: c.tasks(), ("GET", "/v1.41/tasks")),
    (lambda c: list(c.service_logs("web", stdout=True, is_tty=False)),
     ("GET", "/v1.41/services/web/logs")),
    (lambda c: c.log_chunks("tasks", "web"), ("GET", "/v1.41/tasks/web/logs")),
])
def test_every_call_maps_errors(fake_engine, call, route):
    fake_engine.error(*route, 404, "service web not found")
    with pytest.raises(errors.NotFound) as info:
        call(fake_engine.api_client())
    assert info.value.explanation == "service web not found"
    assert fake_engine.routes == [route]


def test_success_answers_raise_nothing(fake_engine):
    fake_engine.reply("POST", "/v1.41/services/create", {"ID": "new1"}, status=201)
    answer = fake_engine.api_client().create_service({"ContainerSpec": {"Image": "x"}})
    assert answer == {"ID": "new1"}
