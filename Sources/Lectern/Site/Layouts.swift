import Foundation

/// What a lecture page shows; `templateValue` is what its template sees.
///
/// Template names: `course_title`, `title`, `number`, `date`, `author`, `summary`,
/// `seed`, `body` (HTML), `toc` (list of `level`, `id`, `title`; `title` is plain
/// text), `has_toc`, `prev` and `next` (`href`, `title`; absent at the ends),
/// `root` (the relative prefix back to the site root, "" at the root, else "../"…),
/// `ledger` (HTML for the inside of the verification section; empty hides it),
/// `lectures` (the course's lectures: `href`, `number`, `title`, `current` for this page),
/// `edit_url` (the source on the course's repository, when `course.yml` names one),
/// `print_code` (`full`, `folded` or `none`: how code prints).
/// `slides` (the lecture's slides, relative to the page; absent when it has none).
public struct PageContext: Equatable, Sendable {
    /// One heading in the contents sidebar; `title` is plain text (it is escaped).
    public struct TOCEntry: Equatable, Sendable {
        public var level: Int, id: String, title: String
        public init(level: Int, id: String, title: String) { self.level = level; self.id = id; self.title = title }
    }
    /// A link to another lecture, relative to this page.
    public struct Link: Equatable, Sendable {
        public var href: String, title: String
        public init(href: String, title: String) { self.href = href; self.title = title }
    }

    public var courseTitle: String
    public var title: String
    public var number: Int?
    public var date: String?
    public var author: String?
    public var summary: String?
    public var seed: UInt64?
    public var body: String
    public var toc: [TOCEntry]
    public var prev: Link?
    public var next: Link?
    public var root: String
    public var ledger: String
    /// The course's lectures, for the sidebar; `current` marks this page.
    public var lectures: [LectureLink] = []
    public var editURL: String?
    public var printCode: PrintCode = .full

    /// One lecture in the sidebar; `href` is relative to this page.
    public struct LectureLink: Equatable, Sendable {
        public var href: String, number: Int?, title: String, current: Bool
        public init(href: String, number: Int? = nil, title: String, current: Bool = false) {
            self.href = href; self.number = number; self.title = title; self.current = current
        }
    }
    public var slides: String?

    public init(courseTitle: String, title: String, number: Int? = nil, date: String? = nil, author: String? = nil,
                summary: String? = nil, seed: UInt64? = nil, body: String, toc: [TOCEntry] = [],
                prev: Link? = nil, next: Link? = nil, root: String = "", ledger: String = "", slides: String? = nil) {
        self.slides = slides
        self.courseTitle = courseTitle; self.title = title; self.number = number; self.date = date
        self.author = author; self.summary = summary; self.seed = seed; self.body = body; self.toc = toc
        self.prev = prev; self.next = next; self.root = root; self.ledger = ledger
    }

    /// The names a page template may use.
    public static let names: Set<String> = [
        "course_title", "title", "number", "date", "author", "summary", "seed", "body", "toc", "has_toc",
        "level", "id", "href", "prev", "next", "root", "ledger", "lectures", "has_lectures", "current", "edit_url", "print_code",
        "slides",
    ]

    /// The page as template values; optional fields that are nil are left out.
    public var templateValue: TemplateValue {
        var v: [String: TemplateValue] = [
            "course_title": .text(courseTitle), "title": .text(title), "body": .text(body),
            "root": .text(root), "ledger": .text(ledger), "has_toc": .bool(!toc.isEmpty),
            "toc": .list(toc.map { .object(["level": .text(String($0.level)), "id": .text($0.id), "title": .text($0.title)]) }),
        ]
        if let number { v["number"] = .text(String(number)) }
        if let date { v["date"] = .text(date) }
        if let author { v["author"] = .text(author) }
        if let summary { v["summary"] = .text(summary) }
        if let seed { v["seed"] = .text(String(seed)) }
        if let prev { v["prev"] = .object(["href": .text(prev.href), "title": .text(prev.title)]) }
        if let next { v["next"] = .object(["href": .text(next.href), "title": .text(next.title)]) }
        v["lectures"] = .list(lectures.map { l in
            var o: [String: TemplateValue] = ["href": .text(l.href), "title": .text(l.title), "current": .bool(l.current)]
            if let n = l.number { o["number"] = .text(String(n)) }
            return .object(o)
        })
        v["has_lectures"] = .bool(!lectures.isEmpty)
        if let editURL { v["edit_url"] = .text(editURL) }
        v["print_code"] = .text(printCode.rawValue)
        if let slides { v["slides"] = .text(slides) }
        return .object(v)
    }
}

/// What the index page shows; `templateValue` is what its template sees.
///
/// Template names: `course_title`, `term`, `instructor`, `root`, `has_lectures`,
/// `lectures` (list of `href`, `number`, `title`, `date`, `summary`, `slides`).
public struct IndexContext: Equatable, Sendable {
    /// One lecture in the index; `href` is relative to the index page.
    public struct Entry: Equatable, Sendable {
        public var href: String, number: Int?, title: String, date: String?, summary: String?
        /// The lecture's slides, relative to the index; nil when it has none.
        public var slides: String?
        public init(href: String, number: Int? = nil, title: String, date: String? = nil, summary: String? = nil,
                    slides: String? = nil) {
            self.slides = slides
            self.href = href; self.number = number; self.title = title; self.date = date; self.summary = summary
        }
    }
    public var courseTitle: String
    public var term: String?
    public var instructor: String?
    public var lectures: [Entry]
    public var root: String

    public init(courseTitle: String, term: String? = nil, instructor: String? = nil, lectures: [Entry], root: String = "") {
        self.courseTitle = courseTitle; self.term = term; self.instructor = instructor
        self.lectures = lectures; self.root = root
    }

    /// The names an index template may use.
    public static let names: Set<String> = [
        "course_title", "term", "instructor", "root", "has_lectures", "lectures", "href", "number", "title", "date", "summary", "slides",
    ]

    /// The index as template values; optional fields that are nil are left out.
    public var templateValue: TemplateValue {
        var v: [String: TemplateValue] = [
            "course_title": .text(courseTitle), "root": .text(root), "has_lectures": .bool(!lectures.isEmpty),
            "lectures": .list(lectures.map { e in
                var o: [String: TemplateValue] = ["href": .text(e.href), "title": .text(e.title)]
                if let n = e.number { o["number"] = .text(String(n)) }
                if let d = e.date { o["date"] = .text(d) }
                if let s = e.summary { o["summary"] = .text(s) }
                if let s = e.slides { o["slides"] = .text(s) }
                return .object(o)
            }),
        ]
        if let term { v["term"] = .text(term) }
        if let instructor { v["instructor"] = .text(instructor) }
        return .object(v)
    }
}

/// Loads the lecture page template: `_page.html` in the lectures folder when present,
/// else the built-in `defaultPageTemplate`.
///
/// - Parameter lecturesDirectory: The folder holding the lecture files.
/// - Throws: A `Diagnostic` naming `_page.html` when it cannot be read or parsed,
///   or uses a name a page does not provide.
func loadPageTemplate(lecturesDirectory: String) throws(Diagnostic) -> Template {
    try loadTemplate(lecturesDirectory, "_page.html", default: defaultPageTemplate, names: PageContext.names)
}

/// Loads the index template: `_index.html` in the lectures folder when present,
/// else the built-in `defaultIndexTemplate`.
///
/// - Parameter lecturesDirectory: The folder holding the lecture files.
/// - Throws: A `Diagnostic` naming `_index.html` when it cannot be read or parsed,
///   or uses a name the index does not provide.
func loadIndexTemplate(lecturesDirectory: String) throws(Diagnostic) -> Template {
    try loadTemplate(lecturesDirectory, "_index.html", default: defaultIndexTemplate, names: IndexContext.names)
}

func loadTemplate(_ directory: String, _ name: String, default builtIn: String, names: Set<String>) throws(Diagnostic) -> Template {
    let path = (directory as NSString).appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: path) else {
        return try Template(builtIn, file: "<built-in \(name)>", knownNames: names)
    }
    let source: String
    do {
        source = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw Diagnostic(file: path, "cannot read the template: \(error.localizedDescription)")
    }
    return try Template(source, file: path, knownNames: names)
}

/// The lines every page's `<head>` shares: the stylesheet, the favicon, the
/// reader's saved theme applied before the page paints, and the page script
/// (search, theme switch, copy buttons, contents highlighting; all optional).
let headCommon = """
<link rel="stylesheet" href="{{root}}style.css">
<link rel="icon" href="{{root}}favicon.svg" type="image/svg+xml">
<script>try{var t=localStorage.getItem("lectern-theme");if(t==="light"||t==="dark"){document.documentElement.dataset.theme=t;document.documentElement.style.colorScheme=t}}catch(e){}</script>
<script src="{{root}}search-index.js" defer></script>
<script src="{{root}}lectern.js" defer></script>
"""

/// The site header every page shares: the course's title, and the places the
/// page script fills with the search box and the theme switch.
let siteHeader = """
<header class="site-header">
<a class="site-title" href="{{root}}index.html">{{course_title}}</a>
<div class="site-tools" id="lectern-tools" data-root="{{root}}"></div>
</header>
"""

/// The built-in layout of a lecture page (see `PageContext` for its names).
let defaultPageTemplate = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{title}} · {{course_title}}</title>
{{#summary}}
<meta name="description" content="{{summary}}">
{{/summary}}
\(headCommon)
</head>
<body data-print-code="{{print_code}}">
<a class="skip" href="#lectern-content">Skip to the lecture</a>
\(siteHeader)
<div class="layout">
<aside class="sidebar">
{{#has_lectures}}
<details class="side-block">
<summary>Lectures</summary>
<nav aria-label="Lectures">
<ol>
{{#lectures}}
<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{#number}}<span class="lecture-no">{{number}}</span> {{/number}}{{title}}</a></li>
{{/lectures}}
</ol>
</nav>
</details>
{{/has_lectures}}
{{#has_toc}}
<details class="side-block toc">
<summary>On this page</summary>
<nav aria-label="On this page">
<ol>
{{#toc}}
<li class="toc-level-{{level}}"><a href="#{{id}}">{{title}}</a></li>
{{/toc}}
</ol>
</nav>
</details>
{{/has_toc}}
</aside>
<main id="lectern-content">
<article>
<header class="lecture-header">
{{#number}}
<p class="lecture-number">Lecture {{number}}</p>
{{/number}}
<h1>{{title}}</h1>
<p class="byline">{{#author}}<span class="author">{{author}}</span>{{/author}}{{#date}}<span class="date">{{date}}</span>{{/date}}</p>
{{#summary}}
<p class="summary">{{summary}}</p>
{{/summary}}
{{#slides}}
<p class="lecture-links"><a class="slides-link" href="{{slides}}">Slides</a></p>
{{/slides}}
</header>
{{{body}}}
</article>
{{#ledger}}
<section class="ledger" id="lectern-ledger" aria-labelledby="lectern-ledger-title">
<h2 id="lectern-ledger-title">Verification</h2>
{{{ledger}}}
</section>
{{/ledger}}
{{#edit_url}}
<p class="edit-source"><a href="{{edit_url}}">Edit this lecture’s source</a></p>
{{/edit_url}}
<nav class="pager" aria-label="Previous and next lecture">
{{#prev}}
<a class="prev" rel="prev" href="{{href}}"><span class="pager-label">Previous</span><span class="pager-title">{{title}}</span></a>
{{/prev}}
{{#next}}
<a class="next" rel="next" href="{{href}}"><span class="pager-label">Next</span><span class="pager-title">{{title}}</span></a>
{{/next}}
</nav>
</main>
</div>
<footer class="site-footer">
<p>{{course_title}}{{#seed}} · results computed with seed {{seed}}{{/seed}} · built with Lectern</p>
</footer>
</body>
</html>

"""

/// The built-in layout of the index page (see `IndexContext` for its names).
let defaultIndexTemplate = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{course_title}}</title>
\(headCommon)
</head>
<body class="index">
<a class="skip" href="#lectern-content">Skip to the lectures</a>
\(siteHeader)
<main id="lectern-content">
<header class="course-header">
<h1>{{course_title}}</h1>
<p class="byline">{{#instructor}}<span class="author">{{instructor}}</span>{{/instructor}}{{#term}}<span class="date">{{term}}</span>{{/term}}</p>
</header>
<h2>Lectures</h2>
{{#has_lectures}}
<ol class="lecture-list">
{{#lectures}}
<li>
<a href="{{href}}">{{#number}}<span class="lecture-number">{{number}}</span>{{/number}}<span class="lecture-title">{{title}}</span></a>
{{#date}}
<span class="date">{{date}}</span>
{{/date}}
{{#summary}}
<p class="summary">{{summary}}</p>
{{/summary}}
{{#slides}}
<a class="slides-link" href="{{slides}}">Slides</a>
{{/slides}}
</li>
{{/lectures}}
</ol>
{{/has_lectures}}
{{^has_lectures}}
<p>No lectures yet.</p>
{{/has_lectures}}
</main>
<footer class="site-footer">
<p>{{course_title}} · built with Lectern</p>
</footer>
</body>
</html>

"""
