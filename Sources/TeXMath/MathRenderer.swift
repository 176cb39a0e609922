/// A user macro: `\name` with `arity` arguments expands to `body`, where `#1`...`#9` stand for them.
///
/// ```swift
/// let kl = Macro(arity: 2, body: "D_{\\mathrm{KL}}(#1 \\,\\|\\, #2)")
/// ```
public struct Macro: Sendable, Equatable {
    /// Number of arguments (0...9).
    public var arity: Int
    /// Replacement TeX.
    public var body: String
    /// Creates a macro.
    /// - Parameters:
    ///   - arity: number of arguments, 0 to 9.
    ///   - body: replacement TeX using `#1`...`#9`.
    public init(arity: Int = 0, body: String) {
        self.arity = arity
        self.body = body
    }
}

/// Converts TeX math to MathML Core at build time.
///
/// ```swift
/// let r = MathRenderer(macros: ["R": Macro(body: "\\mathbb{R}")])
/// try r.render("x \\in \\R", display: false)
/// // <math><semantics><mrow><mi>x</mi><mo>∈</mo><mi>ℝ</mi></mrow><annotation encoding="application/x-tex">x \in \R</annotation></semantics></math>
/// ```
public struct MathRenderer: Sendable {
    let macros: [String: LexedMacro]

    /// Creates a renderer.
    /// - Parameter macros: name without backslash → macro, e.g. `["R": Macro(body: "\\mathbb{R}")]`.
    public init(macros: [String: Macro] = [:]) {
        var lexed: [String: LexedMacro] = [:]
        for (name, m) in macros {
            let body: Result<[Token], TeXError>
            do throws(TeXError) { body = .success(try lex(m.body)) } catch { body = .failure(error) }
            lexed[name] = LexedMacro(arity: max(0, min(9, m.arity)), body: body)
        }
        self.macros = lexed
    }

    /// Renders every formula of one document in order, so that `\tag`, `\label`, `\eqref`, `\ref`
    /// and automatic equation numbering work across the document (forward references too).
    ///
    /// A display formula is numbered when it is an `equation`, `align` or `gather` environment, or
    /// has a `\label`; `\tag{x}` sets its own tag and `\notag` suppresses the number.
    ///
    /// - Parameter formulas: the TeX of each formula (without delimiters), and whether it is display math.
    /// - Returns: one result per input, in order: the MathML, or the first error with its position.
    /// - Complexity: linear in the total length of the formulas (plus macro expansion).
    public func renderDocument(_ formulas: [(tex: String, display: Bool)]) -> [Result<String, TeXError>] {
        renderDocument(formulas, memoizing: true)
    }

    /// `renderDocument`, with `memoizing: false` rendering every copy of a repeated formula anew
    /// (what the tests compare the memoized results with).
    func renderDocument(_ formulas: [(tex: String, display: Bool)], memoizing: Bool) -> [Result<String, TeXError>] {
        // Parsing depends only on the TeX and the display flag, so each distinct formula is parsed once:
        // formula i is `parsed[distinct[i]]`.
        var index: [FormulaKey: Int] = [:]
        var distinct: [Int] = []
        var parsed: [Result<Parsed, TeXError>] = []
        /// Per distinct formula: whether it parsed and has a line to number, tag or label.
        var hasNumbers: [Bool] = []
        distinct.reserveCapacity(formulas.count)
        for f in formulas {
            if memoizing {
                let key = FormulaKey(tex: f.tex, display: f.display)
                if let d = index[key] {
                    distinct.append(d)
                    continue
                }
                index[key] = parsed.count
            }
            distinct.append(parsed.count)
            do throws(TeXError) {
                let p = try parse(f.tex, display: f.display)
                parsed.append(.success(p))
                hasNumbers.append(!p.isUnnumbered)
            } catch {
                parsed.append(.failure(error))
                hasNumbers.append(false)
            }
        }
        // Number the equation lines and collect labels, in document order: every copy of a numbered
        // formula gets its own numbers.
        var counter = 0
        var labels: [String: (text: String, anchor: String)] = [:]
        var labelOrder: [String] = []
        var numbered: [Int: Result<Parsed, TeXError>] = [:]
        for i in formulas.indices {
            guard hasNumbers[distinct[i]], case .success(var p) = parsed[distinct[i]] else { continue }
            var failure: TeXError?
            for j in p.lines.indices {
                let line = p.lines[j]
                var number: String?
                if let tag = line.tag {
                    number = tag.text
                    p.tags.append(tag.starred ? tag.text : "(" + tag.text + ")")
                } else if !line.suppressed, line.automatic || !line.labels.isEmpty {
                    counter += 1
                    number = String(counter)
                    p.tags.append("(\(counter))")
                } else {
                    p.tags.append(nil)
                }
                var anchor: String?
                for label in line.labels {
                    if labels[label.name] != nil {
                        failure = failure ?? TeXError(message: "duplicate label '\(label.name)'", line: label.line,
                                                      column: label.column, command: "\\label")
                        continue
                    }
                    let id = anchor ?? anchorID(label.name)
                    anchor = id
                    labels[label.name] = (number ?? "", id)
                    labelOrder.append(label.name)
                }
                p.anchors.append(anchor)
            }
            numbered[i] = failure.map { .failure($0) } ?? .success(p)
        }
        // A formula that is neither numbered nor refers to a label has the same MathML wherever it
        // stands (and a formula that does not parse, the same error), so that is worked out once,
        // for its first copy.
        var done = [Result<String, TeXError>?](repeating: nil, count: parsed.count)
        var results: [Result<String, TeXError>] = []
        results.reserveCapacity(formulas.count)
        for i in formulas.indices {
            let d = distinct[i]
            let copy = numbered[i]
            if copy == nil, let result = done[d] {
                results.append(result)
                continue
            }
            let result: Result<String, TeXError>
            var free = false
            switch copy ?? parsed[d] {
            case .failure(let e):
                result = .failure(e)
                free = copy == nil
            case .success(let p):
                free = memoizing && p.isPositionFree
                do throws(TeXError) { result = .success(try serialize(p, tex: formulas[i].tex, display: formulas[i].display,
                                                                      labels: { labels[$0] }, known: labelOrder)) }
                catch { result = .failure(error) }
            }
            if free, memoizing { done[d] = result }
            results.append(result)
        }
        return results
    }

    /// A formula as `renderDocument` receives it, as a dictionary key.
    struct FormulaKey: Hashable {
        var tex: String
        var display: Bool
    }

    /// Renders one formula on its own (references resolve only within it).
    /// - Parameters:
    ///   - tex: the TeX between the delimiters.
    ///   - display: true for display math (`<math display="block">`).
    /// - Returns: the MathML.
    /// - Throws: `TeXError` with the position of the first mistake.
    public func render(_ tex: String, display: Bool) throws(TeXError) -> String {
        let p = try parse(tex, display: display)
        if p.isPositionFree {
            return try serialize(p, tex: tex, display: display, labels: { _ in nil }, known: [])
        }
        return try renderDocument([(tex, display)])[0].get()
    }

    struct Parsed {
        var body: Node
        var lines: [EquationLine]
        var rows: (rows: [[Node]], cellStyles: [String], tableAttrs: String)?
        var tags: [String?] = []
        var anchors: [String?] = []

        /// No line has a number, a `\tag` or a `\label`: numbering leaves the formula as it is.
        var isUnnumbered: Bool {
            lines.count == 1 && lines[0].tag == nil && lines[0].labels.isEmpty && !lines[0].automatic
        }
        /// Unnumbered and without `\eqref`/`\ref`: its MathML does not depend on the rest of the document.
        var isPositionFree: Bool { isUnnumbered && !body.hasReference }
    }

    func parse(_ tex: String, display: Bool) throws(TeXError) -> Parsed {
        var parser = Parser(tokens: try lex(tex), macros: macros, display: display)
        let atoms = try parser.parseList()
        if parser.pos < parser.tokens.count {
            throw parser.unexpectedTerminator(parser.tokens[parser.pos], inside: "math")
        }
        let whole = parser.wholeFormulaRows
        if whole != nil, let tok = parser.wholeFormulaToken, atoms.count != 1 {
            throw TeXError(message: "\\begin{align} and \\begin{gather} must be the whole display formula",
                           line: tok.line, column: tok.column, command: "\\begin")
        }
        return Parsed(body: parser.row(atoms), lines: parser.lines, rows: whole)
    }

    func serialize(_ p: Parsed, tex: String, display: Bool, labels: LabelResolver, known: [String]) throws(TeXError) -> String {
        let tagged = !p.tags.allSatisfy { $0 == nil }
        var out = Output(capacity: 512 + tex.utf8.count * 12)
        // A numbered formula is a three-column grid: an empty column, the formula, the tag at the right.
        // (Browsers ignore width on MathML tables, but lay out a math element as a CSS grid.)
        out += !display ? "<math><semantics>" : tagged
            ? "<math display=\"block\" style=\"display:grid;grid-template-columns:1fr auto 1fr;align-items:center;width:100%\"><mspace></mspace><semantics>"
            : "<math display=\"block\"><semantics>"
        if p.body.tag == "mrow" { try p.body.write(to: &out, labels: labels, known: known) } else {
            out += "<mrow>"
            try p.body.write(to: &out, labels: labels, known: known)
            out += "</mrow>"
        }
        out += "<annotation encoding=\"application/x-tex\">"
        escape(tex, into: &out)
        out += "</annotation></semantics>"
        if tagged {
            func writeTag(_ i: Int, style: String = "") {
                out += "<mtext" + style
                if i < p.anchors.count, let anchor = p.anchors[i] { out += " id=\"" + anchor + "\"" }
                out += ">"
                if i < p.tags.count, let tag = p.tags[i] { escape(tag, into: &out) }
                out += "</mtext>"
            }
            if let rows = p.rows?.rows {
                // One tag per row; each tag row holds an invisible copy of its formula row, so the heights match.
                out += "<mtable style=\"justify-self:end\">"
                for (i, cells) in rows.enumerated() {
                    out += "<mtr><mtd style=\"text-align:right;text-align:-webkit-right;padding-left:0;padding-right:0\"><mpadded width=\"0\" dir=\"rtl\"><mphantom><mrow>"
                    for cell in cells { try cell.write(to: &out, labels: labels, known: known) }
                    out += "</mrow></mphantom></mpadded>"
                    writeTag(i)
                    out += "</mtd></mtr>"
                }
                out += "</mtable>"
            } else {
                writeTag(0, style: " style=\"justify-self:end\"")
            }
        }
        out += "</math>"
        return out.string
    }
}

/// The HTML id of a label: `eq-` and the label with anything but letters, digits, `-` and `_` as `-`.
func anchorID(_ label: String) -> String {
    var id = "eq-"
    for c in label.unicodeScalars {
        let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == "_"
        id.unicodeScalars.append(ok ? c : "-")
    }
    return id
}
