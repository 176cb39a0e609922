import CommonMark
import Foundation
import TeXMath

/// Reads and parses the lecture file at `path`, named `file` in diagnostics, pages and ledgers.
func parseLecture(path: String, shownAs file: String) throws(Diagnostics) -> Lecture {
    var lecture = try parseLecture(file: file, reading: path)
    let folder = splitPath(path).folder
    lecture.directory = folder.isEmpty ? "." : String(folder.dropLast())
    return lecture
}

/// Reads and parses one lecture file.
func parseLecture(file: String, reading path: String? = nil) throws(Diagnostics) -> Lecture {
    guard let data = FileManager.default.contents(atPath: path ?? file) else {
        throw Diagnostics([Diagnostic(file: file, "cannot read the file")])
    }
    if data.count > maximumLectureBytes { throw Diagnostics([tooLarge(file, bytes: data.count)]) }
    guard let source = String(validating: data, as: UTF8.self) else {
        let line = invalidUTF8Line(data)
        throw Diagnostics([Diagnostic(file: file, line: line, "the file is not valid UTF-8")])
    }
    return try parseLecture(source: source, file: file)
}

/// Parses a lecture's text; `file` names it in diagnostics.
public func parseLecture(source: String, file: String) throws(Diagnostics) -> Lecture {
    if source.utf8.count > maximumLectureBytes { throw Diagnostics([tooLarge(file, bytes: source.utf8.count)]) }
    let frontMatter: FrontMatter
    let body: String
    do {
        (frontMatter, body) = try splitFrontMatter(source, file: file)
    } catch {
        throw Diagnostics([error])
    }
    let markdown = MarkdownReader.read(body, keepingPunctuationWithMath: true)
    let warnings = markdown.problems.map {
        Diagnostic(file: file, line: $0.line, column: $0.column, severity: .warning, $0.message)
    }
    let macros = Dictionary(uniqueKeysWithValues: frontMatter.macros.map { name, body in
        (name, Macro(arity: frontMatter.macroArity[name] ?? 0, body: body))
    })
    let spans = markdown.math
    var problems: [Diagnostic] = []
    let rendered = MathRenderer(macros: macros).renderDocument(spans.map { ($0.tex, $0.display) })
    var math: [String] = []
    for (span, result) in zip(spans, rendered) {
        switch result {
        case .success(let mathML):
            math.append(mathML)
        case .failure(let error):
            let at = span.sourcePosition(line: error.line, column: error.column)
            problems.append(Diagnostic(file: file, line: at.line, column: at.column, error.message))
            math.append("")
        }
    }
    let document = markdown.document
    // Walkers below may recurse: refuse a document nested past the limit before they run.
    if let deep = markdownNestingProblem(document, file: file) { throw Diagnostics(problems + [deep]) }
    var cells: [Cell] = [], inlines: [InlineExpression] = []
    do {
        (cells, inlines) = try collectCells(in: document, file: file)
    } catch {
        problems += error.items
    }
    if !problems.isEmpty {
        throw Diagnostics(problems.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) })
    }
    let slug = String(splitPath(file).name.dropLast(3))
    var lecture = Lecture(file: file, slug: slug, frontMatter: frontMatter, document: document, cells: cells, inlines: inlines,
                   math: spans, mathML: math)
    lecture.warnings = frontMatter.warnings + warnings
    lecture.headings = lecture.computeHeadings()
    return lecture
}

/// The largest lecture file Lectern reads, in bytes (256 MiB): far beyond any lecture,
/// and well within the 32-bit positions of a parsed document.
let maximumLectureBytes = 256 << 20

private func tooLarge(_ file: String, bytes: Int) -> Diagnostic {
    Diagnostic(file: file, "the file has \(bytes >> 20) MiB; a lecture may have at most \(maximumLectureBytes >> 20) MiB")
}

/// The line of the first byte that is not valid UTF-8.
private func invalidUTF8Line(_ data: Data) -> Int {
    var line = 1
    var start = data.startIndex
    for (i, byte) in data.enumerated() where byte == UInt8(ascii: "\n") {
        if String(validating: data[start..<data.startIndex + i], as: UTF8.self) == nil { return line }
        line += 1
        start = data.startIndex + i + 1
    }
    return line
}
