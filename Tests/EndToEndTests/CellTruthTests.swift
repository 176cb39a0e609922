import Foundation
import Testing

/// The line and column (1-based) where `needle` first occurs in `text`.
func position(of needle: String, in text: String) -> (line: Int, column: Int) {
    guard let r = text.range(of: needle) else { return (0, 0) }
    let before = text[..<r.lowerBound]
    let line = before.filter { $0 == "\n" }.count + 1
    let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
    return (line, column)
}

/// A lecture whose cells are `cells` (each a ```swift run block), with prose between them.
func lecture(_ cells: [String], prose: String = "Some prose.") -> String {
    "# Lecture\n\n" + cells.map { $0.hasPrefix("`") ? $0 + "\n" : "```swift run\n\($0)\n```\n" }.joined(separator: "\n\(prose)\n\n")
}

@Suite struct UseBeforeDefinitionTests {
    /// Each kind of declaration, used (at `use`) in a cell or inline expression above the cell that declares it (at `declaration`).
    static let kinds: [(kind: String, early: String, use: String, later: String, declaration: String)] = [
        ("let", "print(laterNumber + 1)", "laterNumber + 1", "let laterNumber = 41", "let laterNumber"),
        ("var", "print(counter)", "counter)", "var counter = [1, 2, 3]", "var counter"),
        ("func", "print(twice(2))", "twice(2)", "func twice(_ x: Int) -> Int { x * 2 }", "func twice"),
        ("struct", "let p = Point(x: 1)", "Point(x: 1)", "struct Point { var x: Int }", "struct Point"),
        ("class", "let c = Counter()", "Counter()", "final class Counter { var n = 0 }", "final class Counter"),
        ("enum", "let d = Direction.left", "Direction.left", "enum Direction { case left, right }", "enum Direction"),
        ("protocol", "struct Square: Shape {}", "Shape {}", "protocol Shape {}", "protocol Shape"),
        ("extension", "print(3.doubled)", "doubled)", "extension Int { var doubled: Int { self * 2 } }", "var doubled"),
        ("closure", "let next = { seed + 1 }", "seed + 1", "var seed = 7", "var seed"),
    ]

    @Test(arguments: kinds.indices) func aUseAboveTheDefiningCellIsAnErrorAtTheUse(_ k: Int) throws {
        let c = Self.kinds[k]
        let text = lecture(["print(\"first\")", c.early, c.later])
        let h = try Harness(lectures: ["01-x.md": text])
        defer { h.remove() }
        let r = try h.run(["build", "--keep-going"])
        let use = position(of: c.use, in: text), declaration = position(of: c.declaration, in: text)
        let name = ["let": "laterNumber", "var": "counter", "func": "twice", "struct": "Point", "class": "Counter",
                    "enum": "Direction", "protocol": "Shape", "extension": "doubled", "closure": "seed"][c.kind] ?? ""
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-x.md:\(use.line):\(use.column): error: '\(name)' is used before the cell that defines it (lectures/01-x.md:\(declaration.line))"),
                "\(c.kind): \(r.stderr)")
        // The cell above still ran; the cell below did not.
        let page = try h.read("output/01-x.html")
        #expect(page.containsCellOutput("first\n"))
        #expect(page.contains("Not run: the cell at line \(use.line - 1) did not compile."))
    }

    @Test func anInlineValueAboveTheDefiningCellIsAnError() throws {
        let text = "# L\n\nThe answer is `{swift} answer`.\n\n```swift run\nlet answer = 42\n```\n"
        let h = try Harness(lectures: ["01-x.md": text])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-x.md:3:24: error: 'answer' is used before the cell that defines it (lectures/01-x.md:6)"), "\(r.stderr)")
    }

    @Test func localNamesAndLaterUsesStillWork() throws {
        // A local variable named like a later global, a function used after its cell, a type
        // extended later, an allow-error cell's own declarations, and an expected compile error.
        let text = lecture([
            "func f() -> Int { let total = 2; return total }\nfor total in 0..<1 { print(total) }\nstruct P { var x = 1 }",
            "let total = f() + P().x\nextension P { var twice: Int { x * 2 } }",
            "```swift run allow-error\nlet total2 = [1][total]\n```",
            "```swift run expect-compile-error\nlet wrong: Int = \"no\"\n```",
            "print(total, P().twice)",
        ]) + "\nValue `{swift} total + 1`.\n"
        let h = try Harness(lectures: ["01-x.md": text])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try h.read("output/01-x.html")
        #expect(page.containsCellOutput("3 2\n"))
        #expect(page.contains(">4</span>"))
        #expect(page.contains("Fatal error: Index out of range"))
    }
}

@Suite struct DeterminismTests {
    @Test func setsAndDictionariesPrintTheSameInEveryBuild() throws {
        let text = lecture(["""
            let words: Set = ["policy", "gradient", "reward", "return", "baseline", "advantage"]
            let counts = ["a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6]
            print(words)
            print(counts)
            print(TimeZone.current.secondsFromGMT(), Locale.current.identifier)
            """])
        let h = try Harness(lectures: ["01-x.md": text])
        defer { h.remove() }
        #expect(try h.run(["build", "--no-cache", "--output", "one"]).status == 0)
        #expect(try h.run(["build", "--no-cache", "--output", "two"]).status == 0)
        let one = try h.read("one/01-x.html"), two = try h.read("two/01-x.html")
        #expect(one == two)
        #expect(one.contains("\n0 en_001\n"), "\(one)")
    }
}

@Suite struct TrapTests {
    /// Each kind of trap: the statement that traps (marked `// trap`) and the runtime's message.
    static let kinds: [(kind: String, code: String, message: String)] = [
        ("precondition", "precondition(Int(\"1\")! == 2, \"one is not two\") // trap", "Precondition failed: one is not two"),
        ("fatalError", "if Int(\"1\")! == 1 { fatalError(\"gave up\") } // trap", "Fatal error: gave up"),
        ("index", "let a = [1, 2]\nprint(a[Int(\"5\")!]) // trap", "Fatal error: Index out of range"),
        ("nil", "let o = Int(\"x\")\nprint(o!) // trap", "Fatal error: Unexpectedly found nil while unwrapping an Optional value"),
        ("overflow", "var big = Int.max - Int(\"0\")!\nbig += 1 // trap", "arithmetic overflow"),
        ("division", "print(10 / Int(\"0\")!) // trap", "Fatal error: Division by zero"),
        ("engine", "let pi = TabularSoftmax(stateCount: 2, actionCount: 2)\nlet p = pi.with(parameters: [1, 2, 3]) // trap",
         "Fatal error: with(parameters:) expects 4 values, got 3"),
    ]

    /// `code` as it stands in a cell, or inside a closure the engine calls.
    static func cell(_ code: String, insideEngineCall: Bool) -> String {
        guard insideEngineCall else { return code }
        return "let g = finiteDifferenceGradient([1.0]) { _ in\n" + code + "\nreturn 0\n}\nprint(g)"
    }

    @Test(arguments: kinds.indices, [false, true]) func aTrapIsReportedAtItsLectureLineWithItsMessage(_ k: Int, insideEngineCall: Bool) throws {
        let c = Self.kinds[k]
        let text = lecture(["print(\"first\")", Self.cell(c.code, insideEngineCall: insideEngineCall), "print(\"never\")"])
        let h = try Harness(lectures: ["01-x.md": text])
        defer { h.remove() }
        let r = try h.run(["build", "--keep-going"])
        let line = position(of: "// trap", in: text).line
        #expect(r.status == 1)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(r.stderr)")
        let error = String(errors.first ?? "")
        #expect(error.hasPrefix("lectures/01-x.md:\(line):") && error.hasSuffix(": error: \(c.message)"), "\(c.kind): \(r.stderr)")
        // Under the cell: the message once, with its line, no addresses, no stack.
        let page = try h.read("output/01-x.html")
        #expect(page.components(separatedBy: c.message).count == 2, "\(c.kind): \(page)")
        #expect(page.contains("<pre class=\"cell-error\">line \(line): \(c.message)</pre>"))
        #expect(!page.contains("0x") && !page.contains("terminated by") && !page.contains("lectern-cell"))
        #expect(page.containsCellOutput("first\n") && !page.contains(">never"))
        // With -v, the stack of the trap, its cell frames at lecture lines.
        let verbose = try h.run(["build", "--keep-going", "-v"])
        #expect(verbose.stdout.contains("stack of the trap") && verbose.stdout.contains("lectures/01-x.md:\(line):"), "\(verbose.stdout)")
    }

    @Test func aTrapInAnInlineExpressionIsReportedAtTheExpression() throws {
        let text = "# L\n\n```swift run\nlet xs = [1, 2]\n```\n\nThe fourth is `{swift} xs[Int(\"3\")!]`.\n"
        let h = try Harness(lectures: ["01-x.md": text])
        defer { h.remove() }
        let r = try h.run(["build"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-x.md:7:26: error: Fatal error: Index out of range"), "\(r.stderr)")
        #expect(!r.stderr.contains("0x"))
    }
}

@Suite struct PartialPageTests {
    @Test func aCellThatDoesNotCompileLeavesTheCellsAboveRunning() throws {
        let text = lecture(["print(\"above\")", "let n: Int = \"not a number\"", "print(\"below\")"])
        let h = try Harness(lectures: ["01-x.md": text])
        defer { h.remove() }
        let r = try h.run(["build", "--keep-going"])
        let bad = position(of: "\"not a number\"", in: text)
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-x.md:\(bad.line):\(bad.column): error: cannot convert value of type 'String' to specified type 'Int'"), "\(r.stderr)")
        let page = try h.read("output/01-x.html")
        let cells = Array(page.components(separatedBy: "<div class=\"cell\" id=\"cell-").dropFirst())
        #expect(cells.count == 3)
        guard cells.count == 3 else { return }
        #expect(cells[0].containsCellOutput("above\n"))
        #expect(cells[1].contains("<pre class=\"cell-error\">lectures/01-x.md:\(bad.line):\(bad.column): error: cannot convert"))
        #expect(!cells[1].contains("Not run"))
        #expect(cells[2].contains("Not run: the cell at line \(bad.line - 1) did not compile.") && !cells[2].contains("cell-output"))
    }
}

@Suite struct ProseEditTests {
    /// Prose inserted above the cells, or a cell moved down, reruns nothing; messages name the current lines.
    @Test func proseThatMovesCellsRerunsNothing() throws {
        let cells = ["print(\"hello\")", "check(\"one is two\", 1.0, expected: 2.0)"]
        let h = try Harness(lectures: ["01-x.md": lecture(cells)])
        defer { h.remove() }
        let first = try h.run(["build"])
        #expect(first.status == 1 && first.stdout.contains("(compile"), "\(first.stdout)")
        let moved = lecture(cells, prose: "Three lines\nof prose\n\nand a paragraph more.")
        try Data(("Inserted\nat the top.\n\n" + moved).utf8).write(to: h.directory.appendingPathComponent("lectures/01-x.md"))
        let second = try h.run(["build"])
        #expect(second.stdout.contains("lectures/01-x.md") && second.stdout.contains("(cached)"), "\(second.stdout)")
        let line = position(of: "check(", in: "Inserted\nat the top.\n\n" + moved).line
        #expect(second.stderr.contains("lectures/01-x.md:\(line): error: check failed: one is two"), "\(second.stderr)")
    }
}

@Suite struct SeedsTests {
    /// Plain checks and ```output blocks whose outcome depends on the seed are rerun too.
    @Test func everyCheckThatCanChangeWithTheSeedIsCounted() throws {
        // The default seed is 23: odd, and 23 % 3 == 2. Seeds 24...27: odd twice, 2 once.
        let text = lecture(["check(\"seed is odd\", condition: lectureSeed % 2 == 1)", "print(lectureSeed % 3)\n```\n\n```output\n2"])
        let h = try Harness(lectures: ["01-x.md": text])
        defer { h.remove() }
        let r = try h.run(["check", "--seeds", "4"])
        let check = position(of: "check(", in: text).line, output = position(of: "```output", in: text).line
        #expect(r.status == 1)
        #expect(r.stdout.contains("checks over 4 more seeds:\n  lectures/01-x.md:\(check): seed is odd: failed 2 of 4\n  lectures/01-x.md:\(output): expected output: failed 3 of 4\n"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("\n2 passed, 0 failed\n"))
    }
}

@Suite struct OutputLimitTests {
    /// Under a file size limit (RLIMIT_FSIZE) smaller than what a cell prints, the build fails at that cell, saying why.
    @Test func outputCutShortByAFileSizeLimitFailsTheCell() throws {
        let text = lecture(["print(\"small\")", "let line = String(repeating: \"x\", count: 1000)\nfor _ in 0..<2000 { print(line) }", "print(\"after\")"])
        let h = try Harness(lectures: ["01-x.md": text])
        defer { h.remove() }
        let lectern = Harness.buildDirectory.appendingPathComponent("lectern").path
        // 1 MiB (bash counts 1024-byte blocks); the cell prints 2 MB.
        let r = try Harness.run(URL(fileURLWithPath: "/bin/bash"), ["-c", "ulimit -f 1024 && exec \"$0\" build", lectern],
                                in: h.directory, environment: nil)
        let fence = position(of: "let line", in: text).line - 1
        #expect(r.status == 1)
        #expect(r.stderr.contains("lectures/01-x.md:\(fence): error: could not write its output whole: a file reached the system's file size limit (RLIMIT_FSIZE)"), "\(r.stderr)")
        #expect(!h.exists("output"))
    }
}
