import CommonMark
import Foundation

/// The site's one stylesheet: the layout and theme, and the styles of results.
let siteStylesheet = defaultStylesheet + "\n" + resultsStylesheet + "\n" + slidesLinkStylesheet

/// The course and the page and index templates (the author's, or the built-in ones).
struct SiteLayout {
    var course: Course
    var page: Template
    var index: Template
    /// The compiler's version line, recorded in each ledger's JSON ("" when no cell ran).
    var compilerVersion = ""

    init(lecturesDirectory: String) throws(Diagnostic) {
        course = try loadCourse(lecturesDirectory: lecturesDirectory)
        page = try loadPageTemplate(lecturesDirectory: lecturesDirectory)
        index = try loadIndexTemplate(lecturesDirectory: lecturesDirectory)
    }

    /// Every text file of the lectures' site, by path: the stylesheet, the page
    /// script, the favicon, the index, each lecture's page and ledger JSON, and the
    /// search index.
    ///
    /// - Parameter compiler: the compiler's version line, recorded in each ledger's JSON.
    func siteFiles(_ lectures: [LectureBuild], compiler: String) -> [(path: String, content: String)] {
        var files: [(path: String, content: String)] = [("style.css", siteStylesheet), ("lectern.js", pageScript), ("favicon.svg", favicon)]
        files.append(("index.html", renderIndex(lectures.map(\.lecture))))
        var search: [SearchDocument] = []
        for (i, build) in lectures.enumerated() {
            let lecture = build.lecture
            let previous = i > 0 ? lectures[i - 1].lecture : nil
            let next = i + 1 < lectures.count ? lectures[i + 1].lecture : nil
            let body = renderBody(lecture, run: build.run, droppingHeading: titleHeading(of: lecture))
            files.append(("\(lecture.slug).html", renderPage(build, body: body, previous: previous, next: next,
                                                            all: lectures.map(\.lecture))))
            if !build.checks.isEmpty {
                let source = FileManager.default.contents(atPath: lecture.sourcePath).map { sha256Hex([UInt8]($0)) } ?? ""
                let provenance = LedgerProvenance(seed: build.plan.seed, compiler: compiler, sourceSHA256: source)
                files.append(("\(lecture.slug).checks.json",
                              ledgerJSON(build.checks, lecture: splitPath(lecture.file).name, provenance: provenance)))
            }
            search.append(searchDocument(lecture, body: body, checks: build.checks))
        }
        files.append(("search-index.js", searchIndexScript(search)))
        return files
    }

    /// A lecture's page, from its run and decided checks, with the course's lectures in its sidebar.
    func renderPage(_ build: LectureBuild, body: String, previous: Lecture?, next: Lecture?, all: [Lecture]) -> String {
        let lecture = build.lecture, checks = build.checks
        let dropped = titleHeading(of: lecture)
        var toc = lecture.headings.enumerated()
            .filter { $0.offset != dropped && $0.element.level <= 3 }
            .map { PageContext.TOCEntry(level: $0.element.level, id: $0.element.id, title: $0.element.title) }
        if !checks.isEmpty { toc.append(.init(level: 2, id: "lectern-ledger", title: "Verification")) }
        let json = "\(lecture.slug).checks.json"
        var context = PageContext(
            courseTitle: course.title, title: lecture.title, number: lecture.number,
            date: lecture.frontMatter.date, author: lecture.frontMatter.author, summary: lecture.frontMatter.summary,
            seed: build.plan.seed, body: body, toc: toc,
            prev: previous.map { .init(href: hrefPath("\($0.slug).html"), title: $0.title) },
            next: next.map { .init(href: hrefPath("\($0.slug).html"), title: $0.title) },
            root: "", ledger: renderLedger(checks, json: json),
            slides: lecture.frontMatter.slides ? hrefPath(slidesFileName(lecture)) : nil)
        context.lectures = all.map {
            .init(href: hrefPath("\($0.slug).html"), number: $0.number, title: $0.title, current: $0.slug == lecture.slug)
        }
        context.editURL = course.editURL(forFile: splitPath(lecture.file).name)
        context.printCode = lecture.frontMatter.printCode ?? course.printCode
        return page.render(context.templateValue)
    }

    func renderIndex(_ lectures: [Lecture]) -> String {
        let entries = lectures.map {
            IndexContext.Entry(href: hrefPath("\($0.slug).html"), number: $0.number, title: $0.title,
                               date: $0.frontMatter.date, summary: $0.frontMatter.summary,
                               slides: $0.frontMatter.slides ? hrefPath(slidesFileName($0)) : nil)
        }
        let context = IndexContext(courseTitle: course.title, term: course.term, instructor: course.instructor,
                                   lectures: entries, root: "")
        return index.render(context.templateValue)
    }
}

/// The position among the headings of a first-level heading that repeats the
/// page's title: the layout prints the title itself, so the body leaves it out.
func titleHeading(of lecture: Lecture) -> Int? {
    // Only the page's first block, and only when it says the title.
    guard let first = lecture.document.children.first, first.type == .heading,
          let heading = lecture.headings.first, heading.title == lecture.title else { return nil }
    return 0
}

/// The site's icon: an open book in the accent colour.
let favicon = """
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0a58a8"/>\
<path d="M6 9c4-1.5 7-1 10 1 3-2 6-2.5 10-1v14c-4-1.5-7-1-10 1-3-2-6-2.5-10-1z" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>\
<path d="M16 10v14" stroke="#fff" stroke-width="2"/></svg>

"""
