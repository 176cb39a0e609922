import Foundation
import Testing

/// What a cell may not do with the runtime's own state.
@Suite struct CellAPITests {
    /// `lectureSeed` and `lectureDirectory` are read by cells, never set: a cell that
    /// assigns them does not compile.
    @Test func lectureSeedAndDirectoryAreReadOnly() throws {
        let h = try Harness(lectures: ["01-seed.md": """
            # Seed

            ```swift run
            print(lectureSeed, lectureDirectory)
            ```

            ```swift run expect-compile-error
            lectureSeed = 1
            ```

            ```swift run expect-compile-error
            lectureDirectory = "/"
            ```
            """])
        defer { h.remove() }
        let r = try h.run(["build", "--seed", "7"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try h.read("output/01-seed.html")
        #expect(page.contains("<pre class=\"cell-output\">7 /"))
        #expect(page.contains("/lectures\n</pre>"))
        #expect(page.components(separatedBy: "setter is inaccessible").count - 1 == 2)
    }
}
