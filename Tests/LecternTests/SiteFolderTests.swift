import Foundation
import Testing
@testable import Lectern

@Suite struct SiteFolderTests {
    /// The swap is one exchange: both folders exist before and after, contents traded.
    @Test func exchangeTradesTwoFoldersInOneStep() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("exchange-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: root) }
        for (folder, file) in [("a", "new.html"), ("b", "old.html")] {
            try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            try "x".write(toFile: root + "/\(folder)/\(file)", atomically: true, encoding: .utf8)
        }
        #if os(Linux)
        #expect(exchangePaths(root + "/a", root + "/b"))
        #expect(try fm.contentsOfDirectory(atPath: root + "/b") == ["new.html"])
        #expect(try fm.contentsOfDirectory(atPath: root + "/a") == ["old.html"])
        #endif
        // The whole swap: the new site in place, nothing left beside it.
        try swapInSite(root + "/a", at: root + "/b", aside: root + "/.b.old")
        #expect(try fm.contentsOfDirectory(atPath: root) == ["b"])
    }
}
