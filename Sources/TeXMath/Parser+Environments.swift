extension Parser {
    /// `\begin{name}` ... `\end{name}`, with the `\begin` token already consumed.
    mutating func parseEnvironment(_ tok: Token) throws(TeXError) -> Atom {
        let name = try readRawArgument()
        let command = "\\begin{\(name)}"
        guard environmentNames.contains(name) else {
            let close = closest(to: name, among: environmentNames)
            var message = "unknown environment '\(name)'"
            if let close { message += "; did you mean \\begin{\(close)}?" }
            throw error(message, at: tok, command: command, suggestion: close.map { "\\begin{\($0)}" })
        }
        let saved = display
        defer { display = saved }
        let wholeFormula = ["equation", "equation*", "align", "align*", "gather", "gather*"].contains(name)
        if wholeFormula {
            guard displayFormula, depth == 1, wholeFormulaToken == nil else {
                throw error("\\begin{\(name)} must be the whole display formula; inside other math use aligned or gathered",
                            at: tok, command: command)
            }
            wholeFormulaToken = tok
        }
        switch name {
        case "equation", "equation*":
            lines[currentLine].automatic = name == "equation"
            let content = try parseList()
            guard pos < tokens.count else { throw error("missing \\end{\(name)} for this \\begin{\(name)}", at: tok, command: command) }
            let end = tokens[pos]
            guard end.kind == .command("end") else { throw unexpectedTerminator(end, inside: name) }
            pos += 1
            try checkEnd(name, at: end)
            wholeFormulaToken = nil
            return Atom(row(content))
        case "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix":
            display = false
            let rows = try parseRows(environment: name, opener: tok)
            let fences = ["pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"), "vmatrix": ("|", "|"),
                          "Vmatrix": ("‖", "‖")]
            let attrs = name == "smallmatrix" ? " scriptlevel=\"1\"" : ""
            let t = table(rows, cellStyles: [name == "smallmatrix" ? "padding:0 0.2em" : ""], attrs: attrs, rules: lastRules)
            guard let (l, r) = fences[name] else { return Atom(t) }
            return Atom(.element("mrow", attrs: "", children: [
                .mo(l, " fence=\"true\" form=\"prefix\" stretchy=\"true\""), t,
                .mo(r, " fence=\"true\" form=\"postfix\" stretchy=\"true\""),
            ]), .inner)
        case "cases", "dcases", "rcases":
            display = name == "dcases"
            let rows = try parseRows(environment: name, opener: tok)
            let t = table(rows, cellStyles: ["text-align:left;text-align:-webkit-left;padding-left:0", "text-align:left;text-align:-webkit-left;padding-left:1em;padding-right:0"],
                          attrs: name == "dcases" ? " displaystyle=\"true\"" : "", rules: lastRules)
            let brace = Node.mo(name == "rcases" ? "}" : "{", " fence=\"true\" form=\"\(name == "rcases" ? "postfix" : "prefix")\" stretchy=\"true\"")
            return Atom(.element("mrow", attrs: "", children: name == "rcases" ? [t, brace] : [brace, t]), .inner)
        case "aligned", "align", "align*", "split", "gathered", "gather", "gather*":
            display = true
            let numbered = name == "align" || name == "gather"
            let rows = try parseRows(environment: name, opener: tok, numberRows: wholeFormula, automatic: numbered)
            let styles = name.hasPrefix("gather")
                ? ["padding-left:0;padding-right:0"]
                : (0..<max(1, rows.map(\.count).max() ?? 1)).map { i in
                    i % 2 == 0 ? "text-align:right;text-align:-webkit-right;padding-left:\(i == 0 ? "0" : "2em");padding-right:0"
                               : "text-align:left;text-align:-webkit-left;padding-left:0;padding-right:0"
                }
            let attrs = " displaystyle=\"true\""
            if wholeFormula { wholeFormulaRows = (rows, styles, attrs) }
            return Atom(table(rows, cellStyles: styles, attrs: attrs, rules: lastRules))
        case "array", "subarray":
            let spec = try readRawArgument()
            var styles: [String] = []
            var pendingBorder = false
            for c in spec.unicodeScalars {
                switch c {
                case "l", "c", "r":
                    let align = c == "l" ? "left" : c == "r" ? "right" : "center"
                    var parts = align == "center" ? [] : ["text-align:\(align)", "text-align:-webkit-\(align)"]
                    if pendingBorder { parts.append("border-left:0.06em solid") }
                    if name == "subarray" { parts.append("padding:0") }
                    styles.append(parts.joined(separator: ";"))
                    pendingBorder = false
                case "|":
                    if styles.isEmpty || pendingBorder { pendingBorder = true } else { styles[styles.count - 1] += styles[styles.count - 1].isEmpty ? "border-right:0.06em solid" : ";border-right:0.06em solid" }
                case " ": break
                default:
                    throw error("unknown column type '\(Character(c))' in \\begin{\(name)}: use l, c, r or |", at: tok, command: command)
                }
            }
            guard !styles.isEmpty else { throw error("\\begin{\(name)} needs columns such as {cc}", at: tok, command: command) }
            display = false
            let rows = try parseRows(environment: name, opener: tok)
            if let wide = rows.first(where: { $0.count > styles.count }) {
                throw error("a row of \\begin{\(name)} has \(wide.count) cells but the column spec '\(spec)' has \(styles.count)",
                            at: tok, command: command)
            }
            return Atom(table(rows, cellStyles: styles, attrs: name == "subarray" ? " scriptlevel=\"1\"" : "", rules: lastRules))
        default:
            throw error("unknown environment '\(name)'", at: tok, command: command)
        }
    }

    mutating func checkEnd(_ name: String, at end: Token) throws(TeXError) {
        let endName = try readRawArgument()
        guard endName == name else {
            throw error("\\begin{\(name)} ended by \\end{\(endName)}", at: end, command: "\\end{\(endName)}")
        }
    }

    /// Cells separated by `&` and rows by `\\`, up to `\end{environment}` (consumed) or, without an
    /// environment (`\substack`), up to the closing brace (left in place).
    mutating func parseRows(environment: String?, opener: Token, numberRows: Bool = false, automatic: Bool = false) throws(TeXError) -> [[Node]] {
        var rows: [[Node]] = []
        var cells: [Node] = []
        if numberRows { lines[currentLine].automatic = automatic }
        lastRules = []
        var rules: Set<Int> = []
        while true {
            // `\hline` at the start of a row draws a rule above it.
            skipSpaces()
            while pos < tokens.count, tokens[pos].kind == .command("hline") {
                rules.insert(rows.count)
                pos += 1
                skipSpaces()
            }
            let atoms = try parseList()
            cells.append(row(atoms))
            guard pos < tokens.count else {
                if let environment {
                    throw error("missing \\end{\(environment)} for this \\begin{\(environment)}", at: opener, command: "\\begin{\(environment)}")
                }
                throw error("unbalanced braces: '{' is never closed", at: opener, command: "{")
            }
            let t = tokens[pos]
            switch t.kind {
            case .char("&"):
                pos += 1
            case .command("\\"):
                pos += 1
                rows.append(cells)
                cells = []
                skipSpaces()
                if pos < tokens.count, tokens[pos].kind == .char("[") {
                    while pos < tokens.count, tokens[pos].kind != .char("]") { pos += 1 }
                    pos += 1
                }
                if numberRows {
                    lines.append(EquationLine(automatic: automatic))
                    currentLine += 1
                }
            case .command("end"):
                guard let environment else { throw unexpectedTerminator(t, inside: "\\substack") }
                pos += 1
                try checkEnd(environment, at: t)
                rows.append(cells)
                let kept = dropTrailingEmptyRow(rows, numbered: numberRows)
                lastRules = rules
                return kept
            case .close where environment == nil:
                rows.append(cells)
                return dropTrailingEmptyRow(rows, numbered: numberRows)
            case .close:
                throw error("unbalanced braces: unexpected '}' inside \\begin{\(environment ?? "")}", at: t, command: "}")
            default:
                throw unexpectedTerminator(t, inside: environment ?? "\\substack")
            }
        }
    }

    private mutating func dropTrailingEmptyRow(_ rows: [[Node]], numbered: Bool) -> [[Node]] {
        guard rows.count > 1, let last = rows.last, last.count == 1,
              last[0].isEmptyRow else { return rows }
        if numbered, lines.count > 1, lines[lines.count - 1].tag == nil, lines[lines.count - 1].labels.isEmpty {
            lines.removeLast()
            currentLine -= 1
        }
        return Array(rows.dropLast())
    }

    /// An `mtable`; cell `i` of a row gets `cellStyles[i]` (the last style repeats).
    /// `rules` holds the rows with a rule above them (`rows.count` for a rule below the last row).
    func table(_ rows: [[Node]], cellStyles: [String], attrs: String, rules: Set<Int> = []) -> Node {
        .element("mtable", attrs: attrs, children: rows.enumerated().map { r, cells in
            .element("mtr", attrs: "", children: cells.enumerated().map { i, cell in
                var style = cellStyles.isEmpty ? "" : cellStyles[min(i, cellStyles.count - 1)]
                if rules.contains(r) { style += (style.isEmpty ? "" : ";") + "border-top:0.06em solid" }
                if r == rows.count - 1, rules.contains(rows.count) { style += (style.isEmpty ? "" : ";") + "border-bottom:0.06em solid" }
                return .element("mtd", attrs: style.isEmpty ? "" : " style=\"\(style)\"", children: [cell])
            })
        })
    }

    // MARK: Text

    /// The argument of `\text` and friends: text, with `$...$` math and nested text commands inside.
    mutating func parseText(for tok: Token, style: String) throws(TeXError) -> [Node] {
        skipSpaces()
        let what = commandName(tok) ?? "\\text"
        guard pos < tokens.count else { throw error("missing argument for \(what)", at: tok, command: what) }
        var nodes: [Node] = []
        var buffer = ""
        func flush() {
            guard !buffer.isEmpty else { return }
            var s = buffer
            if s.hasPrefix(" ") { s = "\u{A0}" + s.dropFirst() }
            if s.hasSuffix(" ") { s = s.dropLast() + "\u{A0}" }
            nodes.append(.token("mtext", attrs: style, text: s))
            buffer = ""
        }
        let first = tokens[pos]
        switch first.kind {
        case .open: pos += 1
        case .char(let c) where c != "^" && c != "_" && c != "&" && c != "$":
            pos += 1
            return [.token("mtext", attrs: style, text: String(Character(c)))]
        default: throw error("missing argument for \(what)", at: tok, command: what)
        }
        var level = 0
        while true {
            guard pos < tokens.count else { throw error("unbalanced braces: '{' is never closed", at: first, command: "{") }
            let t = tokens[pos]
            pos += 1
            switch t.kind {
            case .open: level += 1
            case .close:
                if level == 0 { flush(); return nodes }
                level -= 1
            case .space: buffer += " "
            case .char("$"):
                flush()
                let saved = display
                display = false
                let atoms = try parseList(stopAtDollar: true)
                display = saved
                guard pos < tokens.count, tokens[pos].kind == .char("$") else {
                    throw error("unterminated '$' inside \(what)", at: t, command: "$")
                }
                pos += 1
                nodes.append(row(atoms))
            case .char("~"): buffer += "\u{A0}"
            case .char(let c): buffer.unicodeScalars.append(c)
            case .param(let n): throw error("'#\(n)' outside a macro definition", at: t, command: "#\(n)")
            case .command(let n):
                if ["%", "&", "$", "#", "_", "{", "}", " "].contains(n) {
                    buffer += n
                } else if let w = spacing[n] {
                    flush()
                    nodes.append(.space(w))
                } else if n == "textbackslash" {
                    buffer += "\\"
                } else if n == "ldots" || n == "dots" || n == "textellipsis" {
                    buffer += "…"
                } else if n == "text" || n == "textrm" || textStyles[n] != nil {
                    flush()
                    nodes += try parseText(for: t, style: textStyles[n] ?? style)
                } else {
                    let known = ["textbackslash", "ldots", "dots", "text", "textrm"] + Array(textStyles.keys) + Array(spacing.keys)
                    let close = closest(to: n, among: known)
                    throw error("unknown command \\\(n) in text" + (close.map { "; did you mean \\\($0)?" } ?? ""),
                                at: t, command: "\\" + n, suggestion: close.map { "\\" + $0 })
                }
            }
        }
    }
}
