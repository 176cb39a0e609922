import CommonMark
import Foundation

/// The path the open page long-polls for a new build: `GET /_lectern/events?since=N`
/// answers `{"generation":G,"errors":E}` as soon as build G > N is done (or after a
/// while with the current G, and the page asks again).
let previewEventsPath = "/_lectern/events"

/// The reload script added to every HTML page the preview serves. It is added at
/// serve time only: the files of the site, preview or published, never contain it.
func reloadScript(generation: Int) -> String {
    """
    <script data-lectern-preview>
    (function () {
      var seen = \(generation);
      function poll() {
        fetch("\(previewEventsPath)?since=" + seen, { cache: "no-store" })
          .then(function (r) { return r.json(); })
          .then(function (e) { if (e.generation !== seen) { location.reload(); } else { poll(); } })
          .catch(function () { setTimeout(poll, 1000); });
      }
      poll();
    })();
    </script>

    """
}

/// A banner listing the last build's errors and warnings, HTML-escaped, for the top
/// of a preview page: red when there are errors, amber when there are only warnings.
func errorBanner(_ diagnostics: [Diagnostic]) -> String {
    let shown = diagnostics.filter { $0.severity != .note }
    guard !shown.isEmpty else { return "" }
    let errors = shown.filter { $0.severity == .error }.count
    let warnings = shown.count - errors
    let limit = 50
    // Each diagnostic of a lecture links to that lecture's page.
    var text = shown.prefix(limit).map { d -> String in
        let name = (d.file as NSString).lastPathComponent
        guard name.hasSuffix(".md") else { return escapeHTML(d.description) }
        let page = escapeHTML(String(name.dropLast(3))) + ".html"
        return "<a href=\"/\(page)\" style=\"color:inherit\">\(escapeHTML(d.description))</a>"
    }.joined(separator: "\n")
    if shown.count > limit { text += "\n… and \(shown.count - limit) more" }
    func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
    let heading = [errors > 0 ? count(errors, "error") : nil, warnings > 0 ? count(warnings, "warning") : nil]
        .compactMap { $0 }.joined(separator: ", ") + " in the last build"
    let (id, style) = errors > 0
        ? ("lectern-preview-errors", "background:#fdecea;color:#8a1c1c;border:1px solid #e0a5a5")
        : ("lectern-preview-warnings", "background:#fff4d6;color:#5c4400;border:1px solid #d9b45a")
    return """
        <div id="\(id)" role="\(errors > 0 ? "alert" : "status")" style="\(style);padding:.6rem 1rem;margin:0 0 1rem">
        <strong>Lectern preview: \(heading)</strong>
        <pre style="white-space:pre-wrap;margin:.4rem 0 0">\(text)</pre>
        </div>

        """
}

/// Adds the error banner after `<body>` and the reload script before `</body>`.
///
///     injectPreview(into: "<html><body><p>x</p></body></html>", generation: 3, diagnostics: [])
///     // "<html><body><p>x</p><script data-lectern-preview>…</script>\n</body></html>"
///
/// - Parameters:
///   - html: a page of the site as built.
///   - generation: the build the page comes from; the script reloads on any other.
///   - diagnostics: the last build's diagnostics, shown in a banner when there are errors.
func injectPreview(into html: String, generation: Int, diagnostics: [Diagnostic]) -> String {
    var page = html
    let script = reloadScript(generation: generation)
    if let close = page.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
        page.insert(contentsOf: script, at: close.lowerBound)
    } else {
        page += script
    }
    let banner = errorBanner(diagnostics)
    if !banner.isEmpty {
        if let open = page.range(of: "<body", options: .caseInsensitive),
           let end = page[open.upperBound...].firstIndex(of: ">") {
            page.insert(contentsOf: "\n" + banner, at: page.index(after: end))
        } else {
            page = banner + page
        }
    }
    return page
}

/// The page shown where the site has no page to show: before the first build is
/// done, for a lecture that failed to parse, or when the build could not run at all.
func previewPlaceholder(title: String, message: String, generation: Int, diagnostics: [Diagnostic]) -> String {
    injectPreview(into: """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escapeHTML(title))</title>
        <link rel="stylesheet" href="/style.css">
        </head>
        <body>
        <main>
        <h1>\(escapeHTML(title))</h1>
        <p>\(escapeHTML(message)) <a href="/">Contents</a></p>
        </main>
        </body>
        </html>

        """, generation: generation, diagnostics: diagnostics)
}

/// The file a request path names inside the preview folder, or nil when the path
/// tries to leave it. `/` and folders name their `index.html`.
///
///     previewFile(for: "/01-intro.html", in: "/tmp/p")  // "/tmp/p/01-intro.html"
///     previewFile(for: "/../secret", in: "/tmp/p")      // nil
func previewFile(for requestPath: String, in root: String) -> String? {
    let path = requestPath.removingPercentEncoding ?? requestPath
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        if part == "." { continue }
        if part == ".." || part.contains("\0") || part.hasPrefix(".") { return nil }
        parts.append(part)
    }
    var file = ([root] + parts.map(String.init)).joined(separator: "/")
    if parts.isEmpty || path.hasSuffix("/") { file += "/index.html" }
    return file
}

/// The Content-Type of a file of the site, from its extension.
func contentType(for path: String) -> String {
    switch (path as NSString).pathExtension.lowercased() {
    case "html", "htm": "text/html; charset=utf-8"
    case "css": "text/css; charset=utf-8"
    case "js": "text/javascript; charset=utf-8"
    case "json": "application/json"
    case "svg": "image/svg+xml"
    case "png": "image/png"
    case "jpg", "jpeg": "image/jpeg"
    case "gif": "image/gif"
    case "txt", "md": "text/plain; charset=utf-8"
    default: "application/octet-stream"
    }
}
