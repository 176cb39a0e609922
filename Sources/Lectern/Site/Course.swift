import Foundation

/// The course a site belongs to, from `course.yml` at the root of the lectures folder.
///
/// ```yaml
/// title: Machine Learning with Few Labels
/// term: Fall 2024
/// instructor: Zhiting Hu
/// ```
public struct Course: Equatable, Sendable {
    /// The course title; "Lectures" when the course file does not give one.
    public var title: String
    public var term: String?
    public var instructor: String?

    public init(title: String = Course.defaultTitle, term: String? = nil, instructor: String? = nil) {
        self.title = title; self.term = term; self.instructor = instructor
    }

    public static let defaultTitle = "Lectures"
    /// The keys a course file may have.
    public static let keys = ["instructor", "term", "title"]
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
        default: throw fields.unknownKey(pair, known: Course.keys, what: "course key")
        }
    }
    return course
}
