/// The site's one stylesheet, written to `style.css` at the site root.
///
/// Light and dark themes come from custom properties on `:root` (`--fg`, `--bg`,
/// `--accent`, `--muted`, `--border`, `--code-bg`, `--pass`, `--pass-bg`, `--fail`,
/// `--fail-bg`, `--grid`, `--series-1` … `--series-6`, `--font-text`, `--font-code`,
/// `--font-math`), so plots and check badges follow the theme too. The dark theme
/// follows the reader's system setting unless the page script's switch chose one
/// (`<html data-theme="light|dark">`). One web font, the math font the site
/// ships under `fonts/`; no external resources.
///
/// ```swift
/// try defaultStylesheet.write(toFile: "site/style.css", atomically: true, encoding: .utf8)
/// ```
public let defaultStylesheet = #"""
/* Lectern course site */

/* The math font ships with the site (fonts/, with its licence), so formulas
   look the same on every system. */
@font-face {
  font-family: "Latin Modern Math";
  src: url("fonts/latinmodern-math.woff2") format("woff2");
  font-display: swap;
}

:root {
  --bg: #fdfdfb;
  --fg: #1d2126;
  --muted: #565f69;
  --accent: #0a58a8;
  --accent-soft: #e3eefa;
  --border: #d9dee3;
  --code-bg: #f3f4f6;
  --code-fg: #1d2126;
  --pass: #116329;
  --pass-bg: #e6f4ea;
  --fail: #b3261e;
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
  --hl-com: #57606a;
  --hl-attr: #805200;
  --font-text: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  --font-code: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  --font-math: "Latin Modern Math", math;
}

@media screen and (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) {
\#(darkTheme)
  }
}
@media screen {
  :root[data-theme="dark"] {
\#(darkTheme)
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
.nobr { white-space: nowrap; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; border: 0;
}

/* Heading anchors: shown when the heading is hovered or the anchor focused. */
a.anchor {
  margin-left: 0.35em;
  color: var(--muted);
  text-decoration: none;
  font-weight: 400;
  opacity: 0;
}
h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor,
h5:hover a.anchor, h6:hover a.anchor, a.anchor:focus { opacity: 1; }
a.anchor:hover { color: var(--accent); }
@media (hover: none) { a.anchor { opacity: 1; } }

/* Page frame */

.skip { position: absolute; left: -999px; top: 0.5rem; padding: 0.4em 0.8em; background: var(--bg); z-index: 2; }
.skip:focus { left: 0.5rem; }

.site-header {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 0.5rem 1rem;
  border-bottom: 1px solid var(--border);
  padding: 0.6rem 1.25rem;
  font-size: 0.9rem;
}
.site-title { font-weight: 600; text-decoration: none; }
.site-title:hover { text-decoration: underline; }
.site-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; position: relative; }
.site-tools:empty { display: none; }
.theme-switch, .search input {
  font: inherit;
  color: var(--fg);
  background: var(--bg);
  border: 1px solid var(--muted);
  border-radius: 6px;
  padding: 0.25em 0.6em;
}
.search input { width: 14rem; max-width: 60vw; }
.theme-switch { cursor: pointer; }

.search-results {
  position: absolute;
  right: 0;
  top: 2.4rem;
  z-index: 3;
  width: min(32rem, calc(100vw - 2rem));
  max-height: 70vh;
  overflow-y: auto;
  padding: 0.5rem 0.9rem;
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 8px;
  box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
}
.search-results p { margin: 0.2em 0 0.4em; color: var(--muted); }
.search-results ol { list-style: none; margin: 0; padding: 0; }
.search-results li { margin: 0; padding: 0.45em 0; border-top: 1px solid var(--border); }
.search-results a { font-weight: 600; }
.search-results span { display: block; color: var(--muted); font-size: 0.85rem; }

.layout {
  display: grid;
  grid-template-columns: 15rem minmax(0, 43rem);
  justify-content: center;
  gap: 3rem;
  padding: 0 1.25rem;
}
main { min-width: 0; padding: 2rem 0 3rem; }
body.index main { max-width: 43rem; margin: 0 auto; padding: 3rem 1.25rem; }

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
.edit-source { margin-top: 2rem; font-size: 0.9rem; }
.lecture-links { margin: 0.5em 0 0; font-size: 0.9rem; }
.slides-link { font-weight: 600; }

.site-footer {
  border-top: 1px solid var(--border);
  color: var(--muted);
  font-size: 0.85rem;
  text-align: center;
  padding: 1.5rem 1.25rem 2rem;
}
.site-footer p { margin: 0; }

/* Sidebar: the course's lectures and this page's contents. */

.sidebar {
  position: sticky;
  top: 0;
  align-self: start;
  max-height: 100vh;
  overflow-y: auto;
  padding: 1.6rem 0.5rem 2rem 0;
  font-size: 0.875rem;
  line-height: 1.4;
}
.side-block + .side-block { margin-top: 1.5rem; }
.side-block summary {
  cursor: pointer;
  font-size: 0.75rem;
  font-weight: 600;
  letter-spacing: 0.08em;
  text-transform: uppercase;
  color: var(--muted);
  margin-bottom: 0.5em;
}
.side-block ol { list-style: none; margin: 0; padding: 0; }
.side-block li { margin: 0; }
.side-block a {
  display: block;
  padding: 0.22em 0 0.22em 0.75em;
  border-left: 2px solid var(--border);
  color: var(--fg);
  text-decoration: none;
}
.side-block a:hover { color: var(--accent); border-left-color: var(--accent); }
.side-block a[aria-current] { color: var(--accent); border-left-color: var(--accent); font-weight: 600; }
.lecture-no { color: var(--muted); font-variant-numeric: tabular-nums; }
.toc .toc-level-2 a { font-weight: 500; }
.toc .toc-level-3 a { padding-left: 1.6em; color: var(--muted); }
.toc .toc-level-3 a[aria-current] { color: var(--accent); }

/* Previous / next: two halves. */

.pager {
  display: grid;
  grid-template-columns: 1fr 1fr;
  gap: 1rem;
  margin-top: 3rem;
  padding-top: 1.25rem;
  border-top: 1px solid var(--border);
}
.pager a { display: flex; flex-direction: column; text-decoration: none; min-width: 0; overflow-wrap: normal; hyphens: none; }
.pager .prev { grid-column: 1; }
.pager .next { grid-column: 2; text-align: right; }
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

/* Code: a 72-character line fits the column with the common monospace fonts. */

code, kbd, samp, pre { font-family: var(--font-code); font-size: 0.85em; }
:not(pre) > code {
  background: var(--code-bg);
  padding: 0.1em 0.3em;
  border-radius: 4px;
}
pre {
  background: var(--code-bg);
  color: var(--code-fg);
  padding: 0.85rem 0.9rem;
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
code .attr, code .dir { color: var(--hl-attr); }
code .num { color: var(--hl-num); }
code .com { color: var(--hl-com); font-style: italic; }
code .com.doc { font-style: normal; }

.code-wrap { position: relative; }
.code-wrap .copy {
  position: absolute;
  top: 0.35rem;
  right: 0.35rem;
  font: inherit;
  font-size: 0.75rem;
  color: var(--fg);
  background: var(--bg);
  border: 1px solid var(--muted);
  border-radius: 4px;
  padding: 0.1em 0.5em;
  cursor: pointer;
  opacity: 0;
}
.code-wrap:hover .copy, .code-wrap .copy:focus { opacity: 1; }
@media (hover: none) { .code-wrap .copy { opacity: 1; } }

/* Cells */

.cell { margin: 1.5em 0; }
.cell > * { margin-top: 0; margin-bottom: 0; }
.cell > * + * { margin-top: 0.5rem; }
pre.cell-code { margin: 0; border-left: 3px solid var(--accent); }
pre.code-block { border-left: 3px solid var(--border); }
pre.cell-output {
  margin: 0;
  background: transparent;
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 0.6rem 0.9rem;
}
pre.cell-stderr { color: var(--muted); border-style: dashed; }
/* A text output scrolls in a box the keyboard can reach; the <pre> grows with its longest line. */
.output-scroll { max-width: 100%; overflow-x: auto; }
.output-scroll > pre { overflow: visible; width: max-content; min-width: 100%; }
.cell-note { color: var(--muted); font-size: 0.9rem; font-style: italic; }
pre.cell-error {
  color: var(--fail);
  background: var(--fail-bg);
  border: 0;
  border-left: 3px solid var(--fail);
  border-radius: 6px;
  padding: 0.6rem 1rem;
  white-space: pre-wrap;
}
pre.cell-expected-error { color: var(--fg); background: var(--code-bg); border-left-color: var(--muted); }
.inline-value { font-variant-numeric: tabular-nums; }
details.cell-fold > summary {
  cursor: pointer;
  font-family: var(--font-code);
  font-size: 0.85em;
  color: var(--muted);
  padding: 0.4rem 0.9rem;
  background: var(--code-bg);
  border-left: 3px solid var(--accent);
  border-radius: 6px;
}
details.cell-fold[open] > summary { border-bottom-left-radius: 0; border-bottom-right-radius: 0; }
details.cell-fold > pre.cell-code { border-top-left-radius: 0; border-top-right-radius: 0; }

/* Math */

math { font-family: var(--font-math); font-size: 1.1em; }
.math-display {
  display: block;
  max-width: 100%;
  overflow-x: auto;
  overflow-y: hidden;
  margin: 1.1em 0;
  padding: 0.2em 0;
}
.math-display math { margin: 0; }
.math-wide {
  display: inline-block;
  max-width: calc(100% - 0.75em);
  overflow-x: auto;
  overflow-y: hidden;
  vertical-align: middle;
}

/* Narrow screens: one column; the sidebar folds above the lecture. */

@media (max-width: 64rem) {
  .layout { display: block; padding: 0 1rem; }
  .sidebar {
    position: static;
    max-height: none;
    overflow: visible;
    margin: 1rem 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .side-block { flex: 1 1 12rem; border: 1px solid var(--border); border-radius: 8px; padding: 0.5rem 0.8rem; }
  .side-block + .side-block { margin-top: 0; }
  .side-block summary { margin: 0; }
  .side-block[open] summary { margin-bottom: 0.5em; }
  main { padding-top: 1.5rem; }
}

@media (max-width: 32rem) {
  body { font-size: 1rem; line-height: 1.6; }
  h1 { font-size: 1.6rem; }
  h2 { font-size: 1.3rem; }
  .site-header { padding: 0.5rem 1rem; }
  .search input { width: 9rem; }
  pre { padding: 0.7rem 0.75rem; }
  .lecture-list li { padding-left: 2.5rem; }
}

/* Print: the light theme, no navigation, no scrollbars, nothing cut at page
   breaks, headings kept with what follows; code as the course chooses. */

@media print {
  :root {
    --bg: #fff; --fg: #000; --muted: #444; --accent: #000; --border: #bbb; --code-bg: #f4f4f4; --code-fg: #000;
    --grid: #ddd; --pass: #116329; --pass-bg: #fff; --fail: #b00020; --fail-bg: #fff;
  }
  body { font-size: 10.5pt; line-height: 1.45; }
  .site-header, .sidebar, .pager, .skip, a.anchor, .edit-source, .code-wrap .copy { display: none; }
  .layout { display: block; padding: 0; }
  main { padding: 0; }
  a { color: inherit; text-decoration: none; }
  pre { white-space: pre-wrap; overflow: visible; border: 1px solid var(--border); }
  .math-display, .lectern-scroll { overflow: visible; }
  .cell-output, figure, svg, table, .math-display, details.lectern-check { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; break-inside: avoid; }
  h2 + *, h3 + *, h4 + * { break-before: avoid; }
  [data-print-code="folded"] pre.cell-code { max-height: 7.6em; overflow: hidden; position: relative; }
  [data-print-code="folded"] pre.cell-code::after {
    content: "…"; position: absolute; left: 0.9rem; bottom: 0.1rem;
  }
  [data-print-code="none"] pre.cell-code, [data-print-code="none"] details.cell-fold { display: none; }
  details.cell-fold:not([open]) > pre.cell-code { display: none; }
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

/// The dark theme's values, used both for the system's dark mode and for the
/// reader's explicit choice.
let darkTheme = """
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
    --hl-com: #9aa5b1;
    --hl-attr: #fd9f58;
"""
