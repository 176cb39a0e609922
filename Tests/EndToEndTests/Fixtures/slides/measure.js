// Measures every slide frame of a *.slides.html page laid out without slides.js (each
// frame is then 1280×720, one after another) and writes one line per slide into
// <pre id="lectern-measure">: "n line estimate content available size wide":
// the build's estimate of the content's height, the content's height as laid out and
// the room for it (from the top of the frame's padding box, in CSS pixels), the
// frame's size, and how many blocks reach past the frame's right edge or scroll.
window.addEventListener("load", function () {
  var out = [];
  document.querySelectorAll("section.slide").forEach(function (slide, i) {
    var body = slide.querySelector(".slide-body");
    var frame = slide.getBoundingClientRect();
    var top = frame.top + parseFloat(getComputedStyle(slide).paddingTop);
    // The content's height: from the frame's padding to the body, then from the first
    // block's top to the last one's bottom (a title slide's blocks are centred).
    var bodyTop = body.getBoundingClientRect().top, first = Infinity, last = -Infinity;
    Array.prototype.forEach.call(body.children, function (e) {
      var r = e.getBoundingClientRect();
      first = Math.min(first, r.top);
      last = Math.max(last, r.bottom);
    });
    var bottom = body.children.length ? top + (bodyTop - top) + (last - first) : top;
    var wide = 0;
    body.querySelectorAll("pre, table, .lectern-scroll, math, svg, img, figure, p, li").forEach(function (e) {
      if (e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > frame.right - 8) wide += 1;
    });
    if (body.scrollWidth > body.clientWidth + 1) wide += 1;
    out.push([i + 1, slide.getAttribute("data-line"), slide.getAttribute("data-estimate"),
              Math.round(bottom - top), Math.round(body.getBoundingClientRect().bottom - top),
              Math.round(frame.width) + "x" + Math.round(frame.height), wide].join(" "));
  });
  var pre = document.createElement("pre");
  pre.id = "lectern-measure";
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
});
