"""The demo shows one case of each later step, every one labelled as demo data."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from gongkai.web.applications.corrections import correction_of
from gongkai.web.applications.models import Application, Letter


@pytest.mark.django_db
def test_the_demo_has_reasons_referral_and_corrected_cases() -> None:
    call_command("load_demo", verbosity=0)
    waiting = Application.objects.get(status="awaiting-reasons")
    assert waiting.is_demo
    assert waiting.letters.get(kind="reasons").is_issued
    refused = Application.objects.get(outcome="excessive")
    assert refused.reasons_verdict == "unreasonable"
    assert refused.letters.get(kind="answer").is_issued
    referred = Application.objects.get(letters__kind="transfer")
    assert referred.outcome == "not-this-organ"
    assert referred.responsible_organ == "青山区财政局（示例）"
    fixed = Letter.objects.get(replaces__isnull=False)
    assert fixed.application.is_demo
    assert fixed.replaces is not None
    assert correction_of(fixed.replaces) == fixed
    assert b"%PDF" in bytes(fixed.replaces.pdf)[:8]
