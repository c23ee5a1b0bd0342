// gaicheck serve: click a finding to highlight its cells; click a cell to highlight its findings.
// Plain JavaScript, no library, nothing loaded from outside.
(function () {
  "use strict";
  function clear() {
    document.querySelectorAll("td.hl").forEach(function (td) { td.classList.remove("hl"); });
    document.querySelectorAll(".finding.active").forEach(function (li) { li.classList.remove("active"); });
  }
  function cellsOf(li) {
    var keys = (li.getAttribute("data-cells") || "").split(" ").filter(Boolean);
    var found = [];
    keys.forEach(function (key) {
      var td = document.querySelector('td[data-key="' + CSS.escape(key) + '"]');
      if (td) { found.push(td); }
    });
    return found;
  }
  function selectFinding(li, scroll) {
    clear();
    li.classList.add("active");
    var cells = cellsOf(li);
    cells.forEach(function (td) { td.classList.add("hl"); });
    if (scroll && cells.length) { cells[0].scrollIntoView({ block: "center", behavior: "smooth" }); }
  }
  document.querySelectorAll(".finding").forEach(function (li) {
    li.addEventListener("click", function () { selectFinding(li, true); });
    li.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectFinding(li, true); }
    });
  });
  document.querySelectorAll("td[data-findings]").forEach(function (td) {
    td.addEventListener("click", function () {
      var ids = td.getAttribute("data-findings").split(" ").filter(Boolean);
      if (!ids.length) { return; }
      var li = document.getElementById("finding-" + ids[0]);
      if (!li) { return; }
      selectFinding(li, false);
      ids.forEach(function (id) {
        var other = document.getElementById("finding-" + id);
        if (other) { other.classList.add("active"); }
      });
      li.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
  });
  var file = document.getElementById("file");
  var text = document.getElementById("text");
  var limit = parseInt((document.body.getAttribute("data-max-upload") || "0"), 10);
  var note = document.getElementById("size-note");
  if (file && note) {
    file.addEventListener("change", function () {
      note.textContent = "";
      if (file.files && file.files[0] && limit && file.files[0].size > limit) {
        note.textContent = "文件超过大小上限，无法检查。";
      }
    });
  }
  window.addEventListener("pageshow", function () {
    var btn = document.getElementById("submit");
    if (btn) { btn.disabled = false; btn.textContent = "开始检查"; }
  });
  if (text && file) {
    var form = document.getElementById("upload-form");
    if (form) {
      form.addEventListener("submit", function () {
        var btn = document.getElementById("submit");
        if (btn) { btn.disabled = true; btn.textContent = "正在检查…"; }
      });
    }
  }
})();
