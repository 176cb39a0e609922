// Use before definition.
//
// All cells of a lecture are one Swift program, and top-level code sees every
// global of its file, initialised or not: a cell that reads a variable of a
// later cell compiles and reads zero. A notebook would stop with a NameError.
//
// Lectern finds such uses in two steps. A scan of the code (below) lists the
// names each cell declares at its top level (and the members its extensions
// declare), and flags an earlier cell or inline expression that may use such
// a name: it appears there outside comments and strings, not as an argument
// label, not after a `.` (unless it is an extension member), and is not
// declared in that item itself (a local of the same name is taken to be
// meant). A flagged item may still not use the later name; the compiler then
// decides: the program cut after the flagged item is type-checked alone, where
// the later declarations do not exist, and an error there that names one of
// them is a use before definition (see `Executor.firstUseBeforeDefinition`).

/// A name a cell declares, with the .md line of the declaration.
struct Declaration: Equatable, Sendable {
    var name: String
    var line: Int
}

/// The names `code` declares at its top level (`let`, `var`, `func`, types,
/// `typealias`), and the members declared directly in its extensions' bodies;
/// lines counted from 1.
func topLevelDeclarations(in code: String) -> [(name: String, line: Int, member: Bool)] {
    let tokens = swiftTokens(code)
    var result: [(String, Int, Bool)] = []
    var depth = 0
    var extensionDepths: [Int] = []
    var extensionPending = false
    var i = 0
    func word(_ k: Int) -> String? {
        guard k < tokens.count, case .word(let w) = tokens[k].kind else { return nil }
        return w
    }
    while i < tokens.count {
        let token = tokens[i]
        switch token.kind {
        case .punct("{"):
            depth += 1
            if extensionPending { extensionDepths.append(depth); extensionPending = false }
        case .punct("}"):
            if extensionDepths.last == depth { extensionDepths.removeLast() }
            depth = max(0, depth - 1)
        case .word(let w):
            let declaring = depth == 0 || (extensionDepths.last == depth)
            if w == "extension" && depth == 0 { extensionPending = true }
            guard declaring, declarationKeywords.contains(w) else { break }
            if w == "let" || w == "var", i + 1 < tokens.count, tokens[i + 1].kind == .punct("(") {
                // A tuple pattern: `let (a, b) = ...`.
                var k = i + 2, parens = 1
                while k < tokens.count, parens > 0 {
                    if tokens[k].kind == .punct("(") { parens += 1 }
                    if tokens[k].kind == .punct(")") { parens -= 1 }
                    if let name = word(k), name != "_" { result.append((name, tokens[k].line, depth > 0)) }
                    k += 1
                }
                i = k
                continue
            }
            if let name = word(i + 1), !declarationKeywords.contains(name) { result.append((name, tokens[i + 1].line, depth > 0)) }
        default:
            break
        }
        i += 1
    }
    return result
}

private let declarationKeywords: Set<String> = ["let", "var", "func", "struct", "class", "enum", "protocol", "typealias", "actor"]

/// The names `code` may use from elsewhere: its words outside comments and
/// strings (interpolations included), except argument labels and annotated
/// names (`word:`), and except names it declares itself anywhere (a local
/// `let`, `var` or `func`, a `for` variable, a closure parameter), which it is
/// taken to mean. Words after a `.` are listed apart, as `members`.
func namesUsed(in code: String) -> (names: Set<String>, members: Set<String>) {
    let tokens = swiftTokens(code)
    var names = Set<String>(), members = Set<String>(), local = Set<String>()
    for (k, token) in tokens.enumerated() {
        guard case .word(let w) = token.kind else { continue }
        let previous = k > 0 ? tokens[k - 1] : nil, next = k + 1 < tokens.count ? tokens[k + 1] : nil
        if let p = previous, p.kind == .punct("."), p.end == token.start {
            members.insert(w)
            continue
        }
        if let n = next, n.kind == .punct(":"), n.start == token.end { continue }
        switch w {
        case "let", "var", "func", "for", "case":
            // The names it binds: one word, or the words of a tuple pattern.
            var m = k + 1
            if m < tokens.count, tokens[m].kind == .word("let") || tokens[m].kind == .word("var") { m += 1 }
            if m < tokens.count, tokens[m].kind == .punct("(") {
                m += 1
                while m < tokens.count, tokens[m].kind != .punct(")") {
                    if case .word(let v) = tokens[m].kind { local.insert(v) }
                    m += 1
                }
            } else if m < tokens.count, case .word(let v) = tokens[m].kind {
                local.insert(v)
            }
        case "in":
            // Closure parameters: `{ a, b in` or `{ (a, b) in`.
            var m = k - 1, parameters: [String] = []
            while m >= 0, tokens[m].kind != .punct("{") {
                if case .word(let v) = tokens[m].kind { parameters.append(v) }
                else if ![.punct(","), .punct("("), .punct(")"), .punct(":")].contains(tokens[m].kind) { break }
                m -= 1
            }
            if m >= 0, tokens[m].kind == .punct("{") { local.formUnion(parameters) }
        default:
            names.insert(w)
        }
    }
    return (names.subtracting(local), members)
}

/// The program items (by position in `items`) in which a name declared by a
/// later cell may be used, each with those names and where they are declared.
func possibleEarlyUses(in items: [ProgramItem]) -> [(item: Int, names: [String: Declaration])] {
    var declaredLater: [String: Declaration] = [:]
    var membersLater: [String: Declaration] = [:]
    var result: [(Int, [String: Declaration])] = []
    for k in items.indices.reversed() {
        let code: String
        switch items[k] {
        case .cell(let cell): code = cell.code
        case .inline(let e): code = e.expression
        }
        if !declaredLater.isEmpty || !membersLater.isEmpty {
            let used = namesUsed(in: code)
            var hits: [String: Declaration] = [:]
            for w in used.names { if let d = declaredLater[w] ?? membersLater[w] { hits[w] = d } }
            for w in used.members { if let d = membersLater[w] { hits[w] = d } }
            if !hits.isEmpty { result.append((k, hits)) }
        }
        // An allow-error cell's declarations stay inside it.
        if case .cell(let cell) = items[k], !cell.options.allowError {
            for d in topLevelDeclarations(in: cell.code) {
                let declaration = Declaration(name: d.name, line: cell.codeLine + d.line - 1)
                if d.member { membersLater[d.name] = declaration } else { declaredLater[d.name] = declaration }
            }
        }
    }
    return result.reversed()
}

// MARK: - A small Swift tokenizer

struct SwiftToken: Equatable {
    enum Kind: Equatable {
        case word(String)
        case punct(Character)
    }
    var kind: Kind
    var line: Int
    /// Offsets (in Unicode scalars) of its first character and just past its last.
    var start = 0
    var end = 0
}

/// Words and brackets of Swift code, without comments and string literals
/// (an interpolation's code is kept). Malformed code is read as far as it goes.
func swiftTokens(_ code: String) -> [SwiftToken] {
    let s = Array(code.unicodeScalars)
    var tokens: [SwiftToken] = []
    var i = 0, line = 1
    func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
    // The depth of `\(` interpolations being read as code, with the string each returns to.
    var stringStack: [(pounds: Int, multiline: Bool, parens: Int)] = []

    func readString(pounds: Int, multiline: Bool) {
        // s[i] is just after the opening quote(s).
        while i < s.count {
            let c = s[i]
            if c == "\n" { line += 1; if !multiline { return } }
            if c == "\\" {
                var k = i + 1, n = 0
                while n < pounds, at(k) == "#" { k += 1; n += 1 }
                if n == pounds, at(k) == "(" {
                    stringStack.append((pounds, multiline, 0))
                    i = k + 1
                    return
                }
                i = k + 1
                continue
            }
            if c == "\"" {
                let quotes = multiline ? 3 : 1
                var k = i, q = 0
                while q < quotes, at(k) == "\"" { k += 1; q += 1 }
                var n = 0
                while q == quotes, n < pounds, at(k) == "#" { k += 1; n += 1 }
                if q == quotes && n == pounds { i = k; return }
                i += 1
                continue
            }
            i += 1
        }
    }

    while i < s.count {
        let c = s[i]
        switch c {
        case "\n":
            line += 1; i += 1
        case "/" where at(i + 1) == "/":
            while i < s.count, s[i] != "\n" { i += 1 }
        case "/" where at(i + 1) == "*":
            var nesting = 0
            repeat {
                if s[i] == "\n" { line += 1 }
                if s[i] == "/", at(i + 1) == "*" { nesting += 1; i += 2; continue }
                if s[i] == "*", at(i + 1) == "/" { nesting -= 1; i += 2; continue }
                i += 1
            } while i < s.count && nesting > 0
        case "#", "\"":
            var k = i, pounds = 0
            while at(k) == "#" { k += 1; pounds += 1 }
            guard at(k) == "\"" else { i += 1; continue }
            let multiline = at(k + 1) == "\"" && at(k + 2) == "\""
            i = k + (multiline ? 3 : 1)
            readString(pounds: pounds, multiline: multiline)
        case "(" where !stringStack.isEmpty:
            stringStack[stringStack.count - 1].parens += 1
            tokens.append(SwiftToken(kind: .punct("("), line: line, start: i, end: i + 1)); i += 1
        case ")" where !stringStack.isEmpty:
            if stringStack[stringStack.count - 1].parens == 0 {
                let top = stringStack.removeLast()
                i += 1
                readString(pounds: top.pounds, multiline: top.multiline)
            } else {
                stringStack[stringStack.count - 1].parens -= 1
                tokens.append(SwiftToken(kind: .punct(")"), line: line, start: i, end: i + 1)); i += 1
            }
        case "{", "}", "(", ")", ",", "=", ":", ".":
            tokens.append(SwiftToken(kind: .punct(Character(c)), line: line, start: i, end: i + 1)); i += 1
        case "`":
            var k = i + 1, w = ""
            while let d = at(k), d != "`", d != "\n" { w.unicodeScalars.append(d); k += 1 }
            tokens.append(SwiftToken(kind: .word(w), line: line, start: i, end: min(k + 1, s.count)))
            i = min(k + 1, s.count)
        default:
            if c == "_" || c.properties.isAlphabetic {
                var w = ""
                let start = i
                while let d = at(i), d == "_" || d.properties.isAlphabetic || ("0"..."9").contains(d) {
                    w.unicodeScalars.append(d); i += 1
                }
                tokens.append(SwiftToken(kind: .word(w), line: line, start: start, end: i))
            } else {
                i += 1
            }
        }
    }
    return tokens
}
