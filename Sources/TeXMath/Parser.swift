/// One item of a math list: a node with its TeX class and pending scripts.
struct Atom {
    enum Kind { case ord, op, bin, rel, open, close, punct, inner, space }
    enum Limits { case display, always, never }
    var node: Node
    var kind: Kind
    var limits: Limits = .never
    /// An upright operator name (`\log`, `\max`, `\operatorname{}`): gets explicit thin spaces.
    var isName = false
    var displayStyle = false
    var sub: Node?
    var sup: Node?
    var primes = 0

    init(_ node: Node, _ kind: Kind = .ord) {
        self.node = node
        self.kind = kind
    }
}

/// Style commands and the script level they set.
let styleLevels = ["displaystyle": "0", "textstyle": "0", "scriptstyle": "1", "scriptscriptstyle": "2"]

extension Atom.Kind {
    /// TeX puts a thin space between this and a following operator name (Ord-Op, Close-Op, Inner-Op).
    var spacedBeforeName: Bool {
        switch self {
        case .ord, .close, .inner: return true
        default: return false
        }
    }
    /// A binary operator right after this is unary (`= -x`, `(-x`, `a + -b`).
    var makesNextBinaryUnary: Bool {
        switch self {
        case .bin, .rel, .open, .punct, .op: return true
        default: return false
        }
    }
    /// TeX puts a thin space between an operator name and this (Op-Ord, Op-Op, Op-Inner).
    var spacedAfterName: Bool {
        switch self {
        case .ord, .op, .inner: return true
        default: return false
        }
    }
}

/// One numbered line of a display formula: its `\tag`, labels, and whether it is numbered automatically.
struct EquationLine {
    var tag: (text: String, starred: Bool, line: Int, column: Int)?
    var labels: [(name: String, line: Int, column: Int)] = []
    var automatic = false
    var suppressed = false
}

/// A macro with its body already tokenized (or the error found doing so).
struct LexedMacro {
    var arity: Int
    var body: Result<[Token], TeXError>
}

/// Recursive-descent parser from TeX tokens to MathML nodes, one formula at a time.
struct Parser {
    var tokens: [Token]
    var pos = 0
    let macros: [String: LexedMacro]
    let displayFormula: Bool
    /// Current style: true in display style (limits go under large operators).
    var display: Bool
    var font: MathFont?
    var leftDepth = 0
    /// Inside a sub- or superscript: TeX drops the spaces around binary operators and relations there.
    var scriptDepth = 0
    var expansions = 0
    var lines = [EquationLine()]
    var currentLine = 0
    /// Set when the whole formula is a numbered multi-line environment (`align`, `gather`).
    var wholeFormulaRows: (rows: [[Node]], cellStyles: [String], tableAttrs: String)?
    var wholeFormulaToken: Token?
    var depth = 0
    /// Recursion depth of atoms, bounded so that hostile input cannot exhaust the stack.
    var nesting = 0
    /// Rows with `\hline` above them in the table `parseRows` parsed last.
    var lastRules: Set<Int> = []

    init(tokens: [Token], macros: [String: LexedMacro], display: Bool) {
        self.tokens = tokens
        self.macros = macros
        self.displayFormula = display
        self.display = display
    }

    /// Extra attributes of binary operators and relations: none, or no spacing inside scripts.
    var tight: String { scriptDepth > 0 ? " lspace=\"0em\" rspace=\"0em\"" : "" }
    var endPosition: (Int, Int) {
        guard let last = tokens.last else { return (1, 1) }
        return (last.line, last.column + 1)
    }

    func error(_ message: String, at token: Token?, command: String? = nil, suggestion: String? = nil) -> TeXError {
        let (line, column) = token.map { ($0.line, $0.column) } ?? endPosition
        return TeXError(message: message, line: line, column: column, command: command, suggestion: suggestion)
    }

    mutating func skipSpaces() {
        while pos < tokens.count, tokens[pos].kind == .space { pos += 1 }
    }

    // MARK: Lists

    /// Parses atoms until a terminator (`}`, `&`, `\\`, `\right`, `\end`, end of input, and `]` or `$`
    /// when asked), which it leaves in place.
    mutating func parseList(stopAtBracket: Bool = false, stopAtDollar: Bool = false) throws(TeXError) -> [Atom] {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw error("formula nested deeper than 200 groups (braces, arguments, environments); flatten it", at: tokens[min(pos, tokens.count - 1)]) }
        var atoms: [Atom] = []
        while pos < tokens.count {
            let tok = tokens[pos]
            switch tok.kind {
            case .space: pos += 1
            case .close: return atoms
            case .char("&"): return atoms
            case .char("]") where stopAtBracket: return atoms
            case .char("$") where stopAtDollar: return atoms
            case .command("\\"), .command("right"), .command("end"): return atoms
            case .char("^"), .char("_"): try attachScript(to: &atoms)
            case .char("'"): try attachPrimes(to: &atoms)
            case .command(let name) where styleLevels[name] != nil:
                pos += 1
                let saved = display
                display = name == "displaystyle"
                let rest = try parseList(stopAtBracket: stopAtBracket, stopAtDollar: stopAtDollar)
                display = saved
                let level = styleLevels[name] ?? "0"
                let attrs = " displaystyle=\"\(name == "displaystyle")\" scriptlevel=\"\(level)\""
                var atom = Atom(.element("mstyle", attrs: attrs, children: [row(rest)]), .ord)
                if rest.count == 1 { atom.kind = rest[0].kind }
                atoms.append(atom)
                return atoms
            case .command(let name) where name == "limits" || name == "nolimits":
                guard let last = atoms.indices.last, atoms[last].kind == .op else {
                    throw error("\\\(name) must follow an operator such as \\sum or \\mathop{}", at: tok, command: "\\" + name)
                }
                atoms[last].limits = name == "limits" ? .always : .never
                pos += 1
            default:
                if let atom = try parseAtom(single: false) { atoms.append(atom) }
            }
        }
        return atoms
    }

    /// Parses `{...}` after the opening brace at `pos`, consuming both braces.
    mutating func parseGroup() throws(TeXError) -> [Atom] {
        let open = tokens[pos]
        pos += 1
        let atoms = try parseList()
        try expectClose(openedBy: open)
        return atoms
    }

    /// Consumes the `}` matching `open`, or throws the error that fits the token found instead.
    mutating func expectClose(openedBy open: Token) throws(TeXError) {
        guard pos < tokens.count else { throw error("unbalanced braces: '{' is never closed", at: open, command: "{") }
        let tok = tokens[pos]
        switch tok.kind {
        case .close: pos += 1
        case .char("&"), .command("\\"):
            let what = tok.kind == .char("&") ? "&" : "\\\\"
            throw error("'\(what)' inside braces: a group cannot span alignment cells or rows", at: tok, command: what)
        default: throw unexpectedTerminator(tok, inside: "braces")
        }
    }

    /// The error for a terminator met where it does not belong.
    func unexpectedTerminator(_ tok: Token, inside context: String) -> TeXError {
        switch tok.kind {
        case .close: return error("unbalanced braces: unexpected '}'", at: tok, command: "}")
        case .char("&"): return error("'&' outside an alignment environment (aligned, cases, matrix, ...)", at: tok, command: "&")
        case .char("]"): return error("unexpected ']'", at: tok, command: "]")
        case .char("$"): return error("unexpected '$' inside math", at: tok, command: "$")
        case .command("\\"): return error("'\\\\' outside an alignment environment (aligned, cases, matrix, ...)", at: tok, command: "\\\\")
        case .command("right"): return error("\\right without a matching \\left", at: tok, command: "\\right")
        case .command("end"):
            var probe = self
            probe.pos += 1
            let name = (try? probe.readRawArgument()) ?? ""
            return error("\\end{\(name)} without a matching \\begin{\(name)}", at: tok, command: "\\end{\(name)}")
        default: return error("unexpected input in \(context)", at: tok)
        }
    }

    // MARK: Scripts

    mutating func attachScript(to atoms: inout [Atom]) throws(TeXError) {
        let tok = tokens[pos]
        let isSup = tok.kind == .char("^")
        pos += 1
        if atoms.isEmpty || atoms[atoms.count - 1].kind == .space { atoms.append(Atom(.element("mrow", attrs: "", children: []))) }
        let i = atoms.count - 1
        if isSup, atoms[i].sup != nil { throw error("double superscript: use braces, as in x^{ab} or {x^a}^b", at: tok, command: "^") }
        if !isSup, atoms[i].sub != nil { throw error("double subscript: use braces, as in x_{ab} or {x_a}_b", at: tok, command: "_") }
        let saved = display
        display = false
        scriptDepth += 1
        defer { display = saved; scriptDepth -= 1 }
        let arg = try parseArgument(for: tok, what: isSup ? "superscript after '^'" : "subscript after '_'")
        if isSup { atoms[i].sup = arg } else { atoms[i].sub = arg }
    }

    mutating func attachPrimes(to atoms: inout [Atom]) throws(TeXError) {
        let tok = tokens[pos]
        var count = 0
        while pos < tokens.count, tokens[pos].kind == .char("'") { count += 1; pos += 1 }
        if atoms.isEmpty { atoms.append(Atom(.element("mrow", attrs: "", children: []))) }
        let i = atoms.count - 1
        if atoms[i].sup != nil { throw error("double superscript: a prime after a superscript needs braces", at: tok, command: "'") }
        atoms[i].primes += count
    }

    // MARK: Arguments

    /// Parses one argument: a braced group, or a single token (with its own arguments if a command).
    mutating func parseArgument(for owner: Token, what: String) throws(TeXError) -> Node {
        skipSpaces()
        guard pos < tokens.count else { throw error("missing \(what)", at: owner, command: commandName(owner)) }
        switch tokens[pos].kind {
        case .open: return row(try parseGroup())
        case .close, .char("&"), .char("^"), .char("_"), .command("\\"), .command("end"), .command("right"):
            throw error("missing \(what)", at: owner, command: commandName(owner))
        default:
            if let atom = try parseAtom(single: true) { return finalize(atom) }
            // A macro expanded in place: parse its first token as the argument.
            return try parseArgument(for: owner, what: what)
        }
    }

    /// An argument parsed with a different font.
    mutating func parseArgument(for owner: Token, font newFont: MathFont?) throws(TeXError) -> Node {
        let saved = font
        font = newFont
        defer { font = saved }
        return try parseArgument(for: owner, what: "argument for \(commandName(owner) ?? "")")
    }

    /// Reads a braced argument as plain text (labels, environment names, colors, dimensions).
    mutating func readRawArgument() throws(TeXError) -> String {
        skipSpaces()
        guard pos < tokens.count, tokens[pos].kind == .open else {
            throw error("missing '{'", at: pos < tokens.count ? tokens[pos] : nil)
        }
        let open = tokens[pos]
        pos += 1
        var text = ""
        var level = 0
        while pos < tokens.count {
            let tok = tokens[pos]
            pos += 1
            switch tok.kind {
            case .open: level += 1; text += "{"
            case .close:
                if level == 0 { return text }
                level -= 1; text += "}"
            case .char(let c): text.unicodeScalars.append(c)
            case .space: text += " "
            case .command(let name): text += "\\" + name
            case .param(let n): text += "#\(n)"
            }
        }
        throw error("unbalanced braces: '{' is never closed", at: open, command: "{")
    }

    /// Reads `[...]` as a node if present.
    mutating func parseOptional(for owner: Token) throws(TeXError) -> Node? {
        skipSpaces()
        guard pos < tokens.count, tokens[pos].kind == .char("[") else { return nil }
        let open = tokens[pos]
        pos += 1
        let atoms = try parseList(stopAtBracket: true)
        guard pos < tokens.count else { throw error("missing ']' for the '[' of \(commandName(owner) ?? "")", at: open) }
        guard tokens[pos].kind == .char("]") else { throw unexpectedTerminator(tokens[pos], inside: "brackets") }
        pos += 1
        return row(atoms)
    }

    func commandName(_ tok: Token) -> String? {
        switch tok.kind {
        case .command(let n): return "\\" + n
        case .char(let c): return String(Character(c))
        default: return nil
        }
    }

    // MARK: Rows

    /// The node of an atom with its scripts attached (limits under large operators in display style).
    func finalize(_ a: borrowing Atom) -> Node {
        var base = a.node
        if a.primes > 0 {
            // Unicode primes are already raised glyphs: they follow the base rather than sit in a superscript.
            let marks = ["′", "″", "‴", "⁗"]
            let p = Node.mo(a.primes <= 4 ? marks[a.primes - 1] : String(repeating: "′", count: a.primes), " lspace=\"0em\" rspace=\"0em\"")
            base = .element("mrow", base, p)
        }
        guard a.sub != nil || a.sup != nil else { return base }
        let under = a.kind == .op && (a.limits == .always || (a.limits == .display && a.displayStyle))
        if under {
            if base.isMo { base = base.adding(" movablelimits=\"false\"") }
            switch (a.sub, a.sup) {
            case let (b?, t?): return .element("munderover", base, b, t)
            case let (b?, nil): return .element("munder", base, b)
            case let (nil, t?): return .element("mover", base, t)
            default: return base
            }
        }
        switch (a.sub, a.sup) {
        case let (b?, t?): return .element("msubsup", base, b, t)
        case let (b?, nil): return .element("msub", base, b)
        case let (nil, t?): return .element("msup", base, t)
        default: return base
        }
    }

    /// A row of atoms, with thin spaces around operator names where TeX puts them.
    func row(_ atoms: [Atom]) -> Node {
        var children: [Node] = []
        children.reserveCapacity(atoms.count)
        for i in atoms.indices {
            let isName = atoms[i].isName
            if isName, i > 0, atoms[i - 1].kind.spacedBeforeName { children.append(.space("0.1667em")) }
            if atoms[i].kind == .bin, i > 0, atoms[i - 1].kind.makesNextBinaryUnary, atoms[i].node.isMo {
                // TeX reads a binary operator after a relation, an opening or another operator as unary.
                var unary = atoms[i]
                unary.node = unary.node.adding(" form=\"prefix\"")
                children.append(finalize(unary))
            } else {
                children.append(finalize(atoms[i]))
            }
            if isName, i + 1 < atoms.count, atoms[i + 1].kind.spacedAfterName {
                children.append(.space("0.1667em"))
            }
        }
        return .row(children.isEmpty ? [] : children)
    }
}
