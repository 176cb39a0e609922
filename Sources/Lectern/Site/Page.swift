/// The site's one stylesheet: the layout and theme, and the styles of results.
let siteStylesheet = defaultStylesheet + "\n" + resultsStylesheet + "\n" + slidesLinkStylesheet

/// The course and the page and index templates (the author's, or the built-in ones).
struct SiteLayout {
    var course: Course
    var page: Template
    var index: Template

    init(lecturesDirectory: String) throws(Diagnostic) {
        course = try loadCourse(lecturesDirectory: lecturesDirectory)
        page = try loadPageTemplate(lecturesDirectory: lecturesDirectory)
        index = try loadIndexTemplate(lecturesDirectory: lecturesDirectory)
    }

    /// A lecture's page, from its run and decided checks.
    func renderPage(_ build: LectureBuild, previous: Lecture?, next: Lecture?) -> String {
        let lecture = build.lecture
        let title = lecture.title
        let headings = lecture.headings
        let dropped = titleHeading(of: lecture)
        let toc = headings.enumerated()
            .filter { $0.offset != dropped && $0.element.level <= 3 }
            .map { PageContext.TOCEntry(level: $0.element.level, id: $0.element.id, title: $0.element.title) }
        let context = PageContext(
            courseTitle: course.title, title: title, number: lecture.number,
            date: lecture.frontMatter.date, author: lecture.frontMatter.author, summary: lecture.frontMatter.summary,
            seed: build.plan.seed, body: renderBody(lecture, run: build.run, droppingHeading: dropped), toc: toc,
            prev: previous.map { .init(href: "\($0.slug).html", title: $0.title) },
            next: next.map { .init(href: "\($0.slug).html", title: $0.title) },
            root: "", ledger: renderLedger(build.checks),
            slides: lecture.frontMatter.slides ? slidesFileName(lecture) : nil)
        return page.render(context.templateValue)
    }

    func renderIndex(_ lectures: [Lecture]) -> String {
        let entries = lectures.map {
            IndexContext.Entry(href: "\($0.slug).html", number: $0.number, title: $0.title,
                               date: $0.frontMatter.date, summary: $0.frontMatter.summary,
                               slides: $0.frontMatter.slides ? slidesFileName($0) : nil)
        }
        let context = IndexContext(courseTitle: course.title, term: course.term, instructor: course.instructor,
                                   lectures: entries, root: "")
        return index.render(context.templateValue)
    }
}

/// The position among the headings of a first-level heading that repeats the
/// page's title: the layout prints the title itself, so the body leaves it out.
func titleHeading(of lecture: Lecture) -> Int? {
    let headings = lecture.headings
    guard let first = headings.firstIndex(where: { $0.level == 1 }), headings[first].title == lecture.title else { return nil }
    return first
}
