"""The permission module decides, for each persona, what it may see and do."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.web.accounts import permissions
from gongkai.web.accounts.models import Role

pytestmark = pytest.mark.django_db

# persona -> (sees the bureau, files for it, supervises the district, reads the audit log)
EXPECTED = {
    "clerk": (True, True, False, False),
    "reviewer": (True, False, False, False),
    "head": (True, False, False, False),
    "submitter": (False, False, False, False),
    "supervisor": (True, False, True, False),
    "outsider": (False, False, False, False),
    "admin": (True, False, True, True),
    "anonymous": (False, False, False, False),
}


@pytest.fixture
def people(everyone: dict[str, Any], head: Any) -> dict[str, Any]:
    return {**everyone, "head": head, "anonymous": AnonymousUser()}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_persona_has_exactly_its_rights(
    persona: str, people: dict[str, Any], bureau: Any, district: Any
) -> None:
    user = people[persona]
    decided = (
        permissions.can_view_organ(user, bureau),
        permissions.can_file_report(user, bureau),
        permissions.can_supervise(user, district),
        permissions.can_view_audit_log(user),
    )
    assert decided == EXPECTED[persona]


def test_a_supervisor_sees_every_organ_below_but_not_above_or_beside(
    supervisor: Any, district: Any, bureau: Any, other_bureau: Any, elsewhere: Any
) -> None:
    assert permissions.visible_organ_ids(supervisor) == {district.pk, bureau.pk, other_bureau.pk}
    assert not permissions.can_view_organ(supervisor, elsewhere)
    assert permissions.can_supervise(supervisor, bureau)
    assert not permissions.can_supervise(supervisor, elsewhere)


def test_a_supervisor_of_the_bureau_does_not_see_the_district(
    bureau: Any, district: Any, other_bureau: Any
) -> None:
    from gongkai.web.accounts.services import create_account, grant_role

    user = create_account(None, username="bureau-supervisor", password="x", validate=False)
    grant_role(None, user, Role.SUPERVISOR, organ=bureau)
    assert permissions.can_supervise(user, bureau)
    assert not permissions.can_view_organ(user, district)
    assert not permissions.can_view_organ(user, other_bureau)


def test_an_administrator_sees_every_organ(admin: Any, elsewhere: Any, bureau: Any) -> None:
    assert permissions.visible_organ_ids(admin) is None
    assert permissions.can_view_organ(admin, elsewhere)


def test_a_disabled_account_has_no_rights(clerk: Any, bureau: Any) -> None:
    clerk.is_active = False
    clerk.save()
    clerk.refresh_from_db()
    assert not permissions.can_view_organ(clerk, bureau)
    assert not permissions.can_file_report(clerk, bureau)


def test_a_unit_role_belongs_to_the_units_organ(unit: Any, elsewhere: Any) -> None:
    from django.core.exceptions import ValidationError

    from gongkai.web.accounts.services import create_account, grant_role

    user = create_account(None, username="u", password="x", validate=False)
    with pytest.raises(ValidationError):
        grant_role(None, user, Role.UNIT_SUBMITTER, organ=elsewhere, unit=unit)
