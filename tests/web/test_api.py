"""The read-only JSON API: token authentication, the same permissions as the pages, an OpenAPI
schema that describes what is served."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse

from gongkai.web.accounts.services import create_api_token, revoke_api_token
from web.fixtures import database_state

pytestmark = pytest.mark.django_db


def api(token: str | None, url: str, method: str = "get") -> Any:
    headers = {"Authorization": f"Token {token}"} if token else {}
    return getattr(Client(), method)(url, headers=headers)


@pytest.fixture
def clerk_token(clerk: Any) -> str:
    return create_api_token(clerk, "测试")[1]


@pytest.fixture
def outsider_token(outsider: Any) -> str:
    return create_api_token(outsider, "测试")[1]


def test_without_a_token_the_api_answers_401_in_json(seed_filing: Any) -> None:
    response = api(None, reverse("api:reports"))
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_wrong_or_revoked_token_is_refused(clerk: Any, seed_filing: Any) -> None:
    api_token, token = create_api_token(clerk, "测试")
    assert api("gk_wrong", reverse("api:reports")).status_code == 401
    revoke_api_token(clerk, api_token)
    assert api(token, reverse("api:reports")).status_code == 401


def test_a_session_cookie_is_not_enough(clerk: Any, seed_filing: Any) -> None:
    client = Client()
    client.force_login(clerk)
    assert client.get(reverse("api:reports")).status_code == 401


def test_the_clerk_lists_the_bureaus_reports(clerk_token: str, seed_filing: Any) -> None:
    results = api(clerk_token, reverse("api:reports")).json()["results"]
    assert [item["id"] for item in results] == [seed_filing.pk]
    item = results[0]
    assert item["organ"]["name"] == "青山区司法局"
    assert item["year"] == 2023
    assert item["original_sha256"] == seed_filing.original_sha256
    assert item["counts"]["error"] == seed_filing.error_count


def test_a_report_comes_with_its_canonical_data(clerk_token: str, seed_filing: Any) -> None:
    data = api(clerk_token, reverse("api:report", args=[seed_filing.pk])).json()
    assert data["report"]["year"] == 2023
    assert "table3" in data["report"]["tables"]


def test_the_findings_of_a_report(clerk_token: str, seed_filing: Any) -> None:
    data = api(clerk_token, reverse("api:findings", args=[seed_filing.pk])).json()
    assert data == {"report": seed_filing.pk, "findings": seed_filing.findings}


def test_an_outsider_sees_no_report_and_no_organ_of_the_district(
    outsider_token: str, seed_filing: Any
) -> None:
    assert api(outsider_token, reverse("api:reports")).json()["results"] == []
    names = [o["name"] for o in api(outsider_token, reverse("api:organs")).json()["results"]]
    assert names == ["白云区人民政府"]
    response = api(outsider_token, reverse("api:report", args=[seed_filing.pk]))
    assert response.status_code == 404
    assert api(outsider_token, reverse("api:findings", args=[seed_filing.pk])).status_code == 404


def test_the_supervisor_sees_the_bureaus_report(supervisor: Any, seed_filing: Any) -> None:
    token = create_api_token(supervisor, "汇总")[1]
    results = api(token, reverse("api:reports") + "?year=2023").json()["results"]
    assert [item["id"] for item in results] == [seed_filing.pk]


def test_the_api_is_read_only(clerk_token: str, seed_filing: Any) -> None:
    before = database_state()
    for method in ("post", "put", "patch", "delete"):
        response = api(clerk_token, reverse("api:report", args=[seed_filing.pk]), method)
        assert response.status_code == 405
        assert response.json()["error"] == "method_not_allowed"
    assert database_state() == before


def test_a_get_on_the_api_changes_nothing(clerk_token: str, seed_filing: Any) -> None:
    before = database_state()
    for url in (
        reverse("api:organs"),
        reverse("api:reports"),
        reverse("api:report", args=[seed_filing.pk]),
        reverse("api:findings", args=[seed_filing.pk]),
    ):
        assert api(clerk_token, url).status_code == 200
    assert database_state() == before


def test_a_bad_parameter_is_a_400_in_json(clerk_token: str) -> None:
    response = api(clerk_token, reverse("api:reports") + "?year=abc")
    assert response.status_code == 400
    assert response.json() == {"error": "bad_parameter", "message": "参数 year 应为整数"}


@pytest.mark.parametrize(
    "query",
    ["organ=99999999999999999999", "organ=-1", "year=99999", "limit=0", "offset=-5", "all=maybe"],
)
def test_an_out_of_range_parameter_is_a_400_in_json_not_a_500(clerk_token: str, query: str) -> None:
    response = api(clerk_token, reverse("api:reports") + "?" + query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    name = query.partition("=")[0]
    assert response.json()["message"].startswith(f"参数 {name} ")


def test_a_report_number_beyond_any_row_is_a_400_in_json(clerk_token: str) -> None:
    response = api(clerk_token, "/api/v1/reports/99999999999999999999/")
    assert response.status_code == 400
    assert response.json()["error"] == "bad_parameter"


def test_an_unknown_api_path_is_a_404_in_json(clerk_token: str) -> None:
    for url in ("/api/v1/", "/api/v1/nothing/", "/api/v1/reports/abc/findings/x"):
        response = api(clerk_token, url)
        assert response.status_code == 404, url
        assert response.json()["error"] == "not_found"


def test_lists_come_in_pages_with_the_total_count(clerk_token: str, seed_filing: Any) -> None:
    first = api(clerk_token, reverse("api:reports") + "?all=1&limit=1").json()
    assert first["count"] == 1
    assert [item["id"] for item in first["results"]] == [seed_filing.pk]
    rest = api(clerk_token, reverse("api:reports") + "?all=1&limit=1&offset=1").json()
    assert rest == {"count": 1, "results": []}


def test_a_fault_in_a_view_is_a_500_in_json(
    clerk_token: str, seed_filing: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.web.api import views

    def broken(*args: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(views.permissions, "can_view_report", broken)
    client = Client(raise_request_exception=False)
    url = reverse("api:report", args=[seed_filing.pk])
    response = client.get(url, headers={"Authorization": f"Token {clerk_token}"})
    assert response.status_code == 500
    assert response.json()["error"] == "server_error"
    assert "boom" not in response.content.decode()


def test_the_openapi_schema_is_served_and_describes_every_path() -> None:
    schema = Client().get(reverse("api:openapi-json")).json()
    assert schema["openapi"].startswith("3.1")
    assert set(schema["paths"]) == {
        "/api/v1/organs/",
        "/api/v1/reports/",
        "/api/v1/reports/{report_id}/",
        "/api/v1/reports/{report_id}/findings/",
    }
    assert schema["components"]["securitySchemes"]["TokenAuth"]["name"] == "Authorization"


def test_the_served_report_matches_the_schema(clerk_token: str, seed_filing: Any) -> None:
    schema = Client().get(reverse("api:openapi-json")).json()
    data = api(clerk_token, reverse("api:report", args=[seed_filing.pk])).json()
    components = schema["components"]["schemas"]
    # Resolve references against the whole OpenAPI document.
    document_schema = {**schema, "$ref": "#/components/schemas/Report"}
    jsonschema.validate(data["report"], document_schema)
    finding_schema = {**schema, "$ref": "#/components/schemas/Finding"}
    for finding in seed_filing.findings:
        jsonschema.validate(finding, finding_schema)
    assert "ReportSummary" in components
