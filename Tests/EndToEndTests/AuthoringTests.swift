import Foundation
import Testing

@Suite struct AuthoringTests {
    @Test func newCreatesTheNextNumberedLectureThatBuilds() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let r = try h.run(["new", "Policy Gradients: REINFORCE & Baselines"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "lectures/03-policy-gradients-reinforce-baselines.md\n")
        let text = try h.read("lectures/03-policy-gradients-reinforce-baselines.md")
        #expect(text.hasPrefix("---\ntitle: \"Policy Gradients: REINFORCE & Baselines\"\nlecture: 3\ndate:"))
        #expect(text.contains("\n# Policy Gradients: REINFORCE & Baselines\n"))
        #expect(text.components(separatedBy: "```swift run\n").count == 2)

        // The next one follows it; the template's cell runs.
        #expect(try h.run(["new", "Bandits"]).stdout == "lectures/04-bandits.md\n")
        let build = try h.run(["build"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try h.read("output/04-bandits.html").containsCellOutput("total reward: 3\n"))
        // The lectures already there are untouched.
        #expect(try h.read("lectures/02-second.md").hasPrefix("# Second lecture"))
    }

    @Test func newNumbersAfterTheHighestAndHonoursLectures() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let other = h.directory.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "# A\n".write(to: other.appendingPathComponent("07-a.md"), atomically: true, encoding: .utf8)
        try "# B\n".write(to: other.appendingPathComponent("12-b.md"), atomically: true, encoding: .utf8)
        let r = try h.run(["new", "Q-function", "--lectures", "notes"])
        #expect(r.status == 0)
        #expect(r.stdout == "notes/13-q-function.md\n")
        #expect(h.exists("notes/13-q-function.md"))
    }

    @Test func newRefusesBadInvocations() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let missing = try h.run(["new", "Title", "--lectures", "nowhere"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere: error: lectures folder not found; run `lectern init DIR`"), "\(missing.stderr)")
        #expect(!h.exists("nowhere"))
        let empty = try h.run(["new", "   "])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("error: the lecture title is empty"))
        #expect(try h.run(["new"]).status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: h.directory.appendingPathComponent("lectures").path).sorted()
                == ["01-intro.md", "02-second.md"])
    }

    @Test func initMakesACourseThatBuildsAndRefusesANonEmptyFolder() throws {
        let h = try Harness(fixture: "basic")
        defer { h.remove() }
        let r = try h.run(["init", "rl-course"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("created rl-course/course.yml\n"))
        for file in ["course.yml", "README.md", "lectures/01-welcome.md", ".github/workflows/pages.yml"] {
            #expect(h.exists("rl-course/\(file)"), "\(file)")
        }
        // The workflow builds with --strict and publishes output/.
        let workflow = try h.read("rl-course/.github/workflows/pages.yml")
        #expect(workflow.contains("lectern build --strict\n") && workflow.contains("path: output\n"))
        #expect(workflow.contains("uses: actions/deploy-pages@v4"))
        let course = try h.read("rl-course/course.yml")
        #expect(course.contains("title: \"Rl Course\"\n") && course.contains("term: ") && course.contains("instructor: "))
        #expect(try h.read("rl-course/README.md").contains("lectern serve"))

        // The sample lecture builds, its expected output and inline value included.
        let build = try runLectern(["build"], in: h.directory.appendingPathComponent("rl-course"))
        #expect(build.status == 0, "\(build.stderr)")
        let page = try h.read("rl-course/output/01-welcome.html")
        #expect(page.containsCellOutput("G = 1.5\n"))
        #expect(page.contains("<span class=\"inline-value\" title=\"G\">1.5</span>"))

        // Not again, not into a non-empty folder, not onto a file.
        let again = try h.run(["init", "rl-course"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("rl-course: error: refusing to create a course in a folder that is not empty"), "\(again.stderr)")
        #expect(try h.run(["init", "lectures"]).status == 2)
        #expect(try h.read("lectures/02-second.md").hasPrefix("# Second lecture"))
        let onFile = try h.run(["init", "lectures/01-intro.md"])
        #expect(onFile.status == 2 && onFile.stderr.contains("it is a file"))
        #expect(try h.run(["init"]).status == 2)

        // An empty folder is fine, and --title names the course.
        try FileManager.default.createDirectory(at: h.directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(try h.run(["init", "empty", "--title", "Deep RL"]).status == 0)
        #expect(try h.read("empty/course.yml").contains("title: \"Deep RL\"\n"))
    }

    /// Runs `lectern` in another folder than the fixture's.
    private func runLectern(_ arguments: [String], in directory: URL) throws -> Harness.Result {
        try Harness.run(Harness.buildDirectory.appendingPathComponent("lectern"), arguments, in: directory)
    }
}
