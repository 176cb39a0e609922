import Foundation
import Testing
@testable import Lectern

/// Check badges and the ledger show numbers as cells print them (Notebook's
/// formatNumber reads the same file in NotebookTests).
@Test func figuresReadAsTheSharedCasesSay() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Shared/six-digit-numbers.txt")
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(lines.count > 10)
    for line in lines {
        let parts = line.split(separator: "\t")
        let number = try #require(Double(String(parts[0])))
        #expect(figureText(number) == String(parts[1]), "\(number)")
    }
}
