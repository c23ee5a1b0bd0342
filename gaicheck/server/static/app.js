// gaicheck serve: click a finding to highlight its cells; click a cell to highlight its findings; try a suggested
// correction in the page (re-checked here, nothing sent or written); copy table 2 as tab-separated text.
// Plain JavaScript, no library, nothing loaded from outside. Its words come from the page (the JSON block
// "page-words", in the page's language: gaicheck.i18n "page.js.*").
(function () {
  "use strict";
  var wordsEl = document.getElementById("page-words");
  var words = wordsEl ? JSON.parse(wordsEl.textContent || "{}") : {};
  function word(name, n) {
    var text = words[name] || "";
    return n === undefined ? text : text.replace("{n}", String(n));
  }
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
  // Try a correction: put the suggested values into the page's table and re-check every identity here,
  // in the page (nothing is sent, nothing is written to the user's file).
  var dataEl = document.getElementById("recheck");
  var data = dataEl ? JSON.parse(dataEl.textContent || "{}") : null;
  var original = data ? Object.assign({}, data.values) : {};
  function tdOf(key) { return document.querySelector('td[data-key="' + CSS.escape(key) + '"]'); }
  function holds(identity, values) {
    var lhs = 0, rhs = 0;
    for (var i = 0; i < identity[0].length; i++) {
      if (!(identity[0][i] in values)) { return null; }
      lhs += values[identity[0][i]];
    }
    for (var j = 0; j < identity[1].length; j++) {
      if (!(identity[1][j] in values)) { return null; }
      rhs += values[identity[1][j]];
    }
    return Math.abs(lhs - rhs) < 1e-9;
  }
  function recheck() {
    var broken = 0, stillInvolved = {};
    data.identities.forEach(function (identity) {
      if (holds(identity, data.values) === false) {
        broken++;
        identity[0].concat(identity[1]).forEach(function (k) { stillInvolved[k] = true; });
      }
    });
    // a cell outlined for a broken identity loses the outline once every identity through it holds
    document.querySelectorAll("td.involved, td.was-involved").forEach(function (td) {
      var still = !!stillInvolved[td.getAttribute("data-key")];
      td.classList.toggle("involved", still);
      td.classList.toggle("was-involved", !still);
    });
    Object.keys(data.findings).forEach(function (index) {
      var li = document.getElementById("finding-" + index);
      if (!li) { return; }
      var ok = holds(data.identities[data.findings[index]], data.values) === true;
      li.classList.toggle("resolved", ok);
      // a finding with several candidates stays (struck through) so that another can be tried
      li.hidden = ok && li.querySelectorAll("button.try").length <= 1;
    });
    var status = document.getElementById("recheck-status");
    var tried = Object.keys(data.values).filter(function (k) { return data.values[k] !== original[k]; });
    if (status) {
      status.hidden = tried.length === 0;
      status.className = "recheck no-print " + (broken ? "still" : "ok");
      status.textContent = broken ? word("still", broken) : word("holds");
    }
    var undo = document.getElementById("undo");
    if (undo) { undo.hidden = tried.length === 0; }
  }
  function tryValues(pairs) {
    pairs.forEach(function (pair) {
      var at = pair.lastIndexOf("=");
      var key = pair.slice(0, at), value = parseFloat(pair.slice(at + 1));
      data.values[key] = value;
      var td = tdOf(key);
      if (td) {
        if (!td.hasAttribute("data-original")) { td.setAttribute("data-original", td.innerHTML); }
        td.textContent = String(value);
        td.classList.add("tried");
      }
    });
    recheck();
  }
  if (data) {
    document.querySelectorAll("button.try").forEach(function (btn) {
      btn.addEventListener("click", function (ev) {
        ev.stopPropagation();
        // the candidates of one finding are alternatives: trying one takes back the others first
        var li = btn.closest(".finding");
        if (li) {
          li.querySelectorAll("button.try").forEach(function (other) {
            if (other === btn) { return; }
            (other.getAttribute("data-suggestions") || "").split(" ").filter(Boolean).forEach(function (pair) {
              var key = pair.slice(0, pair.lastIndexOf("="));
              var td = tdOf(key);
              if (td && td.hasAttribute("data-original")) {
                td.innerHTML = td.getAttribute("data-original");
                td.removeAttribute("data-original");
                td.classList.remove("tried");
              }
              if (key in original) { data.values[key] = original[key]; }
            });
          });
        }
        tryValues((btn.getAttribute("data-suggestions") || "").split(" ").filter(Boolean));
      });
    });
    var undo = document.getElementById("undo");
    if (undo) {
      undo.addEventListener("click", function () {
        data.values = Object.assign({}, original);
        document.querySelectorAll("td[data-original]").forEach(function (td) {
          td.innerHTML = td.getAttribute("data-original");
          td.removeAttribute("data-original");
          td.classList.remove("tried");
        });
        recheck();
      });
    }
  }
  // "Copy corrected table 2": its rows as tab-separated text (label, then each cell as shown, tried values
  // included), to paste into Word, WPS or Excel.
  var copy = document.getElementById("copy-table2");
  if (copy) {
    copy.addEventListener("click", function () {
      var table = document.querySelector('table[data-table="apply"]');
      if (!table) { return; }
      var lines = [];
      table.querySelectorAll("tr").forEach(function (tr) {
        var cells = [];
        tr.querySelectorAll("th, td").forEach(function (c) {
          var asis = c.querySelector(".asis");
          var text = c.getAttribute("data-key") && !c.hasAttribute("data-original")
            ? (c.firstChild && c.firstChild.nodeType === 3 ? c.firstChild.nodeValue : "")
            : c.textContent;
          if (asis) { text = text.replace(asis.textContent, ""); }
          cells.push(text.trim());
        });
        lines.push(cells.join("\t"));
      });
      var tsv = lines.join("\n") + "\n";
      var area = document.getElementById("table2-tsv");
      if (area) { area.value = tsv; area.hidden = false; area.select(); }
      var note = document.getElementById("copy-note");
      function done(ok) { if (note) { note.textContent = ok ? word("copied") : word("copy_by_hand"); } }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(tsv).then(function () { done(true); }, function () { done(false); });
      } else {
        done(false);
      }
    });
  }
  var file = document.getElementById("file");
  var text = document.getElementById("text");
  var limit = parseInt((document.body.getAttribute("data-max-upload") || "0"), 10);
  var note = document.getElementById("size-note");
  if (file && note) {
    file.addEventListener("change", function () {
      note.textContent = "";
      if (file.files && file.files[0] && limit && file.files[0].size > limit) {
        note.textContent = word("too_large");
      }
    });
  }
  window.addEventListener("pageshow", function () {
    var btn = document.getElementById("submit");
    if (btn) { btn.disabled = false; btn.textContent = word("submit"); }
  });
  var uploadForm = document.getElementById("upload-form");
  var langSelect = document.getElementById("lang");
  if (uploadForm && langSelect) {
    // the language also in the address, so that a refusal before the form is read (too large) speaks it
    langSelect.addEventListener("change", function () {
      uploadForm.setAttribute("action", "/check" + (langSelect.value === "en" ? "?lang=en" : ""));
    });
  }
  if (text && file) {
    var form = uploadForm;
    if (form) {
      form.addEventListener("submit", function () {
        var btn = document.getElementById("submit");
        if (btn) { btn.disabled = true; btn.textContent = word("checking"); }
      });
    }
  }
})();
