import Testing
@testable import TeXMath

/// `\big` and its kin: the delimiter's size is fixed, and its spacing is TeX's
/// (none for `\bigl`, `\bigr`, `\big`; a relation's for `\bigm`), not the
/// operator dictionary's thick spaces for a delimiter in the middle of a row.
@Suite struct BigDelimiterTests {
    @Test func openAndCloseHugWhatTheyEnclose() throws {
        let ml = try MathRenderer().render("\\mathrm{KL}\\big(p \\,\\|\\, q\\big)", display: false)
        #expect(ml.contains("<mo stretchy=\"true\" symmetric=\"true\" minsize=\"1.2em\" maxsize=\"1.2em\" lspace=\"0em\" rspace=\"0em\">(</mo>"))
        #expect(ml.contains("<mo stretchy=\"true\" symmetric=\"true\" minsize=\"1.2em\" maxsize=\"1.2em\" lspace=\"0em\" rspace=\"0em\">)</mo>"))
    }

    @Test func bigmIsARelation() throws {
        let ml = try MathRenderer().render("\\{x \\Bigm| x > 0\\}", display: false)
        #expect(ml.contains("minsize=\"1.623em\" maxsize=\"1.623em\" lspace=\"0.2778em\" rspace=\"0.2778em\">|</mo>"))
    }
}
