import Foundation
import Testing

/// The course in `lectures/` must build with every check passing.
@Suite struct CourseTests {
    /// `lectern check` on a copy of the real lectures: exit 0, and the summary line
    /// reports at least 40 passed checks and none failed.
    @Test func courseChecksAllPass() throws {
        let h = try Harness(lecturesFolder: Harness.courseLectures)
        defer { h.remove() }
        let r = try h.run(["check"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let parts = last.split(separator: " ")
        // "N passed, 0 failed"
        try #require(parts.count == 4, "unexpected summary line: \(last)")
        let passed = try #require(Int(parts[0]), "unexpected summary line: \(last)")
        #expect(parts[1] == "passed,")
        #expect(parts[2] == "0" && parts[3] == "failed", "\(last)\n\(r.stderr)")
        #expect(passed >= 40, "only \(passed) checks in the course")
        // Every lecture of the course was run.
        for slug in ["23-reinforcement-learning", "24-variance-reduction", "25-rl-for-language-models"] {
            #expect(r.stdout.contains("lectures/\(slug).md"), "\(slug) missing from the check output")
        }
    }
}
