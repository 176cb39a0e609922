import Foundation
import Testing
@testable import CommonMark

/// The flat tree and the parse arena: same HTML as cmark on whole documents, the
/// same tree from parses on many threads at once, and allocations past one arena block.
@Suite struct TreeTests {
    /// The repository's lectures and test fixtures: real documents with every construct they use.
    static let documents: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = ["lectures", "Tests/EndToEndTests/Fixtures"]
        var found: [String] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let path as String in walker where path.hasSuffix(".md") {
                found.append(base.appendingPathComponent(path).path)
            }
        }
        return found.sorted()
    }()

    @Test func theRepositoryHasDocumentsToCompare() {
        #expect(Self.documents.count >= 10)
    }

    @Test(arguments: documents)
    func wholeDocumentsMatchCmark(_ path: String) throws {
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(HTMLFormatter().render(CommonMark.parse(markdown)) == CommonMark.cmarkHTML(markdown))
    }

    /// A document of a few MB: many nodes, long lines, a code block larger than an arena block.
    static let large: String = {
        var s = "# Large\n\n"
        for i in 0..<3000 {
            s += "Para \(i) with *em*, **strong**, `code`, [link](https://e.org/\(i) \"t\") and <b>html</b>.\nSoft break & <more>.\n\n"
            if i % 100 == 0 { s += "> quote \(i)\n> - item\n>   1. nested\n\n---\n\n" }
        }
        s += "```text\n" + String(repeating: "x < y & \"z\"\n", count: 150_000) + "```\n"
        s += String(repeating: "long line ", count: 200_000) + "\n"
        return s
    }()

    @Test func aLargeDocumentMatchesCmark() {
        #expect(Self.large.utf8.count > 3_000_000)
        #expect(HTMLFormatter().render(CommonMark.parse(Self.large)) == CommonMark.cmarkHTML(Self.large))
    }

    /// One long destination, copied into every link that refers to it: the tree's text grows
    /// larger than the source (cmark bounds how far references expand).
    @Test func aReferenceUsedManyTimesMatchesCmark() {
        let markdown = "[r]: https://example.org/" + String(repeating: "p", count: 5000) + " \"T\"\n\n"
            + String(repeating: "[r] [x][r] ", count: 2000) + "\n"
        let doc = CommonMark.parse(markdown)
        #expect(doc.tree.text.count > 2 * markdown.utf8.count)
        #expect(HTMLFormatter().render(doc) == CommonMark.cmarkHTML(markdown))
    }

    @Test func parsesOnManyThreadsAtOnceGiveTheSameHTML() {
        let inputs = Self.documents.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        let expected = inputs.map { CommonMark.cmarkHTML($0) }
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 8) { round in
            for (i, input) in inputs.enumerated() where (i + round) % 2 == 0 {
                if HTMLFormatter().render(CommonMark.parse(input)) != expected[i] { mismatches.add(i) }
            }
        }
        #expect(mismatches.count == 0)
    }

    @Test func childrenParentsAndLiteralsAgree() {
        let doc = CommonMark.parse("- a `b`\n- c\n\n```swift run\nx\n```\n")
        let list = doc.children[0]
        #expect(list.parent?.type == .document)
        #expect(list.children.map(\.type) == [.item, .item])
        let code = list.children[0].children[0].children[1]
        #expect(code.kind == .code("b"))
        #expect(code.withLiteral { Array($0) } == Array("b".utf8))
        #expect(doc.children[1].kind == .codeBlock(info: "swift run", literal: "x\n"))
        #expect(doc.children[1].withLiteral { String(decoding: $0, as: UTF8.self) } == "x\n")
        #expect(list.withLiteral { $0.count } == 0)
        #expect(CommonMark.parse("").children.isEmpty)
    }
}

private final class Mismatches: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    func add(_ i: Int) { lock.withLock { items.append(i) } }
    var count: Int { lock.withLock { items.count } }
}
