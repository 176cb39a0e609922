/// Commands handled by `parseCommand` besides the tables in Symbols.swift (for suggestions).
let functionalCommands = [
    "operatorname", "mathop", "mathrel", "mathbin", "mathord", "mathopen", "mathclose", "mathpunct", "text",
    "textrm", "textnormal", "textup", "mbox", "textit", "textbf", "texttt", "textsf", "frac", "dfrac", "tfrac",
    "cfrac", "overline", "underline", "binom", "dbinom", "tbinom", "sqrt", "overbrace", "underbrace", "overset", "underset", "stackrel",
    "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xleftrightarrow", "xmapsto", "left", "middle",
    "right", "begin", "end", "hspace", "phantom", "hphantom", "vphantom", "boxed", "not", "pmod", "bmod", "tag",
    "label", "notag", "nonumber", "eqref", "ref", "substack", "color", "textcolor", "displaystyle", "textstyle",
    "scriptstyle", "scriptscriptstyle", "limits", "nolimits", "hline",
]

/// What a command name is, found with one lookup.
enum CommandKind {
    case symbol(Symbol)
    case function(String, limits: Bool)
    case space(String)
    case font(MathFont)
    case accent(String, stretchy: Bool, under: Bool)
    case big(String)
    case functional
}

let commandTable: [String: CommandKind] = {
    var t: [String: CommandKind] = [:]
    for name in functionalCommands { t[name] = .functional }
    for (name, s) in symbols { t[name] = .symbol(s) }
    for (name, f) in namedFunctions { t[name] = .function(f.text, limits: f.limits) }
    for (name, w) in spacing { t[name] = .space(w) }
    for (name, f) in MathFont.commands { t[name] = .font(f) }
    for (name, a) in accents { t[name] = .accent(a.mark, stretchy: a.stretchy, under: a.under) }
    for (name, size) in bigSizes { t[name] = .big(size) }
    return t
}()

extension Parser {
    mutating func parseCommand(_ name: String, _ tok: Token) throws(TeXError) -> Atom? {
        switch commandTable[name] {
        case .symbol(let s)?: return symbolAtom(s)
        case .function(let text, let limits)?:
            var atom = Atom(.mi(text), .op)
            atom.isName = true
            atom.limits = limits ? .display : .never
            return atom
        case .space(let width)?: return Atom(.space(width), .space)
        case .font(let newFont)?: return Atom(try parseArgument(for: tok, font: newFont))
        case .accent(let mark, let stretchy, let under)?:
            let base = try parseArgument(for: tok, what: "argument for \\\(name)")
            let markNode = Node.mo(mark, stretchy ? " stretchy=\"true\"" : " stretchy=\"false\"")
            return Atom(under
                ? .element("munder", attrs: " accentunder=\"true\"", children: [base, markNode])
                : .element("mover", attrs: " accent=\"true\"", children: [base, markNode]))
        case .big(let size)?:
            let d = try readDelimiter(after: tok)
            let kind: Atom.Kind = name.hasSuffix("l") ? .open : name.hasSuffix("r") ? .close : name.hasSuffix("m") ? .rel : .ord
            // As in TeX: \bigl and \bigr hug what they enclose, \big is an ordinary symbol, \bigm
            // a relation. The spacing is explicit: MathML's dictionary gives a delimiter in the
            // middle of a row a thick space on both sides.
            let spacing = kind == .rel ? " lspace=\"0.2778em\" rspace=\"0.2778em\"" : " lspace=\"0em\" rspace=\"0em\""
            return Atom(.mo(d, " stretchy=\"true\" symmetric=\"true\" minsize=\"\(size)\" maxsize=\"\(size)\"" + spacing), kind)
        case .functional?, nil: break
        }
        switch name {
        case "operatorname":
            var starred = false
            if pos < tokens.count, tokens[pos].kind == .char("*") { starred = true; pos += 1 }
            var atom = Atom(try parseArgument(for: tok, font: .roman), .op)
            atom.isName = true
            atom.limits = starred ? .display : .never
            return atom
        case "mathop":
            var atom = Atom(try parseArgument(for: tok, what: "argument for \\mathop"), .op)
            atom.isName = !atom.node.isMo
            atom.limits = .display
            return atom
        case "mathrel", "mathbin", "mathord", "mathopen", "mathclose", "mathpunct":
            let node = try parseArgument(for: tok, what: "argument for \\\(name)")
            let kinds: [String: Atom.Kind] = ["mathrel": .rel, "mathbin": .bin, "mathord": .ord, "mathopen": .open,
                                              "mathclose": .close, "mathpunct": .punct]
            let kind = kinds[name] ?? .ord
            if node.isMo || kind == .ord || kind == .open || kind == .close { return Atom(node, kind) }
            let gap = kind == .rel ? "0.2778em" : kind == .bin ? "0.2222em" : "0em"
            return Atom(.row([.space(kind == .punct ? "0em" : gap), node, .space(kind == .punct ? "0.1667em" : gap)]), kind)
        case "text", "textrm", "textnormal", "textup", "mbox", "textit", "textbf", "texttt", "textsf":
            return Atom(.row(try parseText(for: tok, style: textStyles[name] ?? "")))
        case "frac", "dfrac", "tfrac", "cfrac":
            let saved = display
            display = name == "dfrac" || name == "cfrac"
            let num = try parseArgument(for: tok, what: "numerator for \\\(name)")
            let den = try parseArgument(for: tok, what: "denominator for \\\(name)")
            display = saved
            if name == "dfrac" || name == "cfrac" {
                let ds = " displaystyle=\"true\" scriptlevel=\"0\""
                let frac = Node.element("mfrac", attrs: "", children: [.element("mstyle", attrs: ds, children: [num]),
                                                                     .element("mstyle", attrs: ds, children: [den])])
                return Atom(.element("mstyle", attrs: ds, children: [frac]))
            }
            let frac = Node.element("mfrac", attrs: "", children: [num, den])
            return Atom(name == "tfrac" ? .element("mstyle", attrs: " displaystyle=\"false\"", children: [frac]) : frac)
        case "binom", "dbinom", "tbinom":
            let saved = display
            display = name == "dbinom"
            let n = try parseArgument(for: tok, what: "first argument for \\\(name)")
            let k = try parseArgument(for: tok, what: "second argument for \\\(name)")
            display = saved
            var node = Node.row([.mo("("), .element("mfrac", attrs: " linethickness=\"0\"", children: [n, k]), .mo(")")])
            if name != "binom" { node = .element("mstyle", attrs: " displaystyle=\"\(name == "dbinom")\"", children: [node]) }
            return Atom(node, .inner)
        case "sqrt":
            let saved = display
            display = false
            let index = try parseOptional(for: tok)
            display = saved
            let base = try parseArgument(for: tok, what: "argument for \\sqrt")
            if let index { return Atom(.element("mroot", attrs: "", children: [base, index])) }
            return Atom(.element("msqrt", attrs: "", children: [base]))
        case "overline", "underline":
            // A rule drawn by CSS: browsers' fonts rarely stretch an overline glyph far enough.
            let base = try parseArgument(for: tok, what: "argument for \\\(name)")
            let side = name == "overline" ? "top" : "bottom"
            return Atom(.element("mrow", attrs: " style=\"border-\(side):0.065em solid;padding-\(side):0.12em\"", children: [base]))
        case "overbrace", "underbrace":
            let base = try parseArgument(for: tok, what: "argument for \\\(name)")
            let over = name == "overbrace"
            let brace = Node.mo(over ? "⏞" : "⏟", " stretchy=\"true\"")
            var atom = Atom(over ? .element("mover", attrs: " accent=\"true\"", children: [base, brace])
                                 : .element("munder", attrs: " accentunder=\"true\"", children: [base, brace]), .op)
            atom.limits = .always
            return atom
        case "overset", "underset", "stackrel":
            scriptDepth += 1
            let script = try parseArgument(for: tok, what: "first argument for \\\(name)")
            scriptDepth -= 1
            let baseAtoms: [Atom]
            skipSpaces()
            if pos < tokens.count, tokens[pos].kind == .open {
                baseAtoms = try parseGroup()
            } else {
                baseAtoms = [Atom(try parseArgument(for: tok, what: "second argument for \\\(name)"))]
            }
            let base = row(baseAtoms)
            var kind: Atom.Kind = name == "stackrel" ? .rel : baseAtoms.count == 1 ? baseAtoms[0].kind : .ord
            let isName = name != "stackrel" && baseAtoms.contains { $0.isName }
            if isName { kind = .op }
            var atom = Atom(.element(name == "underset" ? "munder" : "mover", attrs: "", children: [base, script]), kind)
            atom.isName = isName
            return atom
        case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xleftrightarrow", "xmapsto":
            let arrows = ["xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐",
                          "xleftrightarrow": "↔", "xmapsto": "↦"]
            let saved = display
            display = false
            let below = try parseOptional(for: tok)
            let above = try parseArgument(for: tok, what: "argument for \\\(name)")
            display = saved
            func padded(_ n: Node) -> Node { .row([.space("0.4em"), n, .space("0.4em")]) }
            let arrow = Node.mo(arrows[name] ?? "→", " stretchy=\"true\" minsize=\"1.8em\"")
            if let below {
                return Atom(.element("munderover", attrs: "", children: [arrow, padded(below), padded(above)]), .rel)
            }
            return Atom(.element("mover", attrs: "", children: [arrow, padded(above)]), .rel)
        case "left":
            return Atom(try parseLeftRight(tok), .inner)
        case "middle":
            guard leftDepth > 0 else { throw error("\\middle outside \\left ... \\right", at: tok, command: "\\middle") }
            let d = try readDelimiter(after: tok)
            return Atom(.mo(d, " stretchy=\"true\" lspace=\"0.05em\" rspace=\"0.05em\""), .ord)
        case "begin":
            return try parseEnvironment(tok)
        case "hspace":
            if pos < tokens.count, tokens[pos].kind == .char("*") { pos += 1 }
            let raw = try readRawArgument()
            guard let width = cssLength(raw) else {
                throw error("\\hspace needs a length such as 1em or 2pt, not '\(raw)'", at: tok, command: "\\hspace")
            }
            return Atom(.space(width), .space)
        case "phantom", "hphantom", "vphantom":
            let inner = Node.element("mphantom", attrs: "", children: [try parseArgument(for: tok, what: "argument for \\\(name)")])
            if name == "phantom" { return Atom(inner) }
            let attrs = name == "hphantom" ? " height=\"0\" depth=\"0\"" : " width=\"0\""
            return Atom(.element("mpadded", attrs: attrs, children: [inner]))
        case "boxed":
            let inner = try parseArgument(for: tok, what: "argument for \\boxed")
            return Atom(.element("mrow", attrs: " style=\"border:0.06em solid;padding:0.2em 0.3em\"", children: [inner]))
        case "not":
            skipSpaces()
            guard pos < tokens.count else { throw error("missing relation after \\not", at: tok, command: "\\not") }
            let next = tokens[pos]
            var text: String
            switch next.kind {
            case .char(let c) where c == "=" || c == "<" || c == ">": text = String(Character(c))
            case .command(let n) where symbols[n]?.kind == .rel: text = symbols[n]?.text ?? ""
            default: throw error("\\not must precede a relation such as = or \\in", at: tok, command: "\\not")
            }
            pos += 1
            let negated = ["=": "≠", "<": "≮", ">": "≯", "∈": "∉", "≤": "≰", "≥": "≱", "⊆": "⊈", "∼": "≁", "≡": "≢",
                           "⊂": "⊄", "∣": "∤", "≅": "≇", "≈": "≉"]
            text = negated[text] ?? text + "\u{338}"
            return Atom(.mo(text, tight), .rel)
        case "pmod":
            let arg = try parseArgument(for: tok, what: "argument for \\pmod")
            return Atom(.row([.space("1em"), .mo("(", " stretchy=\"false\""), .mi("mod"), .space("0.3333em"), arg,
                              .mo(")", " stretchy=\"false\"")]), .inner)
        case "bmod":
            return Atom(.mo("mod", " lspace=\"0.2222em\" rspace=\"0.2222em\""), .bin)
        case "tag":
            guard displayFormula else { throw error("\\tag is only allowed in display math", at: tok, command: "\\tag") }
            var starred = false
            if pos < tokens.count, tokens[pos].kind == .char("*") { starred = true; pos += 1 }
            let text = try readRawArgument()
            if lines[currentLine].tag != nil { throw error("multiple \\tag in one equation", at: tok, command: "\\tag") }
            lines[currentLine].tag = (text, starred, tok.line, tok.column)
            return nil
        case "label":
            guard displayFormula else { throw error("\\label is only allowed in display math", at: tok, command: "\\label") }
            let label = try readRawArgument()
            if label.isEmpty { throw error("empty \\label", at: tok, command: "\\label") }
            lines[currentLine].labels.append((label, tok.line, tok.column))
            return nil
        case "notag", "nonumber":
            lines[currentLine].suppressed = true
            return nil
        case "eqref", "ref":
            let label = try readRawArgument()
            return Atom(.reference(label: label, parenthesized: name == "eqref", line: tok.line, column: tok.column))
        case "substack":
            skipSpaces()
            guard pos < tokens.count, tokens[pos].kind == .open else {
                throw error("missing argument for \\substack", at: tok, command: "\\substack")
            }
            let open = tokens[pos]
            pos += 1
            let rows = try parseRows(environment: nil, opener: open)
            try expectClose(openedBy: open)
            return Atom(table(rows, cellStyles: ["padding:0"], attrs: ""))
        case "color", "textcolor":
            let color = try readRawArgument()
            guard !color.isEmpty, color.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ($0 >= "0" && $0 <= "9") || $0 == "#" }) else {
                throw error("\\\(name) needs a color name such as red or #c00, not '\(color)'", at: tok, command: "\\" + name)
            }
            let attrs = " style=\"color:\(color)\""
            if name == "textcolor" {
                return Atom(.element("mrow", attrs: attrs, children: [try parseArgument(for: tok, what: "argument for \\textcolor")]))
            }
            let rest = try parseList()
            return Atom(.element("mrow", attrs: attrs, children: [row(rest)]))
        case "hline":
            throw error("\\hline must start a row of an array or matrix", at: tok, command: "\\hline")
        case "newcommand", "renewcommand", "def", "DeclareMathOperator":
            throw error("\\\(name) is not allowed inside a formula: declare macros in the front matter", at: tok, command: "\\" + name)
        default:
            let known = Array(commandTable.keys) + Array(macros.keys)
            let close = closest(to: name, among: known)
            var message = "unknown command \\\(name)"
            if let close { message += "; did you mean \\\(close)?" }
            throw error(message, at: tok, command: "\\" + name, suggestion: close.map { "\\" + $0 })
        }
    }

    func symbolAtom(_ s: Symbol) -> Atom {
        switch s.kind {
        case .letter:
            if let font, font != .roman { return Atom(.mi(font.map(s.text))) }
            return Atom(.mi(s.text))
        case .upright:
            if let font, font != .roman, font != .italic { return Atom(.mi(font.map(s.text))) }
            return Atom(.mi(s.text, font == .italic ? "" : " mathvariant=\"normal\""))
        case .ord: return Atom(.mi(s.text))
        case .ordOperator:
            let fence = s.text == "‖" || s.text == "|"
            return Atom(.mo(s.text, fence ? " stretchy=\"false\" lspace=\"0em\" rspace=\"0em\"" : " lspace=\"0em\" rspace=\"0em\""))
        case .bin: return Atom(.mo(s.text, tight), .bin)
        case .rel:
            let vertical = ["∣", "∥", "↑", "↓", "↕", "⇑", "⇓", "∤"].contains(s.text)
            return Atom(.mo(s.text, (vertical ? " stretchy=\"false\"" : "") + tight), .rel)
        case .punct: return Atom(.mo(s.text), .punct)
        case .open: return Atom(.mo(s.text, " stretchy=\"false\""), .open)
        case .close: return Atom(.mo(s.text, " stretchy=\"false\""), .close)
        case .largeOp:
            var a = Atom(.mo(s.text), .op)
            a.limits = .display
            return a
        case .integral:
            return Atom(.mo(s.text), .op)
        }
    }

    /// Reads the delimiter after `\left`, `\right`, `\middle` or `\big`; "" for `.`.
    mutating func readDelimiter(after tok: Token) throws(TeXError) -> String {
        skipSpaces()
        let what = commandName(tok) ?? ""
        guard pos < tokens.count else { throw error("missing delimiter after \(what)", at: tok, command: what) }
        let next = tokens[pos]
        switch next.kind {
        case .char(".") : pos += 1; return ""
        case .char(let c) where delimiterChars.contains(c):
            pos += 1
            return c == "<" ? "⟨" : c == ">" ? "⟩" : String(Character(c))
        case .command(let n):
            if let d = delimiterCommands[n] { pos += 1; return d }
        default: break
        }
        throw error("missing delimiter after \(what): expected one of ( ) [ ] \\{ \\} | \\| \\langle \\rangle .", at: tok, command: what)
    }

    /// `\left` d ... `\right` d, with `\middle` allowed inside.
    mutating func parseLeftRight(_ tok: Token) throws(TeXError) -> Node {
        let open = try readDelimiter(after: tok)
        leftDepth += 1
        let content = try parseList()
        leftDepth -= 1
        guard pos < tokens.count else {
            throw error("\\left\(open.isEmpty ? "." : open) without a matching \\right", at: tok, command: "\\left")
        }
        let end = tokens[pos]
        guard end.kind == .command("right") else {
            if end.kind == .close || end.kind == .command("end") || end.kind == .char("&") || end.kind == .command("\\") {
                throw error("\\left\(open.isEmpty ? "." : open) without a matching \\right before this point", at: tok, command: "\\left")
            }
            throw unexpectedTerminator(end, inside: "\\left ... \\right")
        }
        pos += 1
        let close = try readDelimiter(after: end)
        var children: [Node] = []
        if !open.isEmpty { children.append(.mo(open, " fence=\"true\" form=\"prefix\" stretchy=\"true\"")) }
        children.append(row(content))
        if !close.isEmpty { children.append(.mo(close, " fence=\"true\" form=\"postfix\" stretchy=\"true\"")) }
        return .element("mrow", attrs: "", children: children)
    }
}

let textStyles = [
    "textit": " style=\"font-style:italic\"", "textbf": " style=\"font-weight:bold\"",
    "texttt": " style=\"font-family:monospace\"", "textsf": " style=\"font-family:sans-serif\"",
]

/// A TeX length as CSS (`2pt`, `1em`, `3mu`), or nil.
func cssLength(_ raw: String) -> String? {
    let s = raw.filter { $0 != " " }
    for unit in ["em", "ex", "pt", "px", "cm", "mm", "in", "mu"] where s.hasSuffix(unit) {
        let number = String(s.dropLast(2))
        guard let value = Double(number) else { return nil }
        if unit == "mu" { return "\(value / 18)em" }
        return number + unit
    }
    return nil
}
