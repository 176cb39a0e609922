/// The Swift program generated for one lecture: its run cells in document
/// order, sharing state like notebook cells, each wrapped in `#sourceLocation`
/// so that every diagnostic and trap names the .md file and line.
public struct Program: Equatable, Sendable {
    public var source: String

    /// The program for all run cells except `expect-compile-error` ones, with the inline expressions in place.
    public static func generate(for lecture: Lecture) -> Program {
        var out = prologue
        var inlineIterator = lecture.inlines.makeIterator()
        var nextInline = inlineIterator.next()
        func emitInlines(upTo cellCount: Int) {
            while let inline = nextInline, inline.cellsBefore <= cellCount {
                out += "#sourceLocation(file: \(literal(lecture.file)), line: \(inline.line))\n"
                out += "_lecternInline(\(inline.index), (\(inline.expression)\n))\n"
                out += "#sourceLocation()\n"
                nextInline = inlineIterator.next()
            }
        }
        for cell in lecture.cells {
            emitInlines(upTo: cell.index)
            guard cell.options.run, !cell.options.expectCompileError else { continue }
            out += body(of: cell, file: lecture.file)
        }
        emitInlines(upTo: Int.max)
        out += "_lecternFinish()\n"
        return Program(source: out)
    }

    /// The program that an `expect-compile-error` cell is type-checked in: the
    /// run cells before it, then the cell itself.
    public static func compileErrorProbe(for cell: Cell, in lecture: Lecture) -> Program {
        var out = prologue
        for other in lecture.cells where other.index < cell.index && other.options.run && !other.options.expectCompileError {
            out += body(of: other, file: lecture.file)
        }
        out += "_lecternBeginCell(\(cell.index))\n"
        out += located(cell.code, file: lecture.file, line: cell.codeLine)
        return Program(source: out)
    }

    static let prologue = """
        import Foundation
        import Notebook
        import PolicyGradient
        _lecternStart()

        """

    private static func body(of cell: Cell, file: String) -> String {
        let code = located(cell.code, file: file, line: cell.codeLine)
        let begin = cell.options.timeLimit.map { "_lecternBeginCell(\(cell.index), timeLimit: \($0))" } ?? "_lecternBeginCell(\(cell.index))"
        if cell.options.allowError {
            // Declarations of an allow-error cell stay local to it: it runs in a
            // child process, and the program goes on without it if it traps.
            return """
                \(begin)
                if _lecternTry(\(cell.index)) {
                \(code)_lecternEndCell(\(cell.index))
                _lecternTryEnd(\(cell.index))
                }

                """
        }
        return "\(begin)\n\(code)_lecternEndCell(\(cell.index))\n"
    }

    private static func located(_ code: String, file: String, line: Int) -> String {
        var code = code
        if !code.hasSuffix("\n") { code += "\n" }
        return "#sourceLocation(file: \(literal(file)), line: \(line))\n\(code)#sourceLocation()\n"
    }

    /// A Swift string literal for `s`.
    static func literal(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
