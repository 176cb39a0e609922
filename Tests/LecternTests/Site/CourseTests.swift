import Foundation
import Testing
@testable import Lectern

/// A fresh lectures folder, optionally with a course file; removed by the caller.
private func lecturesFolder(course: String?) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-course-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    if let course {
        try course.write(to: dir.appendingPathComponent("course.yml"), atomically: true, encoding: .utf8)
    }
    return dir
}

private func load(_ course: String?) throws -> (Result<Course, Diagnostic>, String) {
    let dir = try lecturesFolder(course: course)
    defer { try? FileManager.default.removeItem(at: dir) }
    let result: Result<Course, Diagnostic>
    do { result = .success(try loadCourse(lecturesDirectory: dir.path)) } catch { result = .failure(error) }
    return (result, dir.appendingPathComponent("course.yml").path)
}

@Suite struct CourseTests {
    @Test func defaultsWithoutACourseFile() throws {
        let (result, _) = try load(nil)
        #expect(try result.get() == Course(title: "Lectures", term: nil, instructor: nil))
    }

    @Test func readsEveryKey() throws {
        let (result, _) = try load("# the course\ntitle: 'DSC190: Machine Learning with Few Labels'\nterm: Fall 2024\ninstructor: Zhiting Hu\n")
        #expect(try result.get() == Course(title: "DSC190: Machine Learning with Few Labels", term: "Fall 2024", instructor: "Zhiting Hu"))
    }

    @Test func missingKeysAndEmptyFileTakeDefaults() throws {
        #expect(try load("term: Spring\n").0.get() == Course(title: "Lectures", term: "Spring"))
        #expect(try load("").0.get() == Course())
        #expect(try load("title:\n").0.get().title == "Lectures")
    }

    @Test func unknownKeyIsAnErrorAtItsLine() throws {
        let (result, path) = try load("title: T\n\nteacher: Z\n")
        #expect(throws: Diagnostic(file: path, line: 3, column: 1, "unknown course key 'teacher'; known: branch, instructor, path, print-code, repository, term, title")) {
            try result.get()
        }
        let (typo, typoPath) = try load("title: T\nterms: Fall\n")
        #expect(throws: Diagnostic(file: typoPath, line: 2, column: 1, "unknown course key 'terms'; did you mean 'term'?")) {
            try typo.get()
        }
    }

    @Test func wrongTypeAndInvalidYAML() throws {
        let (list, path) = try load("title:\n  - a\n")
        #expect(throws: Diagnostic(file: path, line: 2, column: 3, "'title' must be text, found a list")) { try list.get() }
        let (bad, badPath) = try load("title: [unclosed\n")
        let d = try #require(bad.failure)
        #expect(d.file == badPath && d.line == 2)
        #expect(d.message.hasPrefix("invalid YAML in the course file: "))
    }
}

private extension Result where Failure == Diagnostic {
    var failure: Diagnostic? { if case .failure(let d) = self { return d } else { return nil } }
}
