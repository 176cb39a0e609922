/// The slides' stylesheet, written to `slides.css` and linked after the site's
/// `style.css`: the slides use the site's themes (light, dark), fonts, code, math,
/// plot, table and check styles, and this sheet only sizes them for a room.
///
/// Every slide is a 1280×720 frame (16:9). Without JavaScript the frames follow one
/// another down the page; `slides.js` shows one at a time, scaled to the window
/// (`html.deck-js`), or the presenter view (`html.deck-presenter`). Printing gives one
/// frame per 16:9 page. The heights the build estimates (`SlidesEstimate.swift`) follow
/// the sizes set here.
let slidesStylesheet = #"""
/* Lectern slides: 1280×720 frames on top of style.css */

html.lectern-slides { font-size: 26px; }
body.slides { margin: 0; font-size: 16px; line-height: 1.4; background: var(--code-bg); }

.deck-header { padding: 12px 24px; font-size: 16px; border-bottom: 1px solid var(--border); background: var(--bg); }
.deck-header .breadcrumb { max-width: 1280px; }
.deck { display: flex; flex-direction: column; align-items: center; gap: 32px; padding: 32px 16px 48px; }

.slide {
  position: relative;
  flex: none;
  display: flex;
  flex-direction: column;
  width: 1280px;
  height: 720px;
  padding: 44px 72px 56px;
  overflow: hidden;
  background: var(--bg);
  color: var(--fg);
  border: 1px solid var(--border);
  border-radius: 6px;
  font-size: 28px;
  line-height: 1.35;
}
.slide:target { background: var(--bg); }
.slide-body { flex: 1 1 auto; min-height: 0; overflow: hidden; }
.slide-body > :first-child { margin-top: 0; }
.slide-body > :last-child { margin-bottom: 0; }

.slide h1, .slide h2, .slide h3, .slide h4 { line-height: 1.2; }
.slide h2 { font-size: 44px; margin: 0 0 20px; padding-bottom: 8px; }
.slide h3 { font-size: 32px; margin: 24px 0 10px; }
.slide h4, .slide h5, .slide h6 { font-size: 28px; margin: 20px 0 8px; }
.slide a.anchor { display: none; }
.slide p, .slide ul, .slide ol, .slide dl, .slide blockquote, .slide table, .slide figure { margin: 0 0 16px; }
.slide li + li { margin-top: 4px; }
.slide hr { display: none; }

.slide pre { font-size: 19px; line-height: 1.4; padding: 12px 18px; margin: 0 0 16px; }
.slide :not(pre) > code { font-size: 0.85em; }
.slide .cell { margin: 14px 0; }
.slide .cell > * + * { margin-top: 10px; }
.slide math { font-size: 1.05em; }
.slide math[display="block"] { margin: 14px 0; padding: 4px 0; }
.slide .lectern-check { font-size: 20px; line-height: 1.35; margin: 6px 0; padding: 5px 12px; }
.slide .lectern-plot { margin: 10px 0; }
/* A plot is 380 px high, or taller on a slide with room to spare (--plot-height, set by the build). */
.slide .lectern-plot svg { margin: 0 auto; height: var(--plot-height, 380px) !important; width: auto !important; max-width: 100%; }
.slide .lectern-table { margin: 10px 0; font-size: 21px; }
.slide .lectern-table figcaption { font-size: 19px; }
.slide .cell-note { font-size: 20px; }

.slide-running-head {
  margin: 0 0 14px;
  color: var(--muted);
  font-size: 17px;
  font-weight: 600;
  letter-spacing: 0.06em;
  text-transform: uppercase;
}
.slide-title .slide-body, .slide-section-title .slide-body { display: flex; flex-direction: column; justify-content: center; }
.slide-title h1 { font-size: 64px; margin: 12px 0 28px; letter-spacing: -0.01em; }
.slide-title .slide-course { margin: 0; color: var(--muted); font-size: 24px; font-weight: 600; }
.slide-title .lecture-number { font-size: 22px; margin: 28px 0 0; }
.slide-title .byline { font-size: 28px; }
.slide-section-title h1, .slide-section-title h2 { font-size: 56px; border: 0; }

.slide-foot {
  position: absolute;
  left: 0;
  right: 0;
  bottom: 0;
  height: 40px;
  display: flex;
  align-items: center;
  justify-content: flex-end;
  padding: 0 24px;
  color: var(--muted);
  font-size: 16px;
  font-variant-numeric: tabular-nums;
}
.slide-progress {
  position: absolute;
  left: 0;
  bottom: 0;
  height: 4px;
  width: calc(var(--progress, 0) * 100%);
  background: var(--accent);
}
.slide .notes { display: none; }
.slide.overflowing .slide-foot::before { content: "content cut off: see the build's warning"; margin-right: auto; color: var(--fail); }

/* Presenting (slides.js): one frame at a time, scaled to the window. */

html.deck-js, html.deck-js body.slides { height: 100%; overflow: hidden; background: var(--bg); }
html.deck-js .deck-header { display: none; }
.deck-stage { position: relative; overflow: hidden; }
body.slides > .deck-stage { position: fixed; inset: 0; }
html.deck-js .deck { display: block; position: absolute; left: 0; top: 0; width: 1280px; height: 720px; padding: 0; transform-origin: 0 0; }
html.deck-js .slide { position: absolute; left: 0; top: 0; display: none; border: 0; border-radius: 0; }
html.deck-js .slide.current { display: flex; }

.deck-controls {
  position: fixed;
  right: 12px;
  bottom: 12px;
  display: flex;
  gap: 6px;
  opacity: 0;
  transition: opacity 0.2s;
  font-size: 14px;
}
.deck-controls.shown, .deck-controls:focus-within { opacity: 1; }
.deck-controls button, .pv button {
  font: inherit;
  color: var(--fg);
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 4px;
  padding: 4px 10px;
  cursor: pointer;
}

/* Presenter view: the current slide, the next one, the notes, a timer. */

.pv { position: fixed; inset: 0; display: grid; grid-template-columns: 3fr 2fr; grid-template-rows: auto minmax(0, 1fr); gap: 14px; padding: 14px; font-size: 18px; background: var(--code-bg); }
.pv-bar { grid-column: 1 / 3; display: flex; gap: 20px; align-items: center; font-variant-numeric: tabular-nums; }
.pv-timer { font-size: 28px; font-weight: 600; }
.pv-count { font-size: 22px; }
.pv-clock { margin-left: auto; color: var(--muted); }
.pv .deck { outline: 1px solid var(--border); background: var(--bg); }
.pv-side { display: grid; grid-template-rows: auto minmax(0, 2fr) minmax(0, 3fr); gap: 8px; min-height: 0; }
.pv-label { color: var(--muted); font-size: 14px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; }
.pv-end { display: flex; align-items: center; justify-content: center; height: 100%; color: var(--muted); }
.pv-notes { overflow-y: auto; padding: 10px 14px; background: var(--bg); border: 1px solid var(--border); font-size: 22px; line-height: 1.45; }
.pv-notes p, .pv-notes ul, .pv-notes ol { margin: 0 0 0.6em; }
.pv-notes .none { color: var(--muted); font-style: italic; }

/* Handouts: one frame per 16:9 page. */

@page { size: 1280px 720px; margin: 0; }
@media print {
  html.lectern-slides, html.lectern-slides body.slides { height: auto; overflow: visible; background: #fff; }
  .deck-header, .deck-controls, .pv-bar, .pv-side { display: none !important; }
  .pv { position: static; display: block; padding: 0; }
  .deck-stage, body.slides > .deck-stage { position: static; overflow: visible; }
  .deck, html.deck-js .deck { display: block; position: static; width: auto; height: auto; padding: 0; transform: none !important; }
  .slide, html.deck-js .slide { display: flex; position: relative; border: 0; border-radius: 0; break-after: page; }
  .slide:last-child { break-after: auto; }
}
"""#

/// The links to a lecture's slides in the site's own pages (the lecture's header and the
/// index), appended to `style.css`.
let slidesLinkStylesheet = """
/* Links to a lecture's slides */
.lecture-links { margin: 0.75em 0 0; }
.slides-link { font-weight: 600; text-decoration: none; }
.slides-link:hover { text-decoration: underline; }
.lecture-list a.slides-link { display: inline-block; margin-top: 0.3em; font-size: 0.875rem; }
"""
