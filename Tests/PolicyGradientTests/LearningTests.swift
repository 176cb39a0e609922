import Foundation
import Testing
@testable import PolicyGradient

@Suite struct LearningTests {
    /// REINFORCE with a running-mean baseline on a 3-armed Bernoulli bandit.
    func solveBandit(seed: UInt64) -> (policy: TabularSoftmax, curve: LearningCurve) {
        let env = Bandit(means: [0.2, 0.5, 0.8])
        var pi = TabularSoftmax(stateCount: 1, actionCount: 3)
        var opt = SGD(learningRate: 0.5)
        var rng = RNG(seed: seed)
        var baseline = RunningMean(rate: 0.1)
        let curve = train(env, &pi, optimizer: &opt, rng: &rng, iterations: 150, batchSize: 8,
                          evaluate: { exactObjective(env, $0).objective }) { pi, batch in
            let g = reinforceGradient(pi, batch, gamma: 1, baseline: .constant(baseline.value))
            baseline.update(with: batch.map(\.totalReward))
            return g
        }
        return (pi, curve)
    }

    @Test func reinforceSolvesTheBandit() {
        let (pi, curve) = solveBandit(seed: 40)
        let p = pi.probabilities(given: 0)
        let j = exactObjective(Bandit(means: [0.2, 0.5, 0.8]), pi).objective
        // Starts at J = 0.5 (uniform); ends with the best arm chosen ≥ 95% of the time, J ≥ 0.78.
        #expect(abs(curve.evaluation[0] - 0.5) < 1e-12)
        #expect(p[2] > 0.95, "π(best arm) = \(p[2])")
        #expect(j > 0.78, "J = \(j)")
    }

    @Test func groupRelativeReinforceImprovesTheTextTask() {
        let task = TextTask(vocabularySize: 3, length: 4, reward: .matches(target: [0, 1, 2, 0]))
        var pi = TokenPolicy(vocabularySize: 3, length: 4)
        var opt = Adam(learningRate: 0.1)
        var rng = RNG(seed: 41)
        let before = exactObjective(task, pi).objective
        _ = train(task, &pi, optimizer: &opt, rng: &rng, iterations: 60, batchSize: 16) { pi, group in
            // GRPO-style: one prompt, 16 completions, Â_i = (R_i − mean) / (std + ε) on every token.
            groupRelativeGradient(pi, groups: [group], deviation: .population)
        }
        let after = exactObjective(task, pi).objective
        // E[R] under the uniform policy is 1/3; after 60 updates (960 samples) it must exceed 0.95,
        // an improvement of more than 0.6 (seed 41 reaches 0.996).
        #expect(abs(before - 1.0 / 3) < 1e-12)
        #expect(after > 0.95 && after - before > 0.6, "J went from \(before) to \(after)")
    }

    @Test func reinforceFindsTheCorridorsStochasticOptimum() {
        // Shared features: the best policy is stochastic, p* = 2 − √2 ≈ 0.586 (Sutton & Barto, Ex. 13.1).
        let env = ShortCorridor()
        var pi = LinearSoftmax<Int>(featureCount: 1, actionCount: 2) { _ in [1] }
        var opt = SGD(learningRate: 0.002)
        var rng = RNG(seed: 42)
        _ = train(env, &pi, optimizer: &opt, rng: &rng, iterations: 300, batchSize: 10, maxSteps: 200) { pi, batch in
            reinforceGradient(pi, batch, gamma: 1, weighting: .rewardToGo(.fromNow))
        }
        let p = pi.probabilities(given: 0)[1]
        #expect(abs(p - (2 - 2.0.squareRoot())) < 0.03, "π(right) = \(p)")
    }

    @Test func sameSeedGivesBitIdenticalResults() {
        let a = solveBandit(seed: 43), b = solveBandit(seed: 43), c = solveBandit(seed: 44)
        #expect(a.policy.parameters == b.policy.parameters)
        #expect(a.curve.averageReturn == b.curve.averageReturn)
        #expect(a.curve.evaluation == b.curve.evaluation)
        #expect(a.policy.parameters != c.policy.parameters)

        func cartPoleRun() -> [Double] {
            var rng = RNG(seed: 45)
            var pi = MLPSoftmax(inputSize: 4, hiddenSize: 16, actionCount: 2, rng: &rng)
            var opt = Adam(learningRate: 1e-2)
            _ = train(CartPole(), &pi, optimizer: &opt, rng: &rng, iterations: 3, batchSize: 4,
                      maxSteps: CartPole.timeLimit) { pi, batch in
                reinforceGradient(pi, batch, gamma: 0.99, weighting: .rewardToGo(.fromNow), averaging: .steps)
            }
            return pi.parameters
        }
        #expect(cartPoleRun() == cartPoleRun())
    }
}
