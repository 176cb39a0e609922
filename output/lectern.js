(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var tools = doc.getElementById("lectern-tools");
  var base = tools ? tools.getAttribute("data-root") || "" : "";

  // Theme: auto (the system's), light or dark; the choice is remembered.
  function storedTheme() { try { return localStorage.getItem("lectern-theme") || "auto"; } catch (e) { return "auto"; } }
  function applyTheme(t) {
    if (t === "light" || t === "dark") { root.dataset.theme = t; root.style.colorScheme = t; }
    else { delete root.dataset.theme; root.style.colorScheme = ""; }
    try { if (t === "auto") localStorage.removeItem("lectern-theme"); else localStorage.setItem("lectern-theme", t); } catch (e) {}
  }
  if (tools) {
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "theme-switch";
    var names = { auto: "Theme: auto", light: "Theme: light", dark: "Theme: dark" };
    var order = { auto: "light", light: "dark", dark: "auto" };
    function label() { var t = storedTheme(); button.textContent = names[t] || names.auto; }
    button.addEventListener("click", function () { applyTheme(order[storedTheme()] || "auto"); label(); });
    label();

    // Search over the whole course.
    if (window.LECTERN_SEARCH) {
      var box = doc.createElement("div");
      box.className = "search";
      box.setAttribute("role", "search");
      box.innerHTML = '<label class="visually-hidden" for="lectern-q">Search the course</label>' +
        '<input id="lectern-q" type="search" placeholder="Search" autocomplete="off" aria-controls="lectern-results">' +
        '<div id="lectern-results" class="search-results" aria-live="polite" hidden></div>';
      tools.appendChild(box);
      var input = box.querySelector("input"), results = box.querySelector(".search-results");
      input.addEventListener("input", function () { show(search(input.value)); });
      input.addEventListener("keydown", function (e) { if (e.key === "Escape") { input.value = ""; show(null); } });
    }
    tools.appendChild(button);
  }

  var lowered = null;
  function search(q) {
    var words = q.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    if (!words.length) return null;
    var index = window.LECTERN_SEARCH;
    if (!lowered) lowered = index.map(function (d) {
      return { t: d.t.toLowerCase(), s: d.s.map(function (s) { return [s[1].toLowerCase(), s[2].toLowerCase()]; }),
               c: d.c.map(function (c) { return c[1].toLowerCase(); }) };
    });
    var hits = [];
    index.forEach(function (d, i) {
      var L = lowered[i];
      d.s.forEach(function (s, j) {
        var h = L.s[j][0], t = L.s[j][1], score = 0;
        for (var k = 0; k < words.length; k++) {
          var w = words[k], inTitle = L.t.indexOf(w) >= 0, inHead = h.indexOf(w) >= 0, inText = t.indexOf(w) >= 0;
          if (!inTitle && !inHead && !inText) return;
          score += (inHead ? 10 : 0) + (inTitle ? 3 : 0) + (inText ? 1 : 0);
        }
        hits.push({ score: score, href: d.u + (s[0] ? "#" + s[0] : ""), title: d.t, heading: s[0] ? s[1] : "", text: s[2], at: t.indexOf(words[0]) });
      });
      d.c.forEach(function (c, j) {
        var name = L.c[j];
        for (var k = 0; k < words.length; k++) if (name.indexOf(words[k]) < 0) return;
        hits.push({ score: 5, href: d.u + "#" + c[0], title: d.t, heading: "Check: " + c[1], text: "", at: -1 });
      });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return { words: words, hits: hits.slice(0, 20), total: hits.length };
  }

  function esc(s) { return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function snippet(text, at) {
    if (at < 0 || !text) return "";
    var from = Math.max(0, at - 60), s = text.slice(from, at + 120);
    return (from > 0 ? "…" : "") + esc(s) + (at + 120 < text.length ? "…" : "");
  }
  function show(r) {
    var results = doc.getElementById("lectern-results");
    if (!results) return;
    if (!r) { results.hidden = true; results.innerHTML = ""; return; }
    results.hidden = false;
    if (!r.hits.length) { results.innerHTML = "<p>No results.</p>"; return; }
    results.innerHTML = "<p>" + r.total + " result" + (r.total === 1 ? "" : "s") + (r.total > r.hits.length ? ", the first " + r.hits.length : "") + "</p><ol>" +
      r.hits.map(function (h) {
        return '<li><a href="' + esc(base + h.href) + '">' + esc(h.title) + (h.heading ? " › " + esc(h.heading) : "") + "</a>" +
          (h.at >= 0 ? "<span>" + snippet(h.text, h.at) + "</span>" : "") + "</li>";
      }).join("") + "</ol>";
  }
  window.lecternSearch = search;

  // Copy buttons on code.
  doc.querySelectorAll("pre.cell-code, pre.code-block").forEach(function (pre) {
    var b = doc.createElement("button");
    b.type = "button";
    b.className = "copy";
    b.textContent = "Copy";
    b.setAttribute("aria-label", "Copy this code");
    b.addEventListener("click", function () {
      var text = pre.querySelector("code") ? pre.querySelector("code").innerText : pre.innerText;
      function done() { b.textContent = "Copied"; setTimeout(function () { b.textContent = "Copy"; }, 1500); }
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback); else fallback();
      function fallback() {
        var area = doc.createElement("textarea");
        area.value = text; doc.body.appendChild(area); area.select();
        try { doc.execCommand("copy"); done(); } catch (e) {}
        doc.body.removeChild(area);
      }
    });
    var wrap = doc.createElement("div");
    wrap.className = "code-wrap";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    wrap.appendChild(b);
  });

  // The sidebar is open on wide screens, collapsed on narrow ones.
  if (window.matchMedia && window.matchMedia("(min-width: 64rem)").matches) {
    doc.querySelectorAll(".sidebar details").forEach(function (d) { d.open = true; });
  }

  // The current section is highlighted in the contents.
  var links = {};
  doc.querySelectorAll(".toc a[href^='#']").forEach(function (a) { links[decodeURIComponent(a.getAttribute("href").slice(1))] = a; });
  var targets = Object.keys(links).map(function (id) { return doc.getElementById(id); }).filter(Boolean);
  if (targets.length && "IntersectionObserver" in window) {
    var current = null;
    function mark() {
      var best = null;
      for (var i = 0; i < targets.length; i++) { if (targets[i].getBoundingClientRect().top < 120) best = targets[i]; else break; }
      var a = best ? links[best.id] : null;
      if (a === current) return;
      if (current) current.removeAttribute("aria-current");
      if (a) a.setAttribute("aria-current", "location");
      current = a;
    }
    var observer = new IntersectionObserver(mark, { rootMargin: "0px 0px -60% 0px" });
    targets.forEach(function (t) { observer.observe(t); });
    window.addEventListener("scroll", mark, { passive: true });
    mark();
  }
})();