import Foundation
import Testing

@Suite struct RobustnessTests {
    /// Every way a cell can die is reported under that cell, and the cells below go on.
    @Test func failuresStayInTheirCells() throws {
        let h = try Harness(fixture: "robust")
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try h.read("output/01-robust.html")
        let cells = Array(page.components(separatedBy: "<div class=\"cell\" id=\"cell-").dropFirst())
        #expect(cells.count == 9)
        guard cells.count == 9 else { return }
        #expect(cells[0].contains("exit 3") && cells[0].contains("exited with status 3"))
        #expect(cells[1].contains("exit 0 counts too") && cells[1].contains("exited early with status 0"))
        #expect(cells[2].contains("terminated by SIGABRT"))
        #expect(cells[3].contains("terminated by SIGSEGV"))
        #expect(cells[4].contains("terminated by SIGKILL"))
        #expect(cells[5].contains("stdin gave nil"))
        #expect(cells[6].contains("printed more than the output limit of"))
        #expect(cells[7].contains("ran past the cell's time limit of 1 s"))
        #expect(cells[8].contains("still standing"))
    }

    /// A hanging lecture is stopped at its time limit, reported at the running cell, earlier output kept.
    @Test func hangIsStoppedAtTheLectureTimeLimit() throws {
        let h = try Harness(fixture: "hang")
        defer { h.remove() }
        let r = try h.run(["build", "--timeout", "2", "--keep-going"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-hang.md:7: error: ran past the lecture's time limit of 2 s"), "\(r.stderr)")
        let page = try h.read("output/01-hang.html")
        #expect(page.contains("before the hang"))
    }
}
