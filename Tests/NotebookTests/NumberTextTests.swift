import Foundation
import Testing
@testable import Notebook

/// Numbers printed by cells read as the check badges show them (Lectern's
/// figureText reads the same file in LecternTests).
@Test func numbersReadAsTheSharedCasesSay() throws {
    let cases = try sixDigitNumberCases()
    #expect(cases.count > 10)
    for (number, text) in cases {
        #expect(formatNumber(number) == text, "\(number)")
    }
}

/// The cases of Tests/Shared/six-digit-numbers.txt: a number and its text.
func sixDigitNumberCases() throws -> [(Double, String)] {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Shared/six-digit-numbers.txt")
    return try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        .filter { !$0.hasPrefix("#") }
        .map { line in
            let parts = line.split(separator: "\t")
            return (try #require(Double(String(parts[0]))), String(parts[1]))
        }
}
