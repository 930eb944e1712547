// The workspace's autosave: a second after the clerk stops typing, the narrative is posted and
// checked; the error and warning counts on the page follow.
(function () {
  "use strict";
  var form = document.getElementById("draft-form");
  if (!form) { return; }
  var status = document.getElementById("autosave");
  var timer = null;
  function save() {
    status.textContent = "正在保存…";
    fetch(form.action, { method: "POST", body: new FormData(form), headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.ok) { status.textContent = data.message || "未保存"; return; }
        document.querySelector('[data-count="errors"]').textContent = data.errors;
        document.querySelector('[data-count="warnings"]').textContent = data.warnings;
        status.textContent = "已自动保存";
      })
      .catch(function () { status.textContent = "自动保存失败，请点“保存并检查”"; });
  }
  form.addEventListener("input", function () {
    status.textContent = "有未保存的修改";
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  });
})();
