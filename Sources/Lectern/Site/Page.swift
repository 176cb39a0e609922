import CommonMark

/// A lecture's title: its first heading, or its file name.
func title(of lecture: Lecture) -> String {
    var found: String?
    lecture.document.forEach { node in
        if found == nil, case .heading = node.kind { found = node.plainText }
    }
    return found ?? lecture.slug
}

func renderPage(_ lecture: Lecture, run: LectureRun, previous: Lecture?, next: Lecture?) -> String {
    var nav = "<nav class=\"pager\"><a href=\"index.html\">Contents</a>"
    if let previous { nav += " <a rel=\"prev\" href=\"\(previous.slug).html\">← \(escapeHTML(title(of: previous)))</a>" }
    if let next { nav += " <a rel=\"next\" href=\"\(next.slug).html\">\(escapeHTML(title(of: next))) →</a>" }
    nav += "</nav>\n"
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title(of: lecture)))</title>
        <link rel="stylesheet" href="style.css">
        </head>
        <body>
        \(nav)<main>
        \(renderBody(lecture, run: run))</main>
        \(nav)</body>
        </html>

        """
}

func renderIndex(_ lectures: [Lecture]) -> String {
    var items = ""
    for lecture in lectures {
        items += "<li><a href=\"\(lecture.slug).html\">\(escapeHTML(title(of: lecture)))</a></li>\n"
    }
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Course</title>
        <link rel="stylesheet" href="style.css">
        </head>
        <body>
        <main>
        <h1>Lectures</h1>
        <ol class="toc">
        \(items)</ol>
        </main>
        </body>
        </html>

        """
}

let pageStylesheet = """
    body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; }
    pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; }
    .cell-error { background: #fdecea; color: #8a1c1c; }

    """
