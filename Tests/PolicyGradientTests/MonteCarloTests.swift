import Foundation
import Testing
@testable import PolicyGradient

/// Monte-Carlo REINFORCE estimates against the exact gradient from enumeration.
/// Each estimator is drawn K = 400 times (batches of 10 episodes, the same batches for
/// every estimator); its mean must lie within 4 standard errors of the exact ∇J in every
/// component, and baselines / reward to go must lower the total variance.
@Suite struct MonteCarloTests {
    static let sigmas = 4.0

    func within<S>(_ stats: EstimatorStatistics, of exact: [Double], _ label: S) {
        for i in exact.indices {
            if stats.standardError[i] == 0 {   // a parameter no sampled step touches (e.g. an unreachable context)
                #expect(abs(stats.mean[i] - exact[i]) < 1e-12, "\(label) component \(i)")
                continue
            }
            let z = abs(stats.mean[i] - exact[i]) / stats.standardError[i]
            #expect(z < Self.sigmas, "\(label) component \(i): mean \(stats.mean[i]) exact \(exact[i]) z \(z)")
        }
    }

    @Test func reinforceFormsAreUnbiasedAndBaselinesReduceVariance() {
        let env = ShortCorridor(), horizon = 8
        var pi = TabularSoftmax(stateCount: 3, actionCount: 2)
        pi.parameters = randomParameters(6, seed: 30, scale: 0.5)
        let exact = exactObjective(env, pi, gamma: 1, horizon: horizon)

        // A learned value baseline, fitted on separate episodes and then frozen.
        var fitRng = RNG(seed: 31)
        let fitBatch = rollouts(env, pi, count: 300, rng: &fitRng, maxSteps: horizon)
        var value = LinearValue<Int>(featureCount: 3) { oneHot($0, 3) }
        value.fit(fitBatch, targets: returnWeights(fitBatch, gamma: 1, weighting: .rewardToGo(.fromNow)),
                  learningRate: 1, steps: 200)

        var rng = RNG(seed: 32)
        var total: [[Double]] = [], totalB: [[Double]] = [], rtg: [[Double]] = [], rtgV: [[Double]] = []
        for _ in 0..<400 {
            let batch = rollouts(env, pi, count: 10, rng: &rng, maxSteps: horizon)
            total.append(reinforceGradient(pi, batch, gamma: 1))
            totalB.append(reinforceGradient(pi, batch, gamma: 1, baseline: .constant(exact.objective)))
            rtg.append(reinforceGradient(pi, batch, gamma: 1, weighting: .rewardToGo(.fromStart)))
            rtgV.append(reinforceGradient(pi, batch, gamma: 1, weighting: .rewardToGo(.fromStart),
                                          baseline: .stateValue(value.callAsFunction)))
        }
        let sTotal = statistics(of: total), sTotalB = statistics(of: totalB)
        let sRtg = statistics(of: rtg), sRtgV = statistics(of: rtgV)
        within(sTotal, of: exact.gradient, "total return")
        within(sTotalB, of: exact.gradient, "total return − J")
        within(sRtg, of: exact.gradient, "reward to go")
        within(sRtgV, of: exact.gradient, "reward to go − V(s)")
        #expect(sTotalB.totalVariance < sTotal.totalVariance)
        #expect(sRtg.totalVariance < sTotal.totalVariance)
        #expect(sRtgV.totalVariance < sRtg.totalVariance)
    }

    @Test func discountedRewardToGoFromStartIsUnbiased() {
        // With γ < 1 the seed's γ^{t'} weighting is the unbiased one.
        let env = ShortCorridor(), horizon = 6, gamma = 0.8
        var pi = TabularSoftmax(stateCount: 3, actionCount: 2)
        pi.parameters = randomParameters(6, seed: 33, scale: 0.5)
        let exact = exactObjective(env, pi, gamma: gamma, horizon: horizon)
        var rng = RNG(seed: 34)
        let stats = repeatEstimate(400, rng: &rng) { rng in
            reinforceGradient(pi, rollouts(env, pi, count: 10, rng: &rng, maxSteps: horizon), gamma: gamma,
                              weighting: .rewardToGo(.fromStart))
        }
        within(stats, of: exact.gradient, "γ^{t'} reward to go")
    }

    @Test func textTaskEstimateIsUnbiasedAndVarianceFallsLikeOneOverN() {
        let task = TextTask(vocabularySize: 3, length: 3, reward: .matches(target: [2, 1, 0]))
        var pi = TokenPolicy(vocabularySize: 3, length: 3)
        pi.parameters = randomParameters(pi.parameterCount, seed: 35, scale: 0.5)
        let exact = exactObjective(task, pi)
        var rng = RNG(seed: 36)
        let small = repeatEstimate(300, rng: &rng) { rng in
            reinforceGradient(pi, rollouts(task, pi, count: 8, rng: &rng), gamma: 1)
        }
        let large = repeatEstimate(300, rng: &rng) { rng in
            reinforceGradient(pi, rollouts(task, pi, count: 32, rng: &rng), gamma: 1)
        }
        within(small, of: exact.gradient, "N = 8")
        within(large, of: exact.gradient, "N = 32")
        // Four times the episodes, a quarter of the variance (sampling error of the ratio ≈ ±20%).
        let ratio = small.totalVariance / large.totalVariance
        #expect(ratio > 2.5 && ratio < 6, "variance ratio \(ratio)")
    }
}
