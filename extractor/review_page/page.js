"use strict";
// The review page (extractor/review.py writes it). Data is read from the JSON blob and put
// in the DOM with textContent only; only the selected posting and the visible list rows
// exist as elements at any time.
(function () {
  var DATA = JSON.parse(document.getElementById("review-data").textContent);
  var ROW = 44;  // px, one row of the posting list (.row in the CSS)
  // Light colours picked to stay apart where fields meet in a posting (skills and years
  // inside requirements, the list sections side by side); past them, golden-angle hues.
  var PALETTE = ["#ff9e9e", "#9fe3b0", "#c3a6ff", "#ffe27a", "#8fd8ff", "#ffb3e0", "#d4f07a",
                 "#ffbd80", "#a6b4ff", "#7fe8d8", "#f59af5", "#e8d48a", "#7fbfff", "#ffc9c9",
                 "#b8f0a0", "#e0ccff", "#ffe0b0", "#a0f0ff", "#d0d0d0", "#e6f0c0"];
  var FIELDS = fieldNames(DATA);
  var COLOURS = {};
  FIELDS.forEach(function (name, i) { COLOURS[name] = colour(i); });
  var shown = [];  // indices into DATA that pass the filters
  var pos = 0;  // the selected posting, an index into shown
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fieldNames(data) {
    var seen = {}, names = [];
    function add(name) { if (!seen.hasOwnProperty(name)) { seen[name] = 1; names.push(name); } }
    data.forEach(function (p) {
      Object.keys(p.record || {}).forEach(add);
      Object.keys(p.spans).forEach(add);
    });
    return names;
  }

  function colour(i) {
    if (i < PALETTE.length) return PALETTE[i];
    return "hsl(" + Math.round((i * 137.508) % 360) + ", 85%, " + (i % 2 ? 84 : 76) + "%)";
  }

  function isMissing(value) {
    return value === null || value === undefined || value === "" ||
      (Array.isArray(value) && value.length === 0);
  }

  function passes(p, f) {
    if (f.errors && !p.error) return false;
    if (f.warnings && !(p.warnings.length || p.dropped.length)) return false;
    if (f.missing && !(p.record && isMissing(p.record[f.missing]))) return false;
    return !f.source || p.source.toLowerCase().indexOf(f.source) >= 0;
  }

  function filters() {
    return {errors: $("f-errors").checked, warnings: $("f-warnings").checked,
            missing: $("f-missing").value, source: $("f-source").value.trim().toLowerCase()};
  }

  function applyFilters() {
    var current = shown[pos], f = filters();
    shown = [];
    for (var i = 0; i < DATA.length; i++) if (passes(DATA[i], f)) shown.push(i);
    var kept = shown.indexOf(current);
    pos = kept >= 0 ? kept : 0;
    $("count").textContent = shown.length + " of " + DATA.length + " postings";
    $("list-inner").style.height = (shown.length * ROW) + "px";
    if (shown.length) select(pos);  // the posting shown stays in view in the list
    else { renderRows(true); showPosting(); }
  }

  // the list: only the rows in view (plus a margin) are elements
  function renderRows(force) {
    var list = $("list"), inner = $("list-inner");
    var first = Math.max(0, Math.floor(list.scrollTop / ROW) - 10);
    var last = Math.min(shown.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW) + 10);
    if (!force && inner.dataset.first == first && inner.dataset.last == last) return;
    inner.dataset.first = first;
    inner.dataset.last = last;
    inner.textContent = "";
    for (var k = first; k < last; k++) inner.appendChild(row(k));
  }

  function row(k) {
    var p = DATA[shown[k]];
    var node = el("div", "row" + (p.error ? " failed" : (p.warnings.length || p.dropped.length) ?
                  " warned" : "") + (k === pos ? " current" : ""));
    node.style.top = (k * ROW) + "px";
    node.dataset.pos = k;
    node.appendChild(el("div", "ttl", (p.record && p.record.title) ||
                        (p.error ? p.error.type : "(no title)")));
    node.appendChild(el("div", "src", p.source));
    node.title = p.source;
    return node;
  }

  function select(k) {
    if (!shown.length) return;
    pos = Math.max(0, Math.min(shown.length - 1, k));
    var list = $("list"), top = pos * ROW;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW > list.scrollTop + list.clientHeight)
      list.scrollTop = top + ROW - list.clientHeight;
    renderRows(true);
    showPosting();
  }

  // the posting: its text with the evidence marked, and its record beside it
  function showPosting() {
    var box = $("posting");
    box.textContent = "";
    box.scrollTop = 0;
    if (!shown.length) {
      box.appendChild(el("p", "empty", "No posting matches the filters."));
      return;
    }
    var p = DATA[shown[pos]];
    box.dataset.source = p.source;
    box.appendChild(el("h2", null, p.source));
    var meta = el("div", "meta");
    meta.appendChild(el("span", "badge" + (p.error ? " failed" : ""), p.error ? "failed" : "ok"));
    meta.appendChild(document.createTextNode((pos + 1) + " / " + shown.length +
                                             (p.cached ? " \u00b7 from cache" : "")));
    box.appendChild(meta);
    if (p.error) {
      var err = el("div", "error");
      err.appendChild(el("strong", null, p.error.type));
      err.appendChild(document.createTextNode(": " + (p.error.message || "")));
      box.appendChild(err);
    }
    var cols = el("div", "cols");
    cols.appendChild(textPane(p));
    cols.appendChild(recordPane(p));
    box.appendChild(cols);
  }

  function textPane(p) {
    var pre = el("pre", "text");
    pre.id = "text";
    if (p.text === null) {
      pre.appendChild(el("span", "empty", "(no text: the input failed before it was cleaned)"));
      return pre;
    }
    var spans = [];
    Object.keys(p.spans).forEach(function (name) {
      p.spans[name].forEach(function (s) { spans.push({start: s[0], end: s[1], name: name}); });
    });
    appendMarked(pre, p.text, spans);
    return pre;
  }

  // Cut the text at every span boundary; each piece inside spans becomes one <mark>
  // naming all the fields that cover it, coloured by the narrowest of them.
  function appendMarked(parent, text, spans) {
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; })
               .sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], piece = text.slice(a, b);
      var cover = spans.filter(function (s) { return s.start <= a && s.end >= b; });
      if (!cover.length) { parent.appendChild(document.createTextNode(piece)); continue; }
      cover.sort(function (x, y) { return (x.end - x.start) - (y.end - y.start); });
      var names = cover.map(function (s) { return s.name; })
                       .filter(function (n, j, all) { return all.indexOf(n) === j; });
      var mark = el("mark", null, piece);
      mark.setAttribute("data-fields", names.join(" "));
      mark.title = names.join(", ");
      mark.style.background = COLOURS[names[0]];
      if (names.length > 1)
        mark.style.boxShadow = "inset 0 -3px 0 " + COLOURS[names[names.length - 1]];
      parent.appendChild(mark);
    }
  }

  function recordPane(p) {
    var aside = el("aside", "record");
    if (p.record) {
      var table = el("table");
      Object.keys(p.record).forEach(function (name) { table.appendChild(fieldRow(p, name)); });
      aside.appendChild(table);
    } else {
      aside.appendChild(el("p", "empty", "No record."));
    }
    listSection(aside, "Dropped values", p.dropped, "dropped");
    listSection(aside, "Warnings", p.warnings, null);
    return aside;
  }

  function fieldRow(p, name) {
    var tr = el("tr"), value = p.record[name];
    var chip = el("span", "chip", name);
    chip.style.background = COLOURS[name];
    var cell = el("td", "name");
    cell.appendChild(chip);
    tr.appendChild(cell);
    var values = el("td");
    if (isMissing(value)) values.appendChild(el("span", "missing", "\u2014"));
    else (Array.isArray(value) ? value : [value]).forEach(function (item) {
      values.appendChild(shownItem(item));
    });
    tr.appendChild(values);
    tr.appendChild(el("td", "from", origin(p, name, value)));
    if (p.spans[name]) {
      tr.className = "spanned";
      tr.title = "show it in the text";
      tr.addEventListener("click", function () { reveal(name); });
    }
    return tr;
  }

  function origin(p, name, value) {
    if (isMissing(value)) return "";
    var from = p.sources[name] || "";
    if (p.notes[name]) return (from ? from + ": " : "") + p.notes[name].join(", ");
    return p.spans[name] ? from : (from ? from + ", " : "") + "no span";
  }

  function shownItem(item) {  // a value; an object as its raw text over its parts
    if (item === null || typeof item !== "object") return el("div", "item", String(item));
    if (typeof item.raw !== "string" || !item.raw) return el("div", "item", compact(item));
    var node = el("div", "item", item.raw);
    node.appendChild(el("span", "detail", compact(item)));
    return node;
  }

  function compact(item) {
    return Object.keys(item).filter(function (k) { return k !== "raw" && item[k] !== null; })
      .map(function (k) { return k + " " + JSON.stringify(item[k]); }).join(", ");
  }

  function listSection(parent, heading, items, cls) {
    if (!items.length) return;
    parent.appendChild(el("h3", null, heading + " (" + items.length + ")"));
    var ul = el("ul");
    items.forEach(function (text) { ul.appendChild(el("li", cls, text)); });
    parent.appendChild(ul);
  }

  function reveal(name) {
    var marks = $("text").querySelectorAll("mark[data-fields~=\"" + CSS.escape(name) + "\"]");
    if (!marks.length) return;
    marks[0].scrollIntoView({block: "center"});
    marks.forEach(function (m) { m.classList.add("flash"); });
    setTimeout(function () { marks.forEach(function (m) { m.classList.remove("flash"); }); }, 900);
  }

  function legend() {
    var box = $("legend"), select = $("f-missing");
    FIELDS.forEach(function (name) {
      var chip = el("span", "chip", name);
      chip.style.background = COLOURS[name];
      box.appendChild(chip);
      var option = el("option", null, name);
      option.value = name;
      select.appendChild(option);
    });
  }

  function onKey(event) {
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var moves = {j: 1, ArrowDown: 1, k: -1, ArrowUp: -1};
    if (moves[event.key]) { select(pos + moves[event.key]); event.preventDefault(); }
    else if (event.key === "Home") { select(0); event.preventDefault(); }
    else if (event.key === "End") { select(shown.length - 1); event.preventDefault(); }
    else if (event.key === "/") { $("f-source").focus(); event.preventDefault(); }
  }

  legend();
  ["f-errors", "f-warnings", "f-missing"].forEach(function (id) {
    $(id).addEventListener("change", applyFilters);
  });
  $("f-source").addEventListener("input", applyFilters);
  $("list").addEventListener("scroll", function () { renderRows(false); });
  $("list").addEventListener("click", function (event) {
    var node = event.target.closest(".row");
    if (node) select(Number(node.dataset.pos));
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("resize", function () { renderRows(true); });
  document.title = document.title + " (" + DATA.length + " postings)";
  applyFilters();
  performance.mark("review-ready");
  document.documentElement.dataset.ready = "1";
})();
