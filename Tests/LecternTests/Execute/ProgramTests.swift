import CommonMark
import Testing
@testable import Lectern

@Suite struct ProgramTests {
    @Test func cellsAreWrappedInSourceLocationsInOrder() throws {
        let md = "```swift run\nlet a = 1\n```\n\nValue `{swift} a`.\n\n```swift run allow-error\nlet b = a\n```\n\n```swift run expect-compile-error\nlet c: Int = \"\"\n```\n"
        let doc = CommonMark.parse(md)
        let (cells, inlines) = try collectCells(in: doc, file: "lectures/01-x.md")
        let lecture = Lecture(file: "lectures/01-x.md", slug: "01-x", frontMatter: FrontMatter(), document: doc, cells: cells, inlines: inlines)
        let source = Program.generate(for: lecture).source
        #expect(source.contains("_lecternBeginCell(0)\n#sourceLocation(file: \"lectures/01-x.md\", line: 2)\nlet a = 1\n#sourceLocation()\n_lecternEndCell(0)\n"))
        #expect(source.contains("#sourceLocation(file: \"lectures/01-x.md\", line: 5)\n_lecternInline(0, (a\n))\n"))
        #expect(source.contains("if _lecternTry(1) {\n#sourceLocation(file: \"lectures/01-x.md\", line: 8)\nlet b = a\n"))
        // The expect-compile-error cell is left out of the program ...
        #expect(!source.contains("let c: Int"))
        // ... and type-checked after the cells before it.
        let probe = Program.compileErrorProbe(for: cells[2], in: lecture).source
        #expect(probe.contains("let a = 1") && probe.hasSuffix("#sourceLocation(file: \"lectures/01-x.md\", line: 12)\nlet c: Int = \"\"\n#sourceLocation()\n"))
    }

    @Test func compilerDiagnosticsAreParsed() {
        let text = "lectures/a.md:12:5: error: cannot find 'x' in scope\n<unknown>:0: warning: something\nlectures/a.md:3:1: note: here\n"
        let parsed = parseCompilerDiagnostics(text)
        #expect(parsed.map(\.description) == ["lectures/a.md:12:5: error: cannot find 'x' in scope", "lectures/a.md:3:1: note: here"])
    }

    @Test func stackTracesAreDropped() {
        let text = "Fatal error: boom\nCurrent stack trace:\n0    libswiftCore.so 0x1\n1    x 0x2\nafter\n"
        #expect(removingStackTraces(text) == "Fatal error: boom\nafter\n")
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex(Array(String(repeating: "a", count: 1000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // FIPS 180-4 examples: a two-block message, and a million 'a's.
        #expect(sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(sha256Hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha256InPiecesEqualsSha256Whole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 3) }
        for cut in [0, 1, 55, 63, 64, 65, 127, 128, 500, 999] {
            var hasher = SHA256()
            hasher.update(bytes[..<cut])
            hasher.update(bytes[cut...])
            #expect(hasher.finalize() == sha256Hex(bytes), "cut at \(cut)")
        }
        var lazy = SHA256()
        lazy.update(bytes.lazy.map { $0 })  // a sequence without contiguous storage
        #expect(lazy.finalize() == sha256Hex(bytes))
    }
}
