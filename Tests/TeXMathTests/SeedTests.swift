import Foundation
import Testing
@testable import TeXMath

/// Every formula of the seed lecture, as written there.
let seedFormulas: [(tex: String, display: Bool)] = [
    ("\\nabla_{\\theta} J(\\theta) = \\mathbb{E}_{\\tau \\sim p(\\tau; \\theta)} \\left[ r(\\tau) \\nabla_{\\theta} \\log p(\\tau; \\theta) \\right]", true),
    ("r(\\tau)", false),
    ("\\mathbf{y} = (y_0, \\dots, y_T)", true),
    ("\\pi_{\\theta}(y_t \\mid \\mathbf{y}_{< t}) = \\operatorname{softmax}(f_{\\theta}(y_t \\mid \\mathbf{y}_{< t}))", false),
    ("\\tau", false), ("a_t", false), ("s_t", false),
    ("\\pi_{\\theta}(a_t | s_t)", false),
    ("r_t = r(s_t, a_t)", false),
    ("r_t = 0", false),
    ("J(\\pi) = \\mathbb{E}_{\\tau \\sim \\pi} \\left[ \\sum_{t=0}^{T} \\gamma^{t} r_{t} \\right]", true),
    ("Q^{\\pi}(\\boldsymbol{s}_{t}, \\boldsymbol{a}_{t}) = \\mathbb{E}_{\\pi} \\left[ \\sum_{t'=t}^{T} \\gamma^{t'} r_{t'} \\mid \\boldsymbol{s}_{t}, \\boldsymbol{a}_{t} \\right]", true),
]

@Test func seedFormulasRender() throws {
    let results = MathRenderer().renderDocument(seedFormulas)
    let out = try results.map { try $0.get() }
    // The policy gradient: blackboard E with its subscript below-right (relations tight in scripts),
    // a thin space after log.
    #expect(out[0].contains("<msub><mi>𝔼</mi><mrow><mi>τ</mi><mo lspace=\"0em\" rspace=\"0em\">∼</mo><mi>p</mi>"))
    #expect(out[0].contains("<mi>log</mi><mspace width=\"0.1667em\"></mspace><mi>p</mi>"))
    #expect(out[0].contains("<mo fence=\"true\" form=\"prefix\" stretchy=\"true\">[</mo>"))
    // Bold y and softmax as an operator name.
    #expect(out[2].contains("<mi>𝐲</mi>"))
    #expect(out[3].contains("<mi>softmax</mi><mo stretchy=\"false\">(</mo>"))
    // Display sums with limits under and over; primes after t.
    #expect(out[10].contains("<munderover><mo movablelimits=\"false\">∑</mo>"))
    #expect(out[11].contains("<mrow><mi>t</mi><mo lspace=\"0em\" rspace=\"0em\">′</mo></mrow><mo lspace=\"0em\" rspace=\"0em\">=</mo><mi>t</mi>"))
    #expect(out[11].contains("<msub><mi>𝒔</mi><mi>t</mi></msub>"))
    for (i, f) in seedFormulas.enumerated() {
        #expect(out[i].hasPrefix(f.display ? "<math display=\"block\">" : "<math>"))
    }
}

@Test func benchmarkCorpusRenders() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("bench/math-corpus.txt"), encoding: .utf8)
    let corpus = text.split(separator: "\n").filter { $0.hasPrefix("D ") || $0.hasPrefix("I ") }
    #expect(corpus.count > 40)
    for line in corpus {
        #expect(throws: Never.self, "\(line)") { _ = try MathRenderer().render(String(line.dropFirst(2)), display: line.hasPrefix("D ")) }
    }
}
