import Foundation
import Testing
@testable import Lectern

@Test func writeUTF8WritesTheBytesAndReplacesAnOlderFile() throws {
    let dir = FileManager.default.temporaryDirectory.path + "/lectern-write-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/page.html"
    try writeUTF8(String(repeating: "longer older content ", count: 100), toFile: path)
    let text = "<p>θ = π_θ, 👍🏽 e\u{301}</p>\n" + String(repeating: "x", count: 70_000)
    try writeUTF8(text, toFile: path)
    #expect(FileManager.default.contents(atPath: path) == Data(text.utf8))
    try writeUTF8("", toFile: path)
    #expect(FileManager.default.contents(atPath: path) == Data())
    #expect(throws: POSIXError.self) { try writeUTF8("x", toFile: dir + "/missing/page.html") }
}
