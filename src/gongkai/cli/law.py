"""``gongkai deadline``, ``workdays``, ``fee``, ``calendar``: the statutory clock and purse."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from gongkai.cli.base import (
    EXIT_ERRORS,
    Choice,
    Decorator,
    cli,
    console,
    fail,
    format_option,
    parse_date,
)
from gongkai.errors import GongkaiError
from gongkai.law.counting import count_steps, day_zh
from gongkai.law.deadlines import (
    ApplicationEvents,
    Channel,
    Consultation,
    ConsultationKind,
    Correction,
    Deadline,
    DeadlineResult,
    DeadlineSettings,
    DeadlineStatus,
    Extension,
    FeeNotice,
    Receipt,
    compute_deadlines,
)
from gongkai.law.fees import (
    FeeQuote,
    FeeSettings,
    month_total_per_item,
    quote_by_volume,
    quote_per_item,
)
from gongkai.law.workdays import (
    CALENDAR_FILE_VARIABLE,
    WorkdayCalendar,
    default_calendar,
    load_calendar,
    weekday_zh,
)

_STATUS_STYLE = {
    DeadlineStatus.MET: "green",
    DeadlineStatus.LATE: "bold red",
    DeadlineStatus.OVERDUE: "bold red",
    DeadlineStatus.OPEN: "",
    DeadlineStatus.SUSPENDED: "yellow",
    DeadlineStatus.NOT_APPLICABLE: "dim",
}


def _calendar_option() -> Decorator:
    return click.option(
        "--calendar-file",
        type=click.Path(path_type=Path),
        help=f"管理员维护的日历文件（JSON 或 TOML），默认取环境变量 {CALENDAR_FILE_VARIABLE}。",
    )


def _calendar(path: Path | None) -> WorkdayCalendar:
    try:
        return load_calendar(path) if path else default_calendar()
    except GongkaiError as error:
        fail(str(error))
        raise  # unreachable: fail() exits


def _consultation(kind: ConsultationKind) -> Any:
    def parse(
        _: click.Context, __: click.Parameter, values: Sequence[str]
    ) -> tuple[Consultation, ...]:
        result = []
        for value in values:
            parts = [part.strip() for part in value.split(",")]
            try:
                days = [date.fromisoformat(part) for part in parts if part]
            except ValueError:
                raise click.BadParameter(f"“{value}”应为 开始日期[,收到意见日期]") from None
            if not 1 <= len(days) <= 2:
                raise click.BadParameter(f"“{value}”应为 开始日期[,收到意见日期]")
            result.append(Consultation(kind, days[0], days[1] if len(days) == 2 else None))
        return tuple(result)

    return parse


@cli.command("deadline")
@click.option("--received", required=True, callback=parse_date, help="申请到达（提交、签收）日期。")
@click.option(
    "--channel",
    type=Choice([channel.value for channel in Channel]),
    default=Channel.IN_PERSON.value,
    show_default=True,
    help="提交渠道（第三十一条）：当面、邮寄签收、平常信函、互联网、传真。",
)
@click.option(
    "--confirmed",
    callback=parse_date,
    help="双方确认日期（平常信函、互联网、传真）；不填按 --received 当日确认。",
)
@click.option("--on-the-spot", is_flag=True, help="能够当场答复（第三十三条第一款）。")
@click.option("--correction-sent", callback=parse_date, help="发出补正告知的日期（第三十条）。")
@click.option("--correction-received", callback=parse_date, help="收到补正的日期。")
@click.option("--correction-period-end", callback=parse_date, help="补正告知中给出的补正期限。")
@click.option(
    "--third-party",
    multiple=True,
    callback=_consultation(ConsultationKind.THIRD_PARTY),
    help="征求第三方意见：开始日期[,收到意见日期]（第三十二条），可重复。",
)
@click.option(
    "--co-maker",
    multiple=True,
    callback=_consultation(ConsultationKind.CO_MAKER),
    help="征求共同制作机关意见：开始日期[,收到意见日期]（第三十四条），可重复。",
)
@click.option(
    "--other-organ",
    multiple=True,
    callback=_consultation(ConsultationKind.OTHER_ORGAN),
    help="征求其他机关意见：开始日期[,收到意见日期]（第三十三条第三款），可重复。",
)
@click.option("--extension", is_flag=True, help="已经负责人同意延长答复期限（第三十三条第二款）。")
@click.option(
    "--extension-approved", callback=parse_date, help="延期批准日期（隐含 --extension）。"
)
@click.option(
    "--extension-days",
    type=click.IntRange(1, 20),
    default=20,
    show_default=True,
    help="延长的工作日数，最多 20。",
)
@click.option("--fee-notice", callback=parse_date, help="发出收费通知的日期（109号）。")
@click.option("--fee-notice-received", callback=parse_date, help="申请人收到收费通知的日期。")
@click.option("--fee-paid", callback=parse_date, help="缴费日期。")
@click.option(
    "--fee-pauses-clock",
    is_flag=True,
    help="收费通知至缴费期间不计入答复期限（未经核实的设置，默认不扣除）。",
)
@click.option(
    "--delayed-deadline", callback=parse_date, help="依第三十五条确定并告知的延迟答复期限。"
)
@click.option("--replied", callback=parse_date, help="实际答复日期，用于判断是否按期。")
@click.option("--as-of", callback=parse_date, help="以哪一天判断是否超期，默认今天。")
@click.option("--estimate", is_flag=True, help="允许使用未确认年度的估算数据（结果标注为估算）。")
@_calendar_option()
@format_option("json")
def deadline_command(**options: Any) -> None:
    """计算一件申请的答复期限、补正告知期限、征求意见期限和缴费期限，并列出计算过程。

    退出状态：0 按期或未到期，1 有期限已逾期，2 输入或日历有误。

    \b
    示例：
      gongkai deadline --received 2026-01-30
      gongkai deadline --received 2026-01-30 --channel online --extension
      gongkai deadline --received 2026-03-02 --third-party 2026-03-05,2026-03-20
    """
    calendar = _calendar(options["calendar_file"])
    events, assumed = _events(options)
    settings = DeadlineSettings(
        allow_estimate=options["estimate"], fee_pauses_reply_clock=options["fee_pauses_clock"]
    )
    as_of = options["as_of"] or date.today()
    try:
        result = compute_deadlines(events, as_of=as_of, settings=settings, calendar=calendar)
        steps = result.steps()
    except GongkaiError as error:
        fail(str(error))
        return
    notes = (*assumed, *result.notes)
    if options["output"] == "json":
        click.echo(json.dumps(_result_json(result, notes, steps), ensure_ascii=False, indent=1))
    else:
        _print_result(result, notes, steps, as_of)
    missed = (DeadlineStatus.LATE, DeadlineStatus.OVERDUE)
    if any(deadline.status in missed for deadline in result.deadlines):
        sys.exit(EXIT_ERRORS)


def _events(options: dict[str, Any]) -> tuple[ApplicationEvents, list[str]]:
    assumed: list[str] = []
    channel = Channel(options["channel"])
    confirmed = options["confirmed"]
    if channel.needs_confirmation and confirmed is None:
        confirmed = options["received"]
        assumed.append(f"未填写确认日期：按 {confirmed} 当日确认计算（{channel.article}）")
    correction = None
    if options["correction_sent"]:
        correction = Correction(
            options["correction_sent"],
            options["correction_received"],
            options["correction_period_end"],
        )
    elif options["correction_received"] or options["correction_period_end"]:
        raise click.UsageError("填写了补正日期，还需要 --correction-sent（发出补正告知的日期）")
    extension = None
    if options["extension"] or options["extension_approved"]:
        extension = Extension(options["extension_approved"], options["extension_days"])
    fee = None
    if options["fee_notice"]:
        fee = FeeNotice(options["fee_notice"], options["fee_notice_received"], options["fee_paid"])
    elif options["fee_notice_received"] or options["fee_paid"]:
        raise click.UsageError("填写了缴费日期，还需要 --fee-notice（发出收费通知的日期）")
    consultations = (*options["third_party"], *options["co_maker"], *options["other_organ"])
    events = ApplicationEvents(
        receipt=Receipt(options["received"], channel, confirmed),
        on_the_spot=options["on_the_spot"],
        correction=correction,
        consultations=tuple(sorted(consultations, key=lambda c: c.started)),
        extension=extension,
        fee=fee,
        delayed_reply_deadline=options["delayed_deadline"],
        replied=options["replied"],
    )
    return events, assumed


def _deadline_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "key": deadline.key,
        "label": deadline.label,
        "due": deadline.due.isoformat() if deadline.due else None,
        "done": deadline.done.isoformat() if deadline.done else None,
        "status": deadline.status.value,
        "status_label": deadline.status.label,
        "article": deadline.article,
        "provisional": deadline.provisional,
    }


def _result_json(result: DeadlineResult, notes: Sequence[str], steps: Sequence[Any]) -> Any:
    return {
        "received": result.received.isoformat(),
        "estimated_years": list(result.estimated_years),
        "deadlines": [_deadline_json(deadline) for deadline in result.deadlines],
        "notes": list(notes),
        "steps": [{"part": s.part, "text": s.text, "article": s.article} for s in steps],
    }


def _print_result(
    result: DeadlineResult, notes: Sequence[str], steps: Sequence[Any], as_of: date
) -> None:
    out = console()
    if result.estimated:
        years = "、".join(str(year) for year in result.estimated_years)
        out.print(f"[bold yellow]估算：{years} 年的节假日安排尚未确认，以下日期不是法定期限。[/]")
    out.print(f"收到申请之日：{day_zh(result.received)}　判断日：{as_of.isoformat()}")
    table = Table()
    table.add_column("期限", no_wrap=True)
    table.add_column("到期日", no_wrap=True)
    table.add_column("办理日", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    table.add_column("依据", overflow="fold")
    for deadline in result.deadlines:
        style = _STATUS_STYLE[deadline.status]
        status = deadline.status.label + ("（暂定）" if deadline.provisional else "")
        table.add_row(
            escape(deadline.label),
            day_zh(deadline.due) if deadline.due else "—",
            deadline.done.isoformat() if deadline.done else "—",
            f"[{style}]{status}[/]" if style else status,
            escape(deadline.article),
        )
    out.print(table)
    for note in notes:
        out.print(f"[yellow]注意：[/]{escape(note)}")
    part = None
    for step in steps:
        if step.part != part:
            part = step.part
            out.print(f"\n[bold]{escape(part)}[/]")
        out.print(f"  {escape(str(step))}")


@cli.command("workdays", context_settings={"ignore_unknown_options": True})
@click.argument("start", callback=parse_date)
@click.argument("offset")
@click.option("--estimate", is_flag=True, help="允许使用未确认年度的估算数据（结果标注为估算）。")
@_calendar_option()
@format_option("json")
def workdays_command(
    start: date, offset: str, estimate: bool, calendar_file: Path | None, output: str
) -> None:
    """工作日计算：START 加减 N 个工作日，或两个日期之间的工作日数。

    起算当日不计；调休上班日计入，法定节假日和周末不计。

    \b
    示例：
      gongkai workdays 2026-01-30 +20          # 2026-03-05
      gongkai workdays 2026-03-05 -20          # 2026-01-30
      gongkai workdays 2026-01-30 2026-03-05   # 20
    """
    calendar = _calendar(calendar_file)
    try:
        if "-" in offset[1:]:
            end = date.fromisoformat(offset)
            count = calendar.count_workdays(start, end, allow_estimate=estimate)
        else:
            count = int(offset)
            end = calendar.add_workdays(start, count, allow_estimate=estimate)
        estimated = calendar.require(start, end, allow_estimate=estimate)
    except ValueError:
        fail(f"“{offset}”应为 +N、-N 或日期（YYYY-MM-DD）")
        return
    except GongkaiError as error:
        fail(str(error))
        return
    if output == "json":
        data = {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "workdays": count,
            "estimated_years": list(estimated),
        }
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    out = console()
    if estimated:
        years = "、".join(str(year) for year in estimated)
        out.print(f"[bold yellow]估算：{years} 年的节假日安排尚未确认。[/]")
    out.print(f"{day_zh(start)} 到 {day_zh(end)}：{count} 个工作日")
    if count > 0:
        for text, _ in count_steps(calendar, start, end):
            out.print(f"  {escape(text)}")


@cli.command("fee")
@click.option("--count", type=click.IntRange(min=1), help="按件：本月第几件申请（同一申请人）。")
@click.option("--pages", type=click.IntRange(min=0), help="按量：提供的页数。")
@click.option(
    "--electronic-files",
    type=click.IntRange(min=0),
    default=0,
    help="按量：另有电子数据文件数（需同时给出 --pages-per-file）。",
)
@click.option(
    "--pages-per-file",
    type=click.IntRange(min=1),
    help="每个电子数据文件折算的页数（109号未明确，由本机关规定）。",
)
@format_option("json")
def fee_command(
    count: int | None,
    pages: int | None,
    electronic_files: int,
    pages_per_file: int | None,
    output: str,
) -> None:
    """计算信息处理费（国办函〔2020〕109号）：按件 --count 或按量 --pages，二者只能选一。

    \b
    示例：
      gongkai fee --count 35     # 本月第35件：200 元
      gongkai fee --pages 250    # 250 页：4700 元
    """
    if (count is None) == (pages is None):
        raise click.UsageError("请给出 --count（按件）或 --pages（按量）之一，不能同时计收")
    settings = FeeSettings(pages_per_electronic_file=pages_per_file)
    try:
        if count is not None:
            quote = quote_per_item(count, settings=settings)
        else:
            assert pages is not None
            quote = quote_by_volume(pages, electronic_files=electronic_files, settings=settings)
    except GongkaiError as error:
        fail(str(error))
        return
    month_total = month_total_per_item(count) if count is not None else None
    if output == "json":
        click.echo(json.dumps(_quote_json(quote, month_total), ensure_ascii=False))
        return
    _print_quote(quote, month_total)


def _quote_json(quote: FeeQuote, month_total: int | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "method": quote.method.value,
        "quantity": quote.quantity,
        "amount": quote.amount,
        "basis": quote.basis,
        "tiers": [
            {"first": t.first, "last": t.last, "rate": t.rate, "amount": t.amount}
            for t in quote.tiers
        ],
    }
    if month_total is not None:
        data["month_total"] = month_total
    return data


def _print_quote(quote: FeeQuote, month_total: int | None) -> None:
    out = console()
    out.print(f"{quote.method.label}：{escape(quote.explain())}")
    table = Table()
    unit = "件" if month_total is not None else "页"
    table.add_column(f"档次（第几{unit}）", no_wrap=True)
    table.add_column("单价（元）", justify="right")
    table.add_column(f"{unit}数", justify="right")
    table.add_column("金额（元）", justify="right")
    for tier in quote.tiers:
        units = 1 if month_total is not None else tier.units
        amount = tier.rate * units
        table.add_row(f"{tier.first}–{tier.last}", str(tier.rate), str(units), str(amount))
    out.print(table)
    out.print(f"应收：{quote.amount} 元")
    if month_total is not None:
        out.print(f"本月第1至第{quote.quantity}件合计：{month_total} 元")


@cli.command("calendar")
@click.option("--year", type=click.IntRange(1900, 2200), help="只看这一年；不填则列出全部年度。")
@_calendar_option()
@format_option("json")
def calendar_command(year: int | None, calendar_file: Path | None, output: str) -> None:
    """工作日日历：某年的节假日、调休上班日及其是否已确认；或全部年度的状态。

    \b
    示例：
      gongkai calendar --year 2026
      gongkai calendar
    """
    calendar = _calendar(calendar_file)
    if year is None:
        _print_years(calendar, output)
        return
    try:
        arrangement = calendar.year(year)
    except GongkaiError as error:
        fail(str(error))
        return
    if output == "json":
        data = arrangement.to_json()
        data["origin"] = arrangement.origin
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    out = console()
    style = "green" if arrangement.status.value == "confirmed" else "bold yellow"
    out.print(
        f"{year} 年：[{style}]{arrangement.status.label}[/]　来源：{escape(arrangement.source)}"
    )
    if arrangement.note:
        out.print(f"说明：{escape(arrangement.note)}")
    holidays = Table(title="放假")
    holidays.add_column("节日", no_wrap=True)
    holidays.add_column("起", no_wrap=True)
    holidays.add_column("止", no_wrap=True)
    holidays.add_column("天数", justify="right")
    for span in arrangement.holidays:
        days = (span.last - span.first).days + 1
        holidays.add_row(span.name, day_zh(span.first), day_zh(span.last), str(days))
    out.print(holidays)
    makeups = Table(title="调休上班")
    makeups.add_column("日期", no_wrap=True)
    makeups.add_column("星期", no_wrap=True)
    makeups.add_column("为哪个节日调休", no_wrap=True)
    for workday in arrangement.workdays:
        makeups.add_row(workday.on.isoformat(), weekday_zh(workday.on), workday.name)
    if arrangement.workdays:
        out.print(makeups)
    else:
        out.print("调休上班：无")


def _print_years(calendar: WorkdayCalendar, output: str) -> None:
    rows = list(calendar.arrangements.values())
    if output == "json":
        data = [{"year": a.year, "status": a.status.value, "origin": a.origin} for a in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    table = Table()
    table.add_column("年度", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    table.add_column("放假", justify="right")
    table.add_column("调休上班", justify="right")
    table.add_column("来源", overflow="fold")
    for a in rows:
        off = sum((s.last - s.first).days + 1 for s in a.holidays)
        table.add_row(str(a.year), a.status.label, str(off), str(len(a.workdays)), a.origin)
    console().print(table)
