// The hand-entry form: running totals and live checks as the clerk types. Each input may carry
// data-checks: a list of {plus: [names], minus: [names]} sums it must equal. An empty total
// shows the running sum as its placeholder; a total that differs is marked red.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) { return; }
  var summary = document.getElementById("live-summary");
  function value(name) {
    var input = form.elements.namedItem(name);
    if (!input || input.value.trim() === "") { return 0; }
    var n = Number(input.value.replace(/[,，]/g, ""));
    return isNaN(n) ? NaN : n;
  }
  function sum(names, sign) {
    return (names || []).reduce(function (total, name) { return total + sign * value(name); }, 0);
  }
  function round(n) { return Math.round(n * 10000) / 10000; }
  function update() {
    var bad = 0;
    form.querySelectorAll("input.cell[data-checks]").forEach(function (input) {
      var checks = JSON.parse(input.dataset.checks);
      var problems = [];
      var expected = null;
      checks.forEach(function (check) {
        var want = round(sum(check.plus, 1) + sum(check.minus, -1));
        if (expected === null) { expected = want; }
        if (input.value.trim() !== "" && !isNaN(want) && round(value(input.name)) !== want) {
          problems.push(want);
        }
      });
      input.placeholder = expected === null || isNaN(expected) ? "" : String(expected);
      input.classList.toggle("computed", input.value.trim() === "");
      input.classList.toggle("mismatch", problems.length > 0);
      input.title = input.getAttribute("aria-label") + (problems.length ? "：应为 " + problems.join(" 或 ") : "");
      bad += problems.length ? 1 : 0;
    });
    form.querySelectorAll("input.cell").forEach(function (input) {
      var text = input.value.trim();
      var wrong = text !== "" && isNaN(Number(text.replace(/[,，]/g, "")));
      if (wrong) { input.classList.add("mismatch"); bad += 1; }
    });
    // A blank total is saved as its hint (the sum of its parts), so "consistent" is true.
    summary.textContent = bad ? bad + " 个单元格与合计不符或不是数字（已标红）" : "合计核对一致（空白的总计按灰色提示的数字保存）";
    summary.classList.toggle("bad", bad > 0);
  }
  form.addEventListener("input", update);
  update();
})();
