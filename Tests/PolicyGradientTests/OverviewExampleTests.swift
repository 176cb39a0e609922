import Foundation
import Testing
import PolicyGradient   // not @testable: the overview example uses public API only

/// The worked example of the module overview (PolicyGradient.swift), run as written.
@Suite struct OverviewExampleTests {
    @Test func workedExampleDoesWhatItSays() {
        let task = TextTask(vocabularySize: 3, length: 3, reward: .matches(target: [2, 1, 0]))
        var pi = TokenPolicy(vocabularySize: 3, length: 3)
        let exact = exactObjective(task, pi)
        #expect(abs(exact.objective - 1.0 / 3) < 1e-12)
        #expect(exact.trajectoryCount == 27)

        var rng = RNG(seed: 1)
        let stats = repeatEstimate(200, rng: &rng) { rng in
            reinforceGradient(pi, rollouts(task, pi, count: 16, rng: &rng), gamma: 1)
        }
        for i in exact.gradient.indices where stats.standardError[i] > 0 {
            #expect(abs(stats.mean[i] - exact.gradient[i]) < 4 * stats.standardError[i])
        }

        var adam = Adam(learningRate: 0.1)
        let curve = train(task, &pi, optimizer: &adam, rng: &rng, iterations: 50, batchSize: 16,
                          evaluate: { exactObjective(task, $0).objective }) { pi, batch in
            reinforceGradient(pi, batch, gamma: 1, baseline: .constant(batch.map(\.totalReward).reduce(0, +) / 16))
        }
        #expect((curve.evaluation.last ?? 0) > 0.9)
        #expect(curve.evaluation.count == 50 && curve.averageReturn.count == 50)
    }
}
