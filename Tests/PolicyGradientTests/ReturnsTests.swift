import Foundation
import Testing
@testable import PolicyGradient

@Suite struct ReturnsTests {
    @Test func handComputedReturnsAndRewardsToGo() {
        let r = [1.0, 0, 2]
        // J-term Σ γ^t r_t = 1 + 0 + 0.25·2.
        #expect(discountedReturn(r, gamma: 0.5) == 1.5)
        // Usual: Ĝ_0 = 1 + 0.5·0 + 0.25·2, Ĝ_1 = 0 + 0.5·2, Ĝ_2 = 2.
        #expect(rewardToGo(r, gamma: 0.5) == [1.5, 1, 2])
        // Seed's γ^{t'}: γ^t Ĝ_t = [1.5, 0.5, 0.5].
        #expect(rewardToGo(r, gamma: 0.5, discounting: .fromStart) == [1.5, 0.5, 0.5])
        // Truncated after r_1 with V(s_2) = 4: Ĝ_1 = 1 + 0.5·4 = 3, Ĝ_0 = 1 + 0.5·3 = 2.5.
        #expect(rewardToGo([1, 1], gamma: 0.5, bootstrap: 4) == [2.5, 3])
        #expect(rewardToGo([1, 1, 1], gamma: 1) == [3, 2, 1])
    }

    @Test func handComputedQOnTheTextTask() {
        // V = 2, T = 2, uniform policy, R(y) = fraction of positions matching [0, 1].
        let task = TextTask(vocabularySize: 2, length: 2, reward: .matches(target: [0, 1]))
        let pi = TokenPolicy(vocabularySize: 2, length: 2)
        // Q(y_<0 = [], y_0 = 0): reward ½ + ½·½ = 0.75 arrives at t' = 1, so γ^1 · 0.75 (t = 0: both forms agree).
        #expect(abs(exactQ(task, pi, state: [], action: 0, time: 0, gamma: 0.5) - 0.375) < 1e-15)
        #expect(abs(exactQ(task, pi, state: [], action: 0, time: 0, gamma: 0.5, discounting: .fromStart) - 0.375) < 1e-15)
        // Q([0], 1) at t = 1: R([0, 1]) = 1 now. Usual form 1; seed form γ^1 · 1 = 0.5.
        #expect(exactQ(task, pi, state: [0], action: 1, time: 1, gamma: 0.5) == 1)
        #expect(exactQ(task, pi, state: [0], action: 1, time: 1, gamma: 0.5, discounting: .fromStart) == 0.5)
        #expect(exactQ(task, pi, state: [1], action: 0, time: 1, gamma: 0.5) == 0)
        // J = E[R] = ½·(½ + ½) = 0.5 under the uniform policy, with γ = 1.
        #expect(abs(exactObjective(task, pi).objective - 0.5) < 1e-15)
    }

    @Test func corridorValueMatchesTheClosedForm() {
        // Bellman equations of Example 13.1 with p = π(right), solved by hand:
        // v1 = −(3 − p) / (p(1 − p)), v0 = v1 − 1/p. At p = ½: v0 = −12.
        func v0(_ p: Double) -> Double { -(3 - p) / (p * (1 - p)) - 1 / p }
        #expect(v0(0.5) == -12)
        for p in [0.5, 0.59, 0.8] {
            let pi = LinearSoftmax<Int>(featureCount: 1, actionCount: 2) { _ in [1] }
                .with(parameters: [0, log(p / (1 - p))])
            #expect(abs(exactValue(ShortCorridor(), pi, state: 0, horizon: 3000) - v0(p)) < 1e-9)
        }
        // The best policy that cannot tell states apart (Sutton & Barto: p ≈ 0.59, value ≈ −11.6);
        // setting dv0/dp = 0 gives p* = 2 − √2, v0(p*) = −(6 + 4√2) = −11.657.
        let grid = stride(from: 0.01, to: 0.99, by: 0.0001).map { ($0, v0($0)) }
        let best = grid.max { $0.1 < $1.1 }
        #expect(best.map { abs($0.0 - (2 - 2.0.squareRoot())) < 1e-4 } == true)
        #expect(abs(v0(2 - 2.0.squareRoot()) + 6 + 4 * 2.0.squareRoot()) < 1e-12)
    }

    @Test func seedQIsGammaToTheTTimesUsualQ() {
        var pi = TabularSoftmax(stateCount: 3, actionCount: 2)
        pi.parameters = randomParameters(6, seed: 20)
        let g = 0.9
        for t in 0..<4 {
            let usual = exactQ(ShortCorridor(), pi, state: 1, action: 0, time: t, gamma: g, horizon: 12)
            let seed = exactQ(ShortCorridor(), pi, state: 1, action: 0, time: t, gamma: g, horizon: 12,
                              discounting: .fromStart)
            #expect(abs(seed - pow(g, Double(t)) * usual) < 1e-12)
        }
    }

    @Test func groupRelativeAdvantagesConventions() {
        let r = [1.0, 0, 0, 1]
        // mean ½; population sd ½; unbiased sd √(1/3).
        #expect(maxAbsDifference(groupRelativeAdvantages(r, deviation: .population, epsilon: 0), [1, -1, -1, 1]) < 1e-15)
        let u = 0.5 / (1.0 / 3).squareRoot()
        #expect(maxAbsDifference(groupRelativeAdvantages(r, deviation: .unbiased, epsilon: 0), [u, -u, -u, u]) < 1e-15)
        #expect(groupRelativeAdvantages(r, deviation: .none) == [0.5, -0.5, -0.5, 0.5])
        // With all rewards equal the epsilon keeps the advantages at 0 instead of 0/0.
        #expect(groupRelativeAdvantages([1, 1, 1]) == [0, 0, 0])
    }

    @Test func runningMeanAndOptimizerHandValues() {
        var plain = RunningMean()
        plain.update(with: [1, 2, 3])
        #expect(plain.value == 2)
        var ema = RunningMean(rate: 0.5)
        ema.update(with: [1, 2, 3])   // 0.5, 1.25, 2.125
        #expect(ema.value == 2.125)

        var sgd = SGD(learningRate: 0.1)
        var theta = [1.0, 1.0]
        sgd.ascend(&theta, gradient: [2, -1])
        #expect(maxAbsDifference(theta, [1.2, 0.9]) < 1e-15)
        // Adam's first step moves every coordinate by ≈ α·sign(g): m̂ = g, v̂ = g².
        var adam = Adam(learningRate: 0.1)
        var x = [0.0, 0.0]
        adam.descend(&x, gradient: [2, -0.5])
        #expect(maxAbsDifference(x, [-0.1, 0.1]) < 1e-8)
        // Adam minimises a quadratic f(x) = Σ (x_i − c_i)²; both ε placements get there.
        for placement in [Adam.EpsilonPlacement.afterBiasCorrection, .beforeBiasCorrection] {
            var opt = Adam(learningRate: 0.05, epsilonPlacement: placement)
            var y = [3.0, -2.0]
            for _ in 0..<2000 { opt.descend(&y, gradient: [2 * (y[0] - 1), 2 * (y[1] + 1)]) }
            #expect(maxAbsDifference(y, [1, -1]) < 1e-3)
        }
    }

    @Test func rolloutRecordsConsistentTrajectories() {
        var rng = RNG(seed: 21)
        let env = CartPole()
        var mlpRng = RNG(seed: 22)
        let pi = MLPSoftmax(inputSize: 4, hiddenSize: 8, actionCount: 2, rng: &mlpRng)
        let tau = rollout(env, pi, rng: &rng, maxSteps: env.timeLimit)
        #expect(tau.count > 0 && tau.count <= 500)
        #expect(tau.rewards.allSatisfy { $0 == 1 })
        #expect(tau.states[0].allSatisfy { abs($0) <= 0.05 })
        for t in 0..<tau.count {
            #expect(abs(tau.logProbs[t] - pi.logProb(tau.actions[t], given: tau.states[t])) < 1e-15)
        }
        // A truncated episode: the corridor cut after 2 steps is not terminal.
        let short = rollout(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2, initial: 0), rng: &rng,
                            maxSteps: 2)
        #expect(short.count <= 2)
        #expect(short.truncated == (short.count == 2 && short.finalState != 3))
    }

    @Test func cartPoleStepMatchesHandComputedEuler() {
        // From s = 0, push right: θ̈ = (0 − 1·(10/1.1)) / (0.5 (4/3 − 0.1/1.1)), ẍ = 10/1.1 − 0.05 θ̈ / 1.1.
        var rng = RNG(seed: 0)
        let next = CartPole().step([0, 0, 0, 0], 1, rng: &rng)
        let temp = 10.0 / 1.1
        let thAcc = -temp / (0.5 * (4.0 / 3.0 - 0.1 / 1.1))
        let xAcc = temp - 0.05 * thAcc / 1.1
        #expect(maxAbsDifference(next.next, [0, 0.02 * xAcc, 0, 0.02 * thAcc]) < 1e-15)
        #expect(next.reward == 1 && !next.done)
        #expect(CartPole().step([2.39, 1, 0, 0], 1, rng: &rng).done)   // x passes 2.4
    }
}

@Suite struct PolicyGradientTheoremTests {
    /// ∇J = Σ_t E[∇ log π(a_t|s_t) Q^π(s_t, a_t)] holds with the seed's γ^{t'} form of Q, not
    /// with the usual γ^{t'−t} form (which drops the factor γ^t), checked exactly on a text task
    /// by summing over every prefix y_<t with its probability.
    @Test func exactGradientEqualsExpectedScoreTimesSeedQ() {
        let gamma = 0.8
        let task = TextTask(vocabularySize: 2, length: 3, reward: .matches(target: [1, 0, 1]))
        var pi = TokenPolicy(vocabularySize: 2, length: 3)
        pi.parameters = randomParameters(pi.parameterCount, seed: 60)
        let exact = exactObjective(task, pi, gamma: gamma)

        func viaQ(_ d: Discounting) -> [Double] {
            var g = [Double](repeating: 0, count: pi.parameterCount)
            var prefixes: [[Int]] = [[]]
            for t in 0..<task.length {
                for y in prefixes {
                    let py = exp(pi.sequenceLogProb(y))
                    let probs = pi.probabilities(given: y)
                    for a in 0..<2 {
                        let q = exactQ(task, pi, state: y, action: a, time: t, gamma: gamma, horizon: task.length,
                                       discounting: d)
                        pi.addGradLogProb(a, given: y, scale: py * probs[a] * q, into: &g)
                    }
                }
                prefixes = prefixes.flatMap { y in [y + [0], y + [1]] }
            }
            return g
        }
        #expect(maxAbsDifference(viaQ(.fromStart), exact.gradient) < 1e-14)
        #expect(maxAbsDifference(viaQ(.fromNow), exact.gradient) > 1e-3)
    }
}
