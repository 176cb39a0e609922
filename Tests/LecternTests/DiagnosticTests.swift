import Testing
@testable import Lectern

@Suite struct SuggestionTests {
    @Test func swappedLettersCountAsOneEdit() {
        #expect(suggestion(for: "trem", among: ["term", "title", "instructor"]) == "term")
        #expect(suggestion(for: "hide-cod", among: CellOptions.known) == "hide-code")
        #expect(suggestion(for: "zzzzzz", among: CellOptions.known) == nil)
    }
}
