"""The charts of the exports as SVG, drawn by matplotlib from the same chart data the browser
draws with ECharts (``charts``), in Noto Sans CJK SC (Debian's fonts-noto-cjk). Glyphs are
written as paths, so the SVG shows the same wherever it is opened."""

from __future__ import annotations

import io
from typing import Any

FONT = "Noto Sans CJK SC"


def chart_svg(chart: dict[str, Any]) -> str:
    """One chart (``charts.chart``) as an SVG document."""
    import matplotlib
    from matplotlib.figure import Figure  # no pyplot: no global figure state, safe in threads
    from matplotlib.ticker import MaxNLocator

    style = {
        "font.family": [FONT, "sans-serif"],
        "svg.fonttype": "path",
        "axes.unicode_minus": False,
    }
    # rc_context types its dict by key; a dict of mixed values does not narrow to it.
    with matplotlib.rc_context(style):  # type: ignore[arg-type]
        figure = Figure(figsize=(6.4, 3.4), layout="constrained")
        axes = figure.add_subplot()
        axes.set_title(chart["title"])
        labels = chart["labels"]
        series = chart["series"]
        if chart["kind"] == "pie":
            values = [value or 0 for value in series[0]["data"]]
            if any(values):
                axes.pie(values, labels=labels, autopct="%1.0f%%", textprops={"fontsize": 8})
            else:
                axes.text(0.5, 0.5, "无数据", ha="center", va="center")
                axes.set_axis_off()
        else:
            for one in series:
                values = [float("nan") if value is None else value for value in one["data"]]
                if chart["kind"] == "line":
                    axes.plot(labels, values, marker="o", label=one["name"])
                else:
                    axes.bar(labels, values, label=one["name"])
            if all(isinstance(v, int) for one in series for v in one["data"] if v is not None):
                # Counts of organs or requests: no 0.5 of an organ on the axis.
                axes.yaxis.set_major_locator(MaxNLocator(integer=True))
            if len(series) > 1:
                axes.legend(fontsize=8)
            axes.tick_params(axis="x", labelsize=7, labelrotation=40 if len(labels) > 6 else 0)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
    return buffer.getvalue()
