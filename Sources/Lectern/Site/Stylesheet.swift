/// The site's one stylesheet, written to `style.css` at the site root.
///
/// Light and dark themes follow the reader's system setting through custom
/// properties on `:root` (`--fg`, `--bg`, `--accent`, `--muted`, `--code-bg`,
/// `--pass`, `--fail`, `--grid`, `--series-1` … `--series-6`), so inline SVG plots
/// and check badges follow the theme too. No web fonts, no external resources.
///
/// Plots: `svg.plot` draws in `currentColor`; an element with class `series-N`
/// (or inside one) is drawn in `--series-N`: lines and paths stroked, circles and
/// rects filled; `.band` fills lightly; `.axis` and `.grid` use the muted colours.
///
/// ```swift
/// try defaultStylesheet.write(toFile: "site/style.css", atomically: true, encoding: .utf8)
/// ```
public let defaultStylesheet = #"""
/* Lectern course site */

:root {
  --bg: #fdfdfb;
  --fg: #1d2126;
  --muted: #5c6670;
  --accent: #0a58a8;
  --accent-soft: #e3eefa;
  --border: #d9dee3;
  --code-bg: #f3f4f6;
  --code-fg: #1d2126;
  --pass: #1a7f37;
  --pass-bg: #e6f4ea;
  --fail: #c0262d;
  --fail-bg: #fdeaea;
  --grid: #e4e7eb;
  --series-1: #0072b2;
  --series-2: #d55e00;
  --series-3: #009e73;
  --series-4: #cc79a7;
  --series-5: #b8860b;
  --series-6: #56b4e9;
  --hl-kw: #9b2393;
  --hl-type: #0b6e8f;
  --hl-str: #b42318;
  --hl-esc: #8a4b08;
  --hl-num: #1c49c9;
  --hl-com: #6b7580;
  --hl-attr: #8a5a00;
  --hl-dir: #8a5a00;
  --font-text: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  --font-code: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  --font-math: "STIX Two Math", "Latin Modern Math", "Cambria Math", "Noto Sans Math", math;
}

@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #15171b;
    --fg: #e3e6ea;
    --muted: #9ba4ae;
    --accent: #7ab7ff;
    --accent-soft: #1d2c40;
    --border: #323840;
    --code-bg: #1f2329;
    --code-fg: #dde1e6;
    --pass: #4ac26b;
    --pass-bg: #15301f;
    --fail: #ff6b6b;
    --fail-bg: #3a1a1c;
    --grid: #2c3239;
    --series-1: #56b4e9;
    --series-2: #ff8f45;
    --series-3: #34c99a;
    --series-4: #e89bc8;
    --series-5: #f0c75e;
    --series-6: #a5c8ff;
    --hl-kw: #ff7ab2;
    --hl-type: #6fd6f0;
    --hl-str: #ff8a7a;
    --hl-esc: #f5b971;
    --hl-num: #d0bf69;
    --hl-com: #8b96a3;
    --hl-attr: #fd9f58;
    --hl-dir: #fd9f58;
  }
}

/* Base */

*, *::before, *::after { box-sizing: border-box; }

html {
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font-family: var(--font-text);
  font-size: 1.0625rem;
  line-height: 1.65;
  font-kerning: normal;
  overflow-wrap: break-word;
}

a { color: var(--accent); }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }

h1, h2, h3, h4, h5, h6 {
  line-height: 1.25;
  margin: 2em 0 0.6em;
  font-weight: 600;
  scroll-margin-top: 1rem;
}
h1 { font-size: 2rem; margin-top: 0.4em; letter-spacing: -0.01em; }
h2 { font-size: 1.5rem; padding-bottom: 0.2em; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.2rem; }
h4, h5, h6 { font-size: 1rem; }

p, ul, ol, dl, blockquote, table, pre, figure { margin: 0 0 1.1em; }
ul, ol { padding-left: 1.6em; }
li + li { margin-top: 0.25em; }
li > ul, li > ol { margin: 0.25em 0 0; }
blockquote { margin-left: 0; padding: 0.1em 1em; border-left: 3px solid var(--border); color: var(--muted); }
hr { border: 0; border-top: 1px solid var(--border); margin: 2.5em 0; }
img, svg, video { max-width: 100%; height: auto; }
strong { font-weight: 600; }
:target { background: var(--accent-soft); border-radius: 3px; }

/* Heading anchors: shown when the heading is hovered or the anchor focused. */
a.anchor {
  margin-left: 0.35em;
  color: var(--muted);
  text-decoration: none;
  font-weight: 400;
  opacity: 0;
  transition: opacity 0.15s;
}
h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor,
h5:hover a.anchor, h6:hover a.anchor, a.anchor:focus { opacity: 1; }
a.anchor:hover { color: var(--accent); }
@media (hover: none) { a.anchor { opacity: 0.35; } }

/* Page frame */

.skip { position: absolute; left: -999px; top: 0.5rem; padding: 0.4em 0.8em; background: var(--bg); z-index: 1; }
.skip:focus { left: 0.5rem; }

.site-header {
  border-bottom: 1px solid var(--border);
  padding: 0.7rem 1.25rem;
  font-size: 0.9rem;
}
.breadcrumb { max-width: 59rem; margin: 0 auto; color: var(--muted); }
.breadcrumb a { font-weight: 600; text-decoration: none; }
.breadcrumb a:hover { text-decoration: underline; }
.breadcrumb .sep { margin: 0 0.5em; }

.layout {
  display: grid;
  grid-template-columns: minmax(0, 41rem);
  justify-content: center;
  gap: 3rem;
  padding: 0 1.25rem;
}
.layout.with-toc { grid-template-columns: 15rem minmax(0, 41rem); }
main { min-width: 0; padding: 2rem 0 3rem; }
body.index main { max-width: 41rem; margin: 0 auto; padding: 3rem 1.25rem; }

.lecture-header { margin-bottom: 2.5rem; }
.lecture-number {
  margin: 0;
  color: var(--accent);
  font-size: 0.85rem;
  font-weight: 600;
  letter-spacing: 0.08em;
  text-transform: uppercase;
}
.byline { margin: 0.2em 0 0; color: var(--muted); }
.byline:empty { display: none; }
.byline .author { color: var(--fg); }
.byline > span + span::before { content: "·"; margin: 0 0.5em; }
.summary { color: var(--muted); font-size: 1.05rem; margin-top: 0.75em; }

.site-footer {
  border-top: 1px solid var(--border);
  color: var(--muted);
  font-size: 0.85rem;
  text-align: center;
  padding: 1.5rem 1.25rem 2rem;
}
.site-footer p { margin: 0; }

/* Contents sidebar */

.toc {
  position: sticky;
  top: 0;
  align-self: start;
  max-height: 100vh;
  overflow-y: auto;
  padding: 2.2rem 0.5rem 2rem 0;
  font-size: 0.875rem;
  line-height: 1.4;
}
.toc h2 {
  margin: 0 0 0.75em;
  padding: 0;
  border: 0;
  font-size: 0.75rem;
  letter-spacing: 0.08em;
  text-transform: uppercase;
  color: var(--muted);
}
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc li { margin: 0; }
.toc a {
  display: block;
  padding: 0.22em 0 0.22em 0.75em;
  border-left: 2px solid var(--border);
  color: var(--fg);
  text-decoration: none;
}
.toc a:hover { color: var(--accent); border-left-color: var(--accent); }
.toc .toc-level-1 a { font-weight: 600; }
.toc .toc-level-2 a { color: var(--fg); }
.toc .toc-level-3 a { padding-left: 1.6em; color: var(--muted); }
.toc .toc-level-4 a, .toc .toc-level-5 a, .toc .toc-level-6 a { padding-left: 2.4em; color: var(--muted); font-size: 0.95em; }

/* Previous / index / next */

.pager {
  display: grid;
  grid-template-columns: 1fr auto 1fr;
  gap: 1rem;
  margin-top: 3rem;
  padding-top: 1.25rem;
  border-top: 1px solid var(--border);
}
.pager a { display: flex; flex-direction: column; text-decoration: none; min-width: 0; }
.pager .prev { grid-column: 1; }
.pager .up { grid-column: 2; text-align: center; }
.pager .next { grid-column: 3; text-align: right; }
.pager-label { font-size: 0.8rem; color: var(--muted); }
.pager-title { font-weight: 600; }
.pager .prev .pager-label::before { content: "← "; }
.pager .next .pager-label::after { content: " →"; }

/* Index */

.course-header { margin-bottom: 2.5rem; }
.course-header h1 { margin-bottom: 0.2em; }
.lecture-list { list-style: none; padding: 0; }
.lecture-list li { position: relative; padding: 0.9rem 0 0.9rem 3rem; border-bottom: 1px solid var(--border); margin: 0; }
.lecture-list a { display: block; font-weight: 600; font-size: 1.1rem; text-decoration: none; }
.lecture-list a:hover .lecture-title { text-decoration: underline; }
.lecture-list .lecture-number {
  position: absolute;
  left: 0;
  color: var(--muted);
  font-variant-numeric: tabular-nums;
  font-weight: 500;
}
.lecture-list .date { display: block; font-size: 0.875rem; color: var(--muted); }
.lecture-list .summary { margin: 0.25em 0 0; font-size: 0.95rem; }

/* Code */

code, kbd, samp, pre { font-family: var(--font-code); font-size: 0.875em; }
:not(pre) > code {
  background: var(--code-bg);
  padding: 0.1em 0.3em;
  border-radius: 4px;
  font-size: 0.85em;
}
pre {
  background: var(--code-bg);
  color: var(--code-fg);
  padding: 0.85rem 1rem;
  border-radius: 6px;
  overflow-x: auto;
  line-height: 1.5;
  tab-size: 4;
}
pre code { font-size: inherit; background: none; padding: 0; }

code .kw { color: var(--hl-kw); font-weight: 600; }
code .type { color: var(--hl-type); }
code .str { color: var(--hl-str); }
code .esc, code .interp { color: var(--hl-esc); }
code .num { color: var(--hl-num); }
code .com { color: var(--hl-com); font-style: italic; }
code .com.doc { font-style: normal; }
code .attr { color: var(--hl-attr); }
code .dir { color: var(--hl-dir); }

/* Cells: each part may be the <pre> itself (pre.cell-output) or wrap it (.cell-output pre). */

.cell { margin: 1.5em 0; }
.cell > * { margin-top: 0; margin-bottom: 0; }
.cell > * + * { margin-top: 0.5rem; }
pre.cell-code, .cell-code pre { margin: 0; border-left: 3px solid var(--accent); }
.cell-output { margin: 0; }
pre.cell-output, .cell-output pre {
  margin: 0;
  background: transparent;
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 0.6rem 1rem;
}
.cell-output > :last-child { margin-bottom: 0; }
pre.cell-stderr { color: var(--muted); border-style: dashed; }
.cell-output svg.plot, .cell > svg.plot { display: block; margin: 0.5rem auto; }
.cell-note { color: var(--muted); font-size: 0.9rem; font-style: italic; }
.cell-error, pre.cell-error {
  color: var(--fail);
  background: var(--fail-bg);
  border: 0;
  border-left: 3px solid var(--fail);
  border-radius: 6px;
  padding: 0.6rem 1rem;
}
pre.cell-error { white-space: pre-wrap; }
.cell-error pre { margin: 0.25rem 0 0; padding: 0; border: 0; background: transparent; color: inherit; white-space: pre-wrap; }
.cell-expected-error { color: var(--fg); background: var(--code-bg); border-left-color: var(--muted); }
.inline-value { font-variant-numeric: tabular-nums; }

/* Check badges */

.check {
  display: inline-flex;
  align-items: baseline;
  gap: 0.4em;
  padding: 0.1em 0.65em;
  margin: 0.2em 0.3em 0.2em 0;
  border: 1px solid currentColor;
  border-radius: 999px;
  font-size: 0.85rem;
  font-weight: 600;
  line-height: 1.5;
}
.check.pass { color: var(--pass); background: var(--pass-bg); }
.check.fail { color: var(--fail); background: var(--fail-bg); }

/* Tables */

.nb-table, .ledger table, article table {
  display: block;
  width: max-content;
  max-width: 100%;
  overflow-x: auto;
  border-collapse: collapse;
  font-size: 0.9rem;
  font-variant-numeric: tabular-nums;
}
.nb-table th, .nb-table td, .ledger th, .ledger td, article th, article td {
  padding: 0.35em 0.8em;
  border-bottom: 1px solid var(--border);
  text-align: left;
  vertical-align: top;
}
.nb-table th, .ledger th, article th { font-weight: 600; border-bottom: 2px solid var(--border); }
.nb-table td.num, .nb-table th.num, .ledger td.num { text-align: right; }
.nb-table tbody tr:hover, .ledger tbody tr:hover { background: var(--code-bg); }
.nb-table caption, .ledger caption { caption-side: bottom; color: var(--muted); font-size: 0.85rem; padding-top: 0.4em; text-align: left; }

/* Plots */

svg.plot { color: var(--fg); overflow: visible; font-family: var(--font-text); }
svg.plot text { fill: var(--muted); font-size: 12px; stroke: none; }
svg.plot .title { fill: var(--fg); font-size: 13px; font-weight: 600; }
svg.plot .axis line, svg.plot .axis path, svg.plot line.axis, svg.plot path.axis { stroke: var(--muted); stroke-width: 1; fill: none; }
svg.plot .grid line, svg.plot .grid path, svg.plot line.grid, svg.plot path.grid { stroke: var(--grid); stroke-width: 1; fill: none; }
svg.plot .series-1 { --c: var(--series-1); }
svg.plot .series-2 { --c: var(--series-2); }
svg.plot .series-3 { --c: var(--series-3); }
svg.plot .series-4 { --c: var(--series-4); }
svg.plot .series-5 { --c: var(--series-5); }
svg.plot .series-6 { --c: var(--series-6); }
svg.plot path[class*="series-"], svg.plot line[class*="series-"], svg.plot polyline[class*="series-"],
svg.plot [class*="series-"] path, svg.plot [class*="series-"] line, svg.plot [class*="series-"] polyline {
  stroke: var(--c, currentColor);
  stroke-width: 2;
  fill: none;
  stroke-linejoin: round;
  stroke-linecap: round;
}
svg.plot circle[class*="series-"], svg.plot rect[class*="series-"], svg.plot polygon[class*="series-"],
svg.plot [class*="series-"] circle, svg.plot [class*="series-"] rect, svg.plot [class*="series-"] polygon { fill: var(--c, currentColor); stroke: none; }
svg.plot path.band, svg.plot polygon.band, svg.plot rect.band,
svg.plot .band path, svg.plot .band polygon, svg.plot .band rect { fill: var(--c, currentColor); fill-opacity: 0.18; stroke: none; }
svg.plot .legend text { fill: var(--fg); }

/* Math */

math { font-family: var(--font-math); font-size: 1.08em; }
math[display="block"] {
  margin: 1.1em 0;
  padding: 0.2em 0;
  max-width: 100%;
  overflow-x: auto;
  overflow-y: hidden;
  text-align: center;
}

/* Verification ledger */

.ledger {
  margin-top: 3rem;
  padding: 1rem 1.25rem;
  border: 1px solid var(--border);
  border-radius: 8px;
  font-size: 0.9rem;
}
.ledger h2 { margin-top: 0; font-size: 1.1rem; border: 0; }
.ledger table { margin-bottom: 0; }
.ledger .pass { color: var(--pass); }
.ledger .fail { color: var(--fail); }

/* Narrow screens: the contents move above the lecture. */

@media (max-width: 60rem) {
  .layout, .layout.with-toc { display: block; padding: 0 1rem; }
  .toc {
    position: static;
    max-height: 45vh;
    margin: 1rem 0 0;
    padding: 0.75rem 1rem;
    border: 1px solid var(--border);
    border-radius: 8px;
  }
  .toc .toc-level-4, .toc .toc-level-5, .toc .toc-level-6 { display: none; }
  main { padding-top: 1.5rem; }
}

@media (max-width: 32rem) {
  body { font-size: 1rem; line-height: 1.6; }
  h1 { font-size: 1.6rem; }
  h2 { font-size: 1.3rem; }
  .site-header { padding: 0.6rem 1rem; }
  pre { padding: 0.7rem 0.75rem; margin-left: -0.25rem; margin-right: -0.25rem; }
  .pager { grid-template-columns: 1fr 1fr; row-gap: 1.25rem; }
  .pager .prev { grid-column: 1; grid-row: 1; }
  .pager .next { grid-column: 2; grid-row: 1; }
  .pager .up { grid-column: 1 / 3; grid-row: 2; }
  .lecture-list li { padding-left: 2.5rem; }
}

/* Print: the light theme (the dark one is for screens only), no navigation,
   nothing cut at page breaks. */

@media print {
  :root {
    --bg: #fff; --fg: #000; --muted: #444; --accent: #000; --border: #bbb; --code-bg: #f4f4f4; --code-fg: #000;
    --grid: #ddd; --pass: #1a7f37; --pass-bg: #fff; --fail: #b00020; --fail-bg: #fff;
  }
  body { font-size: 11pt; line-height: 1.5; }
  .site-header, .toc, .pager, .skip, a.anchor { display: none; }
  .layout, .layout.with-toc { display: block; padding: 0; }
  main { padding: 0; }
  a { color: inherit; text-decoration: none; }
  pre { white-space: pre-wrap; border: 1px solid var(--border); }
  .cell, pre, figure, svg.plot, table, math[display="block"], .check { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  .nb-table, .ledger table, article table { display: table; width: auto; }
  .site-footer { border: 0; }
}

/* Markdown extensions: callouts, figures, GFM tables and task lists (both themes: colours are the theme's variables) */
.markdown-alert { margin: 0 0 1.1em; padding: 0.5em 1em; border-left: 4px solid var(--alert, var(--accent)); background: var(--code-bg); border-radius: 0 4px 4px 0; }
.markdown-alert > :last-child { margin-bottom: 0; }
.markdown-alert-title { font-weight: 600; color: var(--alert, var(--accent)); margin-bottom: 0.3em; }
.markdown-alert-note { --alert: var(--accent); }
.markdown-alert-tip { --alert: var(--pass); }
.markdown-alert-important { --alert: var(--hl-kw); }
.markdown-alert-warning { --alert: var(--hl-esc); }
.markdown-alert-caution { --alert: var(--fail); }
article figure { margin: 0 0 1.1em; text-align: center; }
article figure img { max-width: 100%; height: auto; }
article figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.4em; }
.figure-number { font-weight: 600; }
article li > input[type="checkbox"] { margin: 0 0.4em 0 0; vertical-align: middle; }
article del { color: var(--muted); }
"""#
