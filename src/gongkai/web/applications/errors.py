"""Domain errors of the workbench; every message is Chinese and says what and where."""

from __future__ import annotations

from dataclasses import dataclass


class ApplicationError(Exception):
    """A refused step: nothing was stored."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidTransitionError(ApplicationError):
    """The step does not follow from the case's present state."""


class ConflictError(ApplicationError):
    """Someone else changed the case since the page was loaded (optimistic locking)."""


class NotAllowedError(ApplicationError):
    """The person may not take this step."""


@dataclass(frozen=True, slots=True)
class CheckFinding:
    """One pre-issue check that did not pass (WORKBENCH §A6)."""

    check_id: str
    severity: str  # "error" or "warning"
    message: str
    case_number: str = ""


class PreIssueError(ApplicationError):
    """Errors block issuing; warnings need a logged confirmation."""

    def __init__(self, findings: list[CheckFinding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity == "error"]
        text = "文书未签发：" + "；".join(f"{f.check_id} {f.message}" for f in (errors or findings))
        super().__init__(text)

    @property
    def blocking(self) -> bool:
        return any(f.severity == "error" for f in self.findings)
