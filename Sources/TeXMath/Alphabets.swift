/// The math alphabets of `\mathbf`, `\mathbb`, `\mathcal`, ... Letters are written as Unicode
/// mathematical alphanumerics, because browsers ignore `mathvariant` on most letters.
enum MathFont {
    case roman, italic, bold, boldItalic, doubleStruck, script, fraktur, sansSerif, monospace

    /// The character for `c` in this alphabet, or nil when the alphabet has none (then `c` stays as is).
    func map(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        let v = c.value
        let isUpper = v >= 0x41 && v <= 0x5A, isLower = v >= 0x61 && v <= 0x7A, isDigit = v >= 0x30 && v <= 0x39
        let upperGreek = v >= 0x391 && v <= 0x3A9 && v != 0x3A2, lowerGreek = v >= 0x3B1 && v <= 0x3C9
        let variantIndex = MathFont.greekVariants.firstIndex(of: v)
        func latin(_ upper: UInt32, _ lower: UInt32, _ exceptions: [Unicode.Scalar: UInt32]? = nil) -> Unicode.Scalar? {
            if let e = exceptions?[c] { return Unicode.Scalar(e) }
            if isUpper { return Unicode.Scalar(upper + v - 0x41) }
            if isLower { return Unicode.Scalar(lower + v - 0x61) }
            return nil
        }
        func greek(_ upper: UInt32, _ lower: UInt32) -> Unicode.Scalar? {
            if upperGreek { return Unicode.Scalar(upper + v - 0x391) }
            if lowerGreek { return Unicode.Scalar(lower + v - 0x3B1) }
            if let k = variantIndex { return Unicode.Scalar(lower + 25 + UInt32(k)) }
            return nil
        }
        func digit(_ zero: UInt32) -> Unicode.Scalar? { isDigit ? Unicode.Scalar(zero + v - 0x30) : nil }
        switch self {
        case .roman: return nil
        case .italic: return latin(0x1D434, 0x1D44E, MathFont.italicExceptions) ?? greek(0x1D6E2, 0x1D6FC)
        case .bold: return latin(0x1D400, 0x1D41A) ?? greek(0x1D6A8, 0x1D6C2) ?? digit(0x1D7CE)
        case .boldItalic:
            if upperGreek { return Unicode.Scalar(0x1D6A8 + v - 0x391) }
            return latin(0x1D468, 0x1D482) ?? greek(0x1D71C, 0x1D736) ?? digit(0x1D7CE)
        case .doubleStruck:
            return latin(0x1D538, 0x1D552, MathFont.doubleStruckExceptions) ?? digit(0x1D7D8)
        case .script:
            return latin(0x1D49C, 0x1D4B6, MathFont.scriptExceptions)
        case .fraktur:
            return latin(0x1D504, 0x1D51E, MathFont.frakturExceptions)
        case .sansSerif: return latin(0x1D5A0, 0x1D5BA) ?? digit(0x1D7E2)
        case .monospace: return latin(0x1D670, 0x1D68A) ?? digit(0x1D7F6)
        }
    }

    /// `text` with every character this alphabet has replaced.
    func map(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars { out.unicodeScalars.append(map(c) ?? c) }
        return out
    }

    /// Greek variants, in the order Unicode places them after omega: ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
    static let greekVariants: [UInt32] = [0x2202, 0x3F5, 0x3D1, 0x3F0, 0x3D5, 0x3F1, 0x3D6]
    /// Letters that live in the Letterlike Symbols block instead of the Mathematical Alphanumerics block.
    static let italicExceptions: [Unicode.Scalar: UInt32] = ["h": 0x210E]
    static let doubleStruckExceptions: [Unicode.Scalar: UInt32] = [
        "C": 0x2102, "H": 0x210D, "N": 0x2115, "P": 0x2119, "Q": 0x211A, "R": 0x211D, "Z": 0x2124,
    ]
    static let scriptExceptions: [Unicode.Scalar: UInt32] = [
        "B": 0x212C, "E": 0x2130, "F": 0x2131, "H": 0x210B, "I": 0x2110, "L": 0x2112, "M": 0x2133, "R": 0x211B,
        "e": 0x212F, "g": 0x210A, "o": 0x2134,
    ]
    static let frakturExceptions: [Unicode.Scalar: UInt32] = ["C": 0x212D, "H": 0x210C, "I": 0x2111, "R": 0x211C, "Z": 0x2128]

    static let commands: [String: MathFont] = [
        "mathrm": .roman, "mathit": .italic, "mathbf": .bold, "boldsymbol": .boldItalic, "bm": .boldItalic,
        "mathbb": .doubleStruck, "mathcal": .script, "mathscr": .script, "mathfrak": .fraktur,
        "mathsf": .sansSerif, "mathtt": .monospace,
    ]
}
