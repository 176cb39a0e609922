/* Lectern slides */
(function () {
  "use strict";
  var W = 1280, H = 720;
  var root = document.documentElement;
  var presenter = /(^|&)presenter(=|&|$)/.test(location.search.slice(1));
  root.classList.add("deck-js");
  if (presenter) root.classList.add("deck-presenter");

  document.addEventListener("DOMContentLoaded", function () {
    var deck = document.getElementById("lectern-deck");
    if (!deck) return;
    var slides = Array.prototype.filter.call(deck.children, function (e) { return e.classList.contains("slide"); });
    var total = slides.length, current = -1;
    var key = "lectern-slides:" + location.pathname;
    var stages = [];
    var nextSlides = null, nextBox = null, notesBox = null, countBox = null;

    function stage(box, frame) {
      box.classList.add("deck-stage");
      box.appendChild(frame);
      stages.push([box, frame]);
      return box;
    }
    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text) e.textContent = text;
      return e;
    }

    if (presenter) {
      document.title = "Presenter · " + document.title;
      var pv = el("div", "pv"), bar = el("div", "pv-bar"), side = el("div", "pv-side");
      countBox = el("span", "pv-count");
      var timer = el("span", "pv-timer", "00:00"), reset = el("button", "", "Restart timer"), clock = el("span", "pv-clock");
      bar.appendChild(countBox); bar.appendChild(timer); bar.appendChild(reset); bar.appendChild(clock);
      var copy = deck.cloneNode(true);
      copy.removeAttribute("id");
      Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
      copy.setAttribute("aria-hidden", "true");
      copy.setAttribute("inert", "");
      nextSlides = Array.prototype.filter.call(copy.children, function (e) { return e.classList.contains("slide"); });
      nextBox = el("div", "pv-next");
      notesBox = el("div", "pv-notes");
      notesBox.setAttribute("aria-live", "polite");
      side.appendChild(el("div", "pv-label", "Next")); side.appendChild(stage(nextBox, copy)); side.appendChild(notesBox);
      pv.appendChild(bar); pv.appendChild(stage(el("div", "pv-current"), deck)); pv.appendChild(side);
      document.body.appendChild(pv);
      var startKey = key + ":timer", start = Number(sessionStorage.getItem(startKey)) || Date.now();
      sessionStorage.setItem(startKey, String(start));
      var two = function (n) { return (n < 10 ? "0" : "") + n; };
      var tick = function () {
        var s = Math.max(0, Math.floor((Date.now() - start) / 1000));
        timer.textContent = (s >= 3600 ? Math.floor(s / 3600) + ":" : "") + two(Math.floor(s / 60) % 60) + ":" + two(s % 60);
        var d = new Date();
        clock.textContent = two(d.getHours()) + ":" + two(d.getMinutes());
      };
      reset.addEventListener("click", function () { start = Date.now(); sessionStorage.setItem(startKey, String(start)); tick(); });
      tick();
      setInterval(tick, 1000);
    } else {
      var controls = el("div", "deck-controls");
      [["‹", "Previous slide", -1], ["›", "Next slide", 1]].forEach(function (b) {
        var button = el("button", "", b[0]);
        button.setAttribute("aria-label", b[1]);
        button.addEventListener("click", function () { go(current + b[2]); });
        controls.appendChild(button);
      });
      var open = el("button", "", "Presenter view (P)");
      open.addEventListener("click", openPresenter);
      controls.appendChild(open);
      document.body.appendChild(stage(el("div"), deck));
      document.body.appendChild(controls);
      var hideTimer = 0;
      document.addEventListener("mousemove", function () {
        controls.classList.add("shown");
        clearTimeout(hideTimer);
        hideTimer = setTimeout(function () { controls.classList.remove("shown"); }, 2000);
      });
    }

    // Each frame scaled to its box: centred in the window, at the top of the presenter's panes.
    function fit() {
      stages.forEach(function (s) {
        var box = s[0].getBoundingClientRect();
        var k = Math.min(box.width / W, box.height / H);
        var y = presenter ? 0 : (box.height - H * k) / 2;
        s[1].style.transform = "translate(" + (box.width - W * k) / 2 + "px," + y + "px) scale(" + k + ")";
      });
    }

    // The slide a fragment names: a number, or an element on a slide (a heading, a cell).
    function slideOf(hash) {
      var name = decodeURIComponent(hash.replace(/^#/, ""));
      if (/^[0-9]+$/.test(name)) return Number(name) - 1;
      var target = name && document.getElementById(name);
      for (var i = 0; target && i < total; i++) if (slides[i].contains(target)) return i;
      return -1;
    }

    function show(list, n) {
      list.forEach(function (s, i) { s.classList.toggle("current", i === n); });
      var body = list[n] && list[n].querySelector(".slide-body");
      if (body) list[n].classList.toggle("overflowing", body.scrollHeight > body.clientHeight + 1);
    }

    function go(n, remote) {
      n = Math.max(0, Math.min(total - 1, n));
      if (n === current || isNaN(n)) return;
      current = n;
      show(slides, n);
      if (location.hash !== "#" + (n + 1)) history.replaceState(null, "", "#" + (n + 1));
      if (presenter) {
        countBox.textContent = "Slide " + (n + 1) + " / " + total;
        show(nextSlides, n + 1);
        var end = nextBox.querySelector(".pv-end");
        if (n + 1 >= total && !end) nextBox.appendChild(el("div", "pv-end", "End of the slides"));
        if (n + 1 < total && end) nextBox.removeChild(end);
        var notes = slides[n].querySelector(".notes");
        notesBox.innerHTML = notes ? notes.innerHTML : "<p class=\"none\">No notes for this slide.</p>";
      }
      if (!remote) post({ slide: n });
    }

    // Keeping windows in step: a BroadcastChannel where there is one, and postMessage
    // to the windows we know (the one that opened us, the ones we opened or heard from).
    var channel = null, peers = [];
    try { channel = new BroadcastChannel(key); } catch (e) { channel = null; }
    function post(message) {
      message.lecternSlides = key;
      if (channel) channel.postMessage(message);
      peers.forEach(function (w) { try { if (!w.closed) w.postMessage(message, "*"); } catch (e) {} });
    }
    function receive(data, source) {
      if (!data || data.lecternSlides !== key) return;
      if (source && source !== window && peers.indexOf(source) < 0) peers.push(source);
      if (data.hello) post({ slide: current });
      else if (typeof data.slide === "number") go(data.slide, true);
    }
    if (channel) channel.onmessage = function (e) { receive(e.data, null); };
    window.addEventListener("message", function (e) { receive(e.data, e.source); });
    if (window.opener) peers.push(window.opener);

    function openPresenter() {
      var url = location.href.split("#")[0].split("?")[0] + "?presenter#" + (current + 1);
      var w = window.open(url, key + ":presenter");
      if (w && peers.indexOf(w) < 0) peers.push(w);
    }

    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName))) return;
      switch (e.key) {
        case "ArrowRight": case "ArrowDown": case "PageDown": case "Enter": go(current + 1); break;
        case "ArrowLeft": case "ArrowUp": case "PageUp": go(current - 1); break;
        case " ": case "Spacebar": go(current + (e.shiftKey ? -1 : 1)); break;
        case "Home": go(0); break;
        case "End": go(total - 1); break;
        case "p": case "P": if (!presenter) openPresenter(); break;
        case "f": case "F":
          if (document.fullscreenElement) document.exitFullscreen();
          else if (root.requestFullscreen) root.requestFullscreen();
          break;
        default: return;
      }
      e.preventDefault();
    });

    var touch = null;
    document.addEventListener("touchstart", function (e) {
      touch = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
    }, { passive: true });
    document.addEventListener("touchend", function (e) {
      if (!touch || e.changedTouches.length !== 1) return;
      var dx = e.changedTouches[0].clientX - touch.x, dy = e.changedTouches[0].clientY - touch.y;
      touch = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) go(current + (dx < 0 ? 1 : -1));
    }, { passive: true });

    window.addEventListener("hashchange", function () { var n = slideOf(location.hash); if (n >= 0) go(n); });
    window.addEventListener("resize", fit);
    fit();
    go(Math.max(0, slideOf(location.hash)), true);
    if (presenter) post({ hello: true });
  });
})();