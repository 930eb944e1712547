"""The screen that issues a corrected version of an issued letter (the old one is kept)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.web.accounts import permissions
from gongkai.web.applications import corrections
from gongkai.web.applications.errors import ApplicationError, PreIssueError
from gongkai.web.applications.forms import LetterCorrectionForm
from gongkai.web.applications.models import Letter


@require_http_methods(["GET", "POST"])
@login_required
def correct(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = Letter.objects.filter(pk=letter_id, issued_at__isnull=False).first()
    if letter is None:
        raise Http404("没有找到该已签发的文书")
    case = permissions.application_or_404(request.user, letter.application_id)
    permissions.require(permissions.can_correct_letter(request.user, case))
    later = corrections.correction_of(letter)
    form = LetterCorrectionForm(
        request.POST or None,
        initial={
            "version": case.version,
            "title": letter.title,
            "body": corrections.editable_body(letter),
        },
    )
    checks: PreIssueError | None = None
    status = 200
    if request.method == "POST" and later is None:
        if form.is_valid():
            data = form.cleaned_data
            try:
                fresh = corrections.correct_letter(
                    request.user,
                    letter,
                    reason=data["reason"],
                    title=data["title"],
                    body=data["body"],
                    expected_version=data["version"],
                    confirm=frozenset(data.get("confirm") or ()),
                )
            except PreIssueError as error:
                checks = error
                form.add_error(None, error.message)
            except ApplicationError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
            else:
                messages.success(request, f"已签发更正后的文书 {fresh.number}")
                return redirect("applications:case", case.pk)
        status = 409 if checks else 400
    context = {"case": case, "letter": letter, "later": later, "form": form, "checks": checks}
    return render(request, "applications/letter_correct.html", context, status=status)
