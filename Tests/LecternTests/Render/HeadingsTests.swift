import CommonMark
import Testing
@testable import Lectern

@Suite struct HeadingsTests {
    @Test func headingIdsAreStableAndUnique() {
        let doc = CommonMark.parse("# The *Q*-function\n## Intuition\n## Intuition\n## Intuition-1\n# ???\n## PPO's objective\n")
        #expect(headingEntries(doc).map(\.id)
                == ["the-q-function", "intuition", "intuition-1", "intuition-1-1", "section", "ppos-objective"])
    }

    @Test func slugsKeepLettersAndDigitsJoinedByOneHyphen() {
        #expect(slugify("Advantages and GAE(λ)") == "advantages-and-gae-λ")
        #expect(slugify("Advantages and GAE(λ)", asciiOnly: true) == "advantages-and-gae")
        #expect(slugify("  Bellman\u{2019}s  equation, 2nd form!  ") == "bellmans-equation-2nd-form")
        #expect(slugify("Two & three") == "two-three")
        #expect(slugify("???") == "")
    }
}
