import Foundation
import Testing
@testable import Lectern

@Suite struct AuthoringTemplateTests {
    @Test(arguments: [
        ("Policy Gradients: REINFORCE & Baselines", "policy-gradients-reinforce-baselines"),
        ("  The Q-function  ", "the-q-function"),
        ("Bellman's equation", "bellmans-equation"),
        ("Économie générale", "economie-generale"),
        ("RL for text (part 2)", "rl-for-text-part-2"),
        ("∇J(θ)", "j"),
        ("!!!", "lecture"),
    ])
    func slug(title: String, expected: String) {
        #expect(lectureSlug(for: title) == expected)
    }

    @Test func numberingTakesTheHighestPrefixAndKeepsItsWidth() {
        #expect(nextLectureNumber(among: []) == (1, "01"))
        #expect(nextLectureNumber(among: ["01-a.md", "02-b.md"]) == (3, "03"))
        #expect(nextLectureNumber(among: ["01-a.md", "07-b.md", "03-c.md"]) == (8, "08"))
        #expect(nextLectureNumber(among: ["09-a.md"]) == (10, "10"))
        #expect(nextLectureNumber(among: ["001-a.md", "002-b.md"]) == (3, "003"))
        // Only NN-*.md files count.
        #expect(nextLectureNumber(among: ["01-a.md", "99-notes.txt", "42.md", "5x-a.md", "README.md"]) == (2, "02"))
    }

    @Test func templateHasFrontMatterAndOneRunCell() {
        let t = lectureTemplate(title: "Say \"hi\" \\ there", number: 4)
        #expect(t.hasPrefix("---\ntitle: \"Say \\\"hi\\\" \\\\ there\"\nlecture: 4\ndate:"))
        #expect(t.components(separatedBy: "\n---\n").count == 2)
        #expect(t.contains("\n# Say \"hi\" \\ there\n"))
        #expect(t.components(separatedBy: "```swift run\n").count == 2)
    }

    @Test func newFilesNeverOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.path + "/01-a.md"
        try "mine".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(throws: Diagnostic.self) { try writeNewFile(file, contents: "theirs") }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "mine")
    }

    @Test func courseTitleFromFolderName() {
        #expect(courseTitle(fromFolder: "rl-course") == "Rl Course")
        #expect(courseTitle(fromFolder: "/tmp/x/deep_learning/") == "Deep Learning")
    }
}
