import Foundation

/// The course a site belongs to, from `course.yml` at the root of the lectures folder.
///
/// ```yaml
/// title: Machine Learning with Few Labels
/// term: Fall 2024
/// instructor: Zhiting Hu
/// repository: https://github.com/owner/course   # optional: an "Edit" link under each lecture
/// branch: main                                    # the branch to edit (default main)
/// path: lectures                                  # the lectures' folder in the repository (default lectures)
/// print-code: folded                              # full (default), folded or none
/// ```
public struct Course: Equatable, Sendable {
    /// The course title; "Lectures" when the course file does not give one.
    public var title: String
    public var term: String?
    public var instructor: String?
    /// The course's repository on GitHub (or any host with GitHub's `/edit/branch/path` links).
    public var repository: String?
    public var branch = "main"
    /// The lectures' folder inside the repository.
    public var path = "lectures"
    /// How code prints, unless a lecture's front matter says otherwise.
    public var printCode: PrintCode = .full

    /// The address that edits a lecture's source file, when the course names a repository.
    public func editURL(forFile name: String) -> String? {
        guard var base = repository, !base.isEmpty else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix(".git") { base.removeLast(4) }
        let folder = path.split(separator: "/").joined(separator: "/")
        return base + "/edit/" + branch + "/" + (folder.isEmpty ? "" : folder + "/") + name
    }

    public init(title: String = Course.defaultTitle, term: String? = nil, instructor: String? = nil) {
        self.title = title; self.term = term; self.instructor = instructor
    }

    public static let defaultTitle = "Lectures"
    /// The keys a course file may have.
    public static let keys = ["branch", "instructor", "path", "print-code", "repository", "term", "title"]
}

/// Loads `course.yml` from the lectures folder, or the defaults when there is none.
///
/// ```swift
/// let course = try loadCourse(lecturesDirectory: "lectures")
/// // Course(title: "Lectures", term: nil, instructor: nil) without a course file
/// ```
///
/// - Parameter lecturesDirectory: The folder holding the lecture files.
/// - Returns: The course; missing keys take their defaults.
/// - Throws: A `Diagnostic` at `course.yml`'s line and column for invalid YAML, an
///   unknown key (suggesting the nearest known one) or a value that is not text.
func loadCourse(lecturesDirectory: String) throws(Diagnostic) -> Course {
    let path = (lecturesDirectory as NSString).appendingPathComponent("course.yml")
    guard FileManager.default.fileExists(atPath: path) else { return Course() }
    let source: String
    do {
        source = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw Diagnostic(file: path, "cannot read the course file: \(error.localizedDescription)")
    }
    let fields = try YAMLFields.parse(source, file: path, lineOffset: 0, what: "the course file")
    var course = Course()
    for pair in fields.pairs {
        switch pair.key {
        case "title":
            if let title = try fields.text(pair), !title.isEmpty { course.title = title }
        case "term": course.term = try fields.text(pair)
        case "instructor": course.instructor = try fields.text(pair)
        case "repository": course.repository = try fields.text(pair)
        case "branch": if let b = try fields.text(pair), !b.isEmpty { course.branch = b }
        case "path": course.path = try fields.text(pair) ?? ""
        case "print-code":
            course.printCode = try fields.number(pair, "full, folded or none") { PrintCode(rawValue: $0) } ?? .full
        default: throw fields.unknownKey(pair, known: Course.keys, what: "course key")
        }
    }
    return course
}
