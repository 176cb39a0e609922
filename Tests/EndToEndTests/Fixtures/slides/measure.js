// Measures every slide frame of a *.slides.html page laid out without slides.js
// (each frame is then 1280×720 in a vertical run) and writes one line per slide into
// <pre id="lectern-measure">: "n line estimate height available size wide", where height is the
// content's height in CSS pixels, available the frame's room for it, and wide the
// number of blocks wider than the frame (code, tables, math that would scroll).
window.addEventListener("load", function () {
  var out = [];
  var slides = document.querySelectorAll("section.slide");
  slides.forEach(function (slide, i) {
    var body = slide.querySelector(".slide-body");
    var frame = slide.getBoundingClientRect();
    var wide = 0;
    body.querySelectorAll("pre, table, .lectern-scroll, math, svg, img, figure, p, li").forEach(function (e) {
      var r = e.getBoundingClientRect();
      if (e.scrollWidth > e.clientWidth + 1 || r.right > frame.right + 0.5) wide += 1;
    });
    if (body.scrollWidth > body.clientWidth + 1) wide += 1;
    out.push([i + 1, slide.getAttribute("data-line"), slide.getAttribute("data-estimate"), body.scrollHeight, body.clientHeight,
              Math.round(frame.width) + "x" + Math.round(frame.height), wide].join(" "));
  });
  var pre = document.createElement("pre");
  pre.id = "lectern-measure";
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
});
