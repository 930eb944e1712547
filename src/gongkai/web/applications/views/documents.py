"""Letters (PDF, DOCX), the 办理台账 (XLSX), table 三 compiled from the cases, letter-template
preview, and the 第四十四条 suggestion."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.report.formats import APPLICANT_PARTS, TABLE3_2021
from gongkai.report.spec import RowKind
from gongkai.web.accounts import permissions
from gongkai.web.applications import clock, decisions, exports, letters, selectors
from gongkai.web.applications.errors import ApplicationError
from gongkai.web.applications.models import LETTER_KIND_CHOICES, Application, Letter

MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _attachment(content: bytes, mimetype: str, filename: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


@require_GET
@login_required
def letter_file(request: HttpRequest, letter_id: int, fmt: str) -> HttpResponse:
    letter = Letter.objects.select_related("application").filter(pk=letter_id).first()
    if letter is None or fmt not in MIMETYPES:
        raise Http404("没有找到该文书")
    case = permissions.application_or_404(request.user, letter.application_id)
    if not letter.is_issued:
        # A draft is rendered for reading; only issued letters have fixed bytes.
        content = (
            letters.render_pdf(letter, case) if fmt == "pdf" else letters.render_docx(letter, case)
        )
        name = f"{letter.title}（草稿）.{fmt}"
    else:
        content = bytes(letter.pdf if fmt == "pdf" else letter.docx)
        name = f"{letter.title}{letter.number}.{fmt}"
    return _attachment(content, MIMETYPES[fmt], name, inline=fmt == "pdf")


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2019 <= int(text) <= 2100 else clock.today().year


@require_GET
@login_required
def register_export(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = permissions.organ_or_404(request.user, organ_id)
    permissions.require(permissions.can_view_applications(request.user, organ))
    year = _year(request)
    content = exports.register_xlsx(
        selectors.register_rows(organ, year), f"{organ.name} {year}年政府信息公开申请办理台账"
    )
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _attachment(content, mimetype, f"{organ.name}{year}年办理台账.xlsx")


@require_GET
@login_required
def table_three(request: HttpRequest, organ_id: int) -> HttpResponse:
    organ = permissions.organ_or_404(request.user, organ_id)
    permissions.require(permissions.can_view_applications(request.user, organ))
    year = _year(request)
    table = selectors.compile_table_three(organ, year)
    rows = [
        {
            "label": row.label,
            "key": row.key,
            "heading": row.kind is RowKind.HEADING,
            "values": [table[row.key][c.key] for c in (*APPLICANT_PARTS,)]
            + [table[row.key]["total"]]
            if row.key in table
            else [],
        }
        for row in TABLE3_2021.rows
    ]
    return render(
        request,
        "applications/table3.html",
        {
            "organ": organ,
            "year": year,
            "rows": rows,
            "columns": APPLICANT_PARTS,
            "years": range(clock.today().year, 2018, -1),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def template_preview(request: HttpRequest, kind: str) -> HttpResponse:
    """An administrator edits a letter template and sees it applied to a recent case."""
    permissions.require(permissions.can_edit_letter_templates(request.user))
    if kind not in dict(LETTER_KIND_CHOICES):
        raise Http404("没有该文书类型")
    body = request.POST.get("body") or letters.template_text(kind)
    sample = Application.objects.order_by("-id").first()
    preview, error = None, ""
    if sample is not None:
        try:
            preview = letters.render_preview(sample, kind, body)
        except Exception as problem:  # a template syntax error is shown, never a traceback
            error = f"模板有误：{problem}"
    if request.method == "POST" and "save" in request.POST and not error:
        letters.save_template(request.user, kind, body)
        messages.success(request, "模板已保存")
        return redirect("applications:template", kind)
    return render(
        request,
        "applications/template.html",
        {
            "kind": kind,
            "label": dict(LETTER_KIND_CHOICES)[kind],
            "body": body,
            "preview": preview,
            "error": error,
            "sample": sample,
            "kinds": LETTER_KIND_CHOICES,
        },
    )


@require_POST
@login_required
def suggest(request: HttpRequest, case_id: int) -> HttpResponse:
    case = permissions.application_or_404(request.user, case_id)
    permissions.require(permissions.can_handle_applications(request.user, case.organ))
    try:
        decisions.suggest_proactive_disclosure(request.user, case)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已生成转为主动公开的草稿（不含申请人信息），待公开流程处理")
    return redirect("applications:case", case.pk)


def today_iso() -> str:
    return datetime.date.isoformat(clock.today())
