import CommonMark
import Testing
@testable import Lectern

@Suite struct ProgramTests {
    @Test func cellsAreWrappedInSourceLocationsInOrder() throws {
        let md = "```swift run\nlet a = 1\n```\n\nValue `{swift} a`.\n\n```swift run allow-error\nlet b = a\n```\n\n```swift run expect-compile-error\nlet c: Int = \"\"\n```\n"
        let doc = CommonMark.parse(md)
        let (cells, inlines) = try collectCells(in: doc, file: "lectures/01-x.md")
        let lecture = Lecture(file: "lectures/01-x.md", slug: "01-x", frontMatter: FrontMatter(), document: doc, cells: cells, inlines: inlines)
        let program = Program.generate(for: lecture)
        let source = program.source
        // Cells are named by their place in the program, with lines counted from 1: prose that moves them changes nothing.
        #expect(source.contains("_lecternBeginCell(0)\n#sourceLocation(file: \"lectern-cell-0\", line: 1)\nlet a = 1\n#sourceLocation()\n_lecternEndCell(0)\n"))
        #expect(source.contains("_lecternInline(0, {\n#sourceLocation(file: \"lectern-inline-0\", line: 1)\na\n#sourceLocation()\n}())\n"))
        #expect(source.contains("if _lecternTry(1) {\n#sourceLocation(file: \"lectern-cell-1\", line: 1)\nlet b = a\n"))
        #expect(!source.contains("01-x.md"))
        // Positions map back to the .md file: cell 1's line 1 is the .md's line 8; the inline value's column is its own.
        #expect(program.location(file: "/tmp/x/lectern-cell-1", line: 1, column: 9)?.line == 8)
        #expect(program.location(file: "lectern-inline-0", line: 1, column: 1)?.column == 16)
        #expect(program.mapPositions(in: "main/lectern-cell-0:1: Fatal error: x", file: "lectures/01-x.md") == "lectures/01-x.md:2: Fatal error: x")
        // The expect-compile-error cell is left out of the program ...
        #expect(!source.contains("let c: Int"))
        // ... and type-checked after the cells before it.
        let probe = Program.compileErrorProbe(for: cells[2], in: lecture)
        #expect(probe.source.contains("let a = 1") && probe.source.hasSuffix("#sourceLocation(file: \"lectern-cell-2\", line: 1)\nlet c: Int = \"\"\n#sourceLocation()\n_lecternEndCell(2)\n"))
        #expect(probe.location(file: "lectern-cell-2", line: 1, column: 14)?.line == 12)
    }

    @Test func topLevelDeclarationsAreFound() {
        let code = "let a = 1, b = 2\nvar (c, _) = (1, 2)\nfunc f() { let local = 1 }\nstruct S { var member = 0 }\n// let commented = 1\nlet s = \"let quoted = \\(a)\"\nextension Int { var twice: Int { self * 2 } }\nenum E {}; protocol P {}; final class C {}; typealias T = Int"
        #expect(topLevelDeclarations(in: code).map(\.name) == ["a", "c", "f", "S", "s", "twice", "E", "P", "C", "T"])
        #expect(topLevelDeclarations(in: code).map(\.line) == [1, 2, 3, 4, 6, 7, 8, 8, 8, 8])
        #expect(topLevelDeclarations(in: code).filter(\.member).map(\.name) == ["twice"])
    }

    @Test func namesUsedLeaveOutLabelsMembersCommentsAndLocals() {
        let code = "// later\nlet s = \"later \\(shown)\"\nf(gamma: 1, x ? a : b)\nlet m = xs.map { v in v.mean + total }\nfor (i, j) in pairs { print(i, j) }"
        let used = namesUsed(in: code)
        #expect(used.names == ["shown", "f", "x", "a", "b", "xs", "total", "print", "pairs"])
        #expect(used.members == ["map", "mean"])
    }

    @Test func trapsAreReadFromTheBacktrace() throws {
        let text = """
            own text
            main/lectern-cell-1:3: Precondition failed: too few

            *** Signal 4: Backtracing from 0x7ffa6e56df7f... done ***

            *** Program crashed: Illegal instruction at 0x00007ffa6e56df7f ***

            Thread 0 "program" crashed:

              0 0x00007ffa6e56df7f closure #1 in _assertionFailure(_:_:file:line:flags:) + 623 in libswiftCore.so
              3 pick(_:) + 32 in program at /tmp/lt/lectern-cell-0:2:6
              4 [ra] 0x000055fbf0614425 main + 882 in program at /tmp/lt/lectern-cell-1:3:9
            ...
            """
        let trap = try #require(parseTrap(text))
        #expect(trap.message == "Precondition failed: too few")
        #expect(trap.before == "own text\n")
        #expect(trap.frame?.file == "/tmp/lt/lectern-cell-0" && trap.frame?.line == 2 && trap.frame?.column == 6)
        #expect(trap.frames.count == 3 && !trap.frames.joined().contains("0x"))
        let overflow = try #require(parseTrap("\n*** Signal 4: Backtracing from 0x1... done ***\n\n*** Swift runtime failure: arithmetic overflow ***\n\n  0 main + 339 in program at /x/lectern-cell-0:2:5\n"))
        #expect(overflow.message == "arithmetic overflow" && overflow.frame?.line == 2)
        #expect(parseTrap("just text\n") == nil)
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
