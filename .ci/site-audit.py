#!/usr/bin/env python3
"""Audits a built site in headless Chromium: every page, light and dark, at
1280, 390 and 320 px wide.

- axe-core (the copy bundled with the PyPI package axe-selenium-python) must
  report no WCAG 2.0/2.1/2.2 A or AA violation;
- no page may be wider than the viewport (the page must not slide sideways);
- with --shots DIR, full-page screenshots and a PDF of each page are saved.

Usage: site-audit.py SITE_DIR [--shots DIR] [--pages a.html,b.html]
Needs: chromium and chromium-driver (Debian), selenium and axe-selenium-python (PyPI).
Exits 1 when anything is found, listing it.
"""
import argparse
import base64
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
import axe_selenium_python

AXE = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def driver():
    options = Options()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--allow-file-access-from-files", "--hide-scrollbars=false"]:
        options.add_argument(arg)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    return webdriver.Chrome(options=options, service=service)


def emulate(d, width, scheme):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    d.execute_cdp_cmd("Emulation.setEmulatedMedia",
                      {"media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--shots")
    ap.add_argument("--pages")
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    pages = args.pages.split(",") if args.pages else sorted(p for p in os.listdir(site) if p.endswith(".html"))
    with open(AXE, encoding="utf8") as f:
        axe = f.read()
    if args.shots:
        os.makedirs(args.shots, exist_ok=True)
    d = driver()
    problems = []
    checked = 0
    start = time.time()
    try:
        for page in pages:
            url = "file://" + os.path.join(site, page)
            for scheme in ["light", "dark"]:
                for width in [1280, 390, 320]:
                    emulate(d, width, scheme)
                    d.get(url)
                    where = f"{page} {scheme} {width}px"
                    sw = d.execute_script("return document.documentElement.scrollWidth")
                    if sw > width:
                        wide = d.execute_script("""
                          const w = document.documentElement.clientWidth, out = [];
                          const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                            const o = getComputedStyle(a).overflowX; if (o !== 'visible') return true; } return false; };
                          for (const e of document.querySelectorAll('body *')) {
                            const r = e.getBoundingClientRect();
                            if (r.right > w + 0.5 && out.length < 5 && !clipped(e))
                              out.push(e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(r.right) + ' ' + (e.textContent || '').trim().slice(0, 40));
                          }
                          return out;""")
                        problems.append(f"{where}: page is {sw} px wide: {wide}")
                    if width != 320:
                        d.execute_script(axe)
                        result = d.execute_async_script(
                            "const done = arguments[arguments.length - 1];"
                            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(done);", TAGS)
                        for v in result["violations"]:
                            targets = [" ".join(n["target"]) for n in v["nodes"][:3]]
                            problems.append(f"{where}: {v['id']} ({len(v['nodes'])}): {v['help']}: {targets}")
                        checked += 1
                    if args.shots and width != 320:
                        stem = os.path.join(args.shots, f"{page[:-5]}-{width}-{scheme}")
                        shot = d.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
                        with open(stem + ".png", "wb") as f:
                            f.write(base64.b64decode(shot["data"]))
            if args.shots:
                emulate(d, 1280, "light")
                d.get(url)
                pdf = d.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
                with open(os.path.join(args.shots, page[:-5] + ".pdf"), "wb") as f:
                    f.write(base64.b64decode(pdf["data"]))
    finally:
        d.quit()
    for p in problems:
        print(p)
    print(f"site audit: {len(pages)} pages, {checked} axe runs, {len(problems)} problems, {time.time() - start:.1f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
