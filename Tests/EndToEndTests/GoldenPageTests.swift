import Foundation
import Testing

/// The pages Lectern writes for the end-to-end fixtures, byte for byte, against
/// the copies in `Fixtures/NAME/golden/`. After a deliberate change to what pages
/// look like, regenerate the copies and review their diff before committing:
///
///     LECTERN_UPDATE_GOLDEN=1 swift test --filter GoldenPageTests
///
/// The stylesheet is left out (the same file for every fixture; StylesheetTests
/// check it); pages and ledgers are compared.
@Suite struct GoldenPageTests {
    static let updating = ProcessInfo.processInfo.environment["LECTERN_UPDATE_GOLDEN"] == "1"

    /// Each fixture that writes a site, with the status its build exits with. Not
    /// "trap": on a loaded machine the Swift runtime's backtracer sometimes adds
    /// "failed to suspend thread ..." to a trapping cell's error output, so that page
    /// is not yet the same from build to build.
    @Test(arguments: [("basic", 0), ("results-pass", 0), ("results-fail", 1), ("robust", 0),
                      ("compile-error", 1)] as [(String, Int32)])
    func pagesMatchTheirGoldenCopies(fixture: String, status: Int32) throws {
        let h = try Harness(fixture: fixture)
        defer { h.remove() }
        let r = try h.run(["build", "--keep-going", "--quiet"])
        #expect(r.status == status, "\(r.stderr)")
        let built = h.directory.appendingPathComponent("output")
        let golden = Harness.fixtures.appendingPathComponent(fixture).appendingPathComponent("golden")
        let pages = try Self.pages(in: built)
        if Self.updating {
            try? FileManager.default.removeItem(at: golden)
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            for page in pages {
                try FileManager.default.copyItem(at: built.appendingPathComponent(page), to: golden.appendingPathComponent(page))
            }
            return
        }
        #expect(pages == (try Self.pages(in: golden)), "the site of \(fixture) has other files than golden/")
        for page in pages {
            let text = try String(contentsOf: built.appendingPathComponent(page), encoding: .utf8)
            let expected = (try? String(contentsOf: golden.appendingPathComponent(page), encoding: .utf8)) ?? ""
            if text != expected {
                Issue.record("\(fixture)/golden/\(page) differs \(Self.firstDifference(text, expected)); if the change is meant, LECTERN_UPDATE_GOLDEN=1 swift test --filter GoldenPageTests")
            }
        }
    }

    /// The `.html` and `.json` files of a site folder, sorted.
    static func pages(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".json") }
            .sorted()
    }

    /// Where two texts first differ, by line, quoting both lines.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) where i >= x.count || i >= y.count || x[i] != y[i] {
            let built = i < x.count ? String(x[i]) : "(end)", wanted = i < y.count ? String(y[i]) : "(end)"
            return "at line \(i + 1): built \(built.debugDescription), golden \(wanted.debugDescription)"
        }
        return ""
    }
}
