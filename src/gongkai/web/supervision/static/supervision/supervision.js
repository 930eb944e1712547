// The supervision pages: charts (ECharts, from the site's own static files) each with its numbers
// in a table beside it, and a confirmation before a destructive action (退回).
"use strict";

document.addEventListener("submit", function (event) {
  const button = event.submitter;
  const message = button && button.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

function numbersTable(chart) {
  const table = document.createElement("table");
  table.className = "list chart-numbers";
  table.dataset.chart = chart.key;
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement("th")).textContent = "";
  chart.series.forEach(function (series) {
    head.appendChild(document.createElement("th")).textContent = series.name;
  });
  const body = table.createTBody();
  chart.labels.forEach(function (label, index) {
    const row = body.insertRow();
    row.appendChild(document.createElement("th")).textContent = label;
    chart.series.forEach(function (series) {
      const cell = row.insertCell();
      cell.className = "num";
      const value = series.data[index];
      cell.textContent = value === null || value === undefined ? "" : String(value);
    });
  });
  return table;
}

function option(chart) {
  if (chart.kind === "pie") {
    return {
      title: { text: chart.title, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "item" },
      series: [{
        type: "pie",
        radius: "60%",
        top: 30,
        stillShowZeroSum: false,
        data: chart.labels.map(function (label, index) {
          return { name: label, value: chart.series[0].data[index] || 0 };
        }),
      }],
    };
  }
  return {
    title: { text: chart.title, textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis" },
    legend: { show: chart.series.length > 1, bottom: 0 },
    grid: { top: 40, left: 40, right: 10, bottom: 40, containLabel: true },
    xAxis: {
      type: "category",
      data: chart.labels,
      axisLabel: { interval: 0, rotate: chart.labels.length > 3 ? 30 : 0 },
    },
    yAxis: { type: "value" },
    series: chart.series.map(function (series) {
      return { name: series.name, type: chart.kind, data: series.data, connectNulls: false };
    }),
  };
}

function drawCharts(section, data) {
  data.charts.forEach(function (chart) {
    const figure = document.createElement("figure");
    figure.className = "chart";
    figure.id = "chart-" + chart.key;
    const canvas = document.createElement("div");
    canvas.className = "chart-canvas";
    figure.appendChild(canvas);
    figure.appendChild(numbersTable(chart));
    section.appendChild(figure);
    if (window.echarts) {
      const drawn = window.echarts.init(canvas, null, { renderer: "canvas" });
      drawn.setOption(option(chart));
      window.addEventListener("resize", function () { drawn.resize(); });
    }
  });
}

document.querySelectorAll("section.charts[data-url]").forEach(function (section) {
  fetch(section.dataset.url, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) { drawCharts(section, data); section.dataset.ready = "1"; });
});

// Bulk import: the progress bar follows the background task, and the page reloads when done.
document.querySelectorAll("#import-progress[data-url]").forEach(function (section) {
  if (section.dataset.state === "done" || section.dataset.state === "failed") {
    return;
  }
  const bar = section.querySelector("progress");
  const done = section.querySelector(".done");
  function poll() {
    fetch(section.dataset.url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.max = data.total;
        bar.value = data.done;
        done.textContent = String(data.done);
        if (data.state === "done" || data.state === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      });
  }
  window.setTimeout(poll, 1000);
});
