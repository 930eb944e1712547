"""Background jobs of the publishing app: the weekly inspection readiness check."""

from __future__ import annotations

from django.db import transaction

from gongkai.web.audit.services import record_change
from gongkai.web.organs.models import Organ
from gongkai.web.publishing import inspection
from gongkai.web.publishing.models import CatalogueNode, Channel


def run_inspection() -> list[str]:
    """Check every organ that has a 目录 or channels; one audit entry per organ with problems."""
    lines = []
    organ_ids = set(CatalogueNode.objects.values_list("organ_id", flat=True)) | set(
        Channel.objects.values_list("organ_id", flat=True)
    )
    for organ in Organ.objects.filter(pk__in=organ_ids):
        problems = inspection.check(organ)
        lines.append(f"{organ.name}：{len(problems)} 个问题")
        lines += [f"  [{p.indicator}] {p.subject}：{p.detail}" for p in problems]
        if problems:
            with transaction.atomic():
                record_change(
                    None,
                    "inspection.check",
                    organ,
                    None,
                    {"problems": [f"{p.indicator}：{p.subject}" for p in problems]},
                )
    return lines
