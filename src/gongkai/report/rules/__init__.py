"""Every rule of DOMAIN §3 that a program can decide, registered in ``RULES``."""

from gongkai.report.rules import (
    arithmetic,
    crossyear,
    plausibility,
    reading,
    structure,
    timeliness,
)
from gongkai.report.rules.registry import RULES, Context, Rule, check

__all__ = ["RULES", "Context", "Rule", "check"]

# Importing the modules registers their rules.
del arithmetic, crossyear, plausibility, reading, structure, timeliness
