import Foundation
import Testing
@testable import PolicyGradient

/// Every analytic gradient against central finite differences (h = 1e-5, error O(h²) ≈ 1e-10),
/// and exact ∇J against finite differences of exact J. Tolerance 1e-7 throughout.
@Suite struct GradientTests {
    static let tolerance = 1e-7

    func checkGradLogProb<P: Policy>(_ policy: P, states: [P.State]) {
        for s in states {
            for a in 0..<policy.actionCount {
                let analytic = policy.gradLogProb(a, given: s)
                let numeric = finiteDifferenceGradient(policy.parameters) { policy.with(parameters: $0).logProb(a, given: s) }
                #expect(maxAbsDifference(analytic, numeric) < Self.tolerance, "state \(s) action \(a)")
            }
        }
    }

    @Test func tabularGradLogProb() {
        var pi = TabularSoftmax(stateCount: 3, actionCount: 2)
        pi.parameters = randomParameters(6, seed: 1)
        checkGradLogProb(pi, states: [0, 1, 2])
        // Hand value: at θ = 0, ∇ log π(0|0) = (1 − ½, 0 − ½) in row 0, zeros elsewhere.
        #expect(TabularSoftmax(stateCount: 2, actionCount: 2).gradLogProb(0, given: 0) == [0.5, -0.5, 0, 0])
    }

    @Test func linearGradLogProb() {
        var pi = LinearSoftmax<Int>(featureCount: 3, actionCount: 3) { s in [1, Double(s), Double(s * s) / 4] }
        pi.parameters = randomParameters(9, seed: 2)
        checkGradLogProb(pi, states: [0, 1, 2, 3])
    }

    @Test func mlpGradLogProb() {
        var rng = RNG(seed: 3)
        let pi = MLPSoftmax(inputSize: 4, hiddenSize: 5, actionCount: 3, rng: &rng)
        checkGradLogProb(pi, states: [[0.1, -0.2, 0.03, 0.5], [1, 0, -1, 2]])
        let two = MLPSoftmax(inputSize: 4, hiddenSize: 6, actionCount: 2, rng: &rng)   // the unrolled 2-action kernels
        checkGradLogProb(two, states: [[0.1, -0.2, 0.03, 0.5]])
    }

    @Test func tokenGradLogProbAndSequenceLogProb() {
        var pi = TokenPolicy(vocabularySize: 3, length: 3)
        pi.parameters = randomParameters(pi.parameterCount, seed: 4)
        checkGradLogProb(pi, states: [[], [2], [2, 0]])
        let y = [2, 0, 1]
        let manual = pi.logProb(2, given: []) + pi.logProb(0, given: [2]) + pi.logProb(1, given: [2, 0])
        #expect(abs(pi.sequenceLogProb(y) - manual) < 1e-15)
        let numeric = finiteDifferenceGradient(pi.parameters) { pi.with(parameters: $0).sequenceLogProb(y) }
        #expect(maxAbsDifference(pi.gradSequenceLogProb(y), numeric) < Self.tolerance)
        // The probabilities of all V^T sequences sum to 1.
        var total = 0.0
        for a in 0..<3 { for b in 0..<3 { for c in 0..<3 { total += exp(pi.sequenceLogProb([a, b, c])) } } }
        #expect(abs(total - 1) < 1e-12)
    }

    func checkExactGradient<E: FiniteEnvironment, P: Policy>(_ env: E, _ pi: P, gamma: Double, horizon: Int)
    where P.State == E.State {
        let exact = exactObjective(env, pi, gamma: gamma, horizon: horizon)
        let numeric = finiteDifferenceGradient(pi.parameters) {
            exactObjective(env, pi.with(parameters: $0), gamma: gamma, horizon: horizon).objective
        }
        #expect(maxAbsDifference(exact.gradient, numeric) < Self.tolerance)
        #expect(exact.gradient.contains { abs($0) > 1e-3 })   // not trivially zero
    }

    @Test func exactGradientMatchesFiniteDifferences() {
        var bandit = TabularSoftmax(stateCount: 1, actionCount: 3)
        bandit.parameters = [0.3, -0.2, 0.1]
        checkExactGradient(Bandit(means: [0.2, 0.5, 0.9]), bandit, gamma: 1, horizon: 1)

        var corridor = TabularSoftmax(stateCount: 3, actionCount: 2)
        corridor.parameters = randomParameters(6, seed: 5)
        checkExactGradient(ShortCorridor(), corridor, gamma: 0.9, horizon: 8)
        let shared = LinearSoftmax<Int>(featureCount: 1, actionCount: 2, initial: 0.2) { _ in [1] }
        checkExactGradient(ShortCorridor(), shared, gamma: 1, horizon: 10)

        var grid = TabularSoftmax(stateCount: 4, actionCount: 4)
        grid.parameters = randomParameters(16, seed: 6)
        checkExactGradient(GridWorld(width: 2, height: 2, stepReward: -0.1, slip: 0.2), grid, gamma: 0.95, horizon: 4)

        var text = TokenPolicy(vocabularySize: 3, length: 3)
        text.parameters = randomParameters(text.parameterCount, seed: 7)
        checkExactGradient(TextTask(vocabularySize: 3, length: 3, reward: .matches(target: [0, 1, 2])), text,
                           gamma: 1, horizon: 3)
    }

    @Test func banditExactGradientHandValue() {
        // π = (½, ½), μ = (0.2, 0.8): J = 0.5, ∂J/∂θ_a = π_a (μ_a − J) = ±0.15.
        let r = exactObjective(Bandit(means: [0.2, 0.8]), TabularSoftmax(stateCount: 1, actionCount: 2))
        #expect(abs(r.objective - 0.5) < 1e-15)
        #expect(maxAbsDifference(r.gradient, [-0.15, 0.15]) < 1e-15)
        #expect(r.trajectoryCount == 4)
    }

    @Test func ppoGradientEqualsReinforceAtOldPolicyAndMatchesFiniteDifferences() {
        let env = ShortCorridor()
        var pi = TabularSoftmax(stateCount: 3, actionCount: 2)
        pi.parameters = randomParameters(6, seed: 8, scale: 0.3)
        var rng = RNG(seed: 9)
        let batch = rollouts(env, pi, count: 6, rng: &rng, maxSteps: 12)
        let A = advantages(batch, gamma: 1, weighting: .rewardToGo(.fromNow), baseline: .constant(-6))
        let ppo = ppoClipObjective(pi, batch, advantages: A, epsilon: 0.2, averaging: .steps)
        #expect(maxAbsDifference(ppo.gradient, policyGradient(pi, batch, weights: A, averaging: .steps)) < 1e-12)
        // Move θ a little (ratios stay inside 1 ± ε): the gradient of the surrogate by finite differences.
        var moved = pi
        for i in moved.parameters.indices { moved.parameters[i] += 0.05 * Double(i % 3 - 1) }
        let r = ppoClipObjective(moved, batch, advantages: A, epsilon: 0.2)
        let numeric = finiteDifferenceGradient(moved.parameters) {
            ppoClipObjective(moved.with(parameters: $0), batch, advantages: A, epsilon: 0.2).value
        }
        #expect(r.clippedFraction == 0)
        #expect(maxAbsDifference(r.gradient, numeric) < Self.tolerance)
        // Far away every ratio is clipped on the side that stops the gradient.
        var far = pi
        far.parameters = pi.parameters.map { $0 * 20 }
        let clipped = ppoClipObjective(far, batch, advantages: A, epsilon: 0.2)
        let numericFar = finiteDifferenceGradient(far.parameters) {
            ppoClipObjective(far.with(parameters: $0), batch, advantages: A, epsilon: 0.2).value
        }
        #expect(clipped.clippedFraction > 0)
        #expect(maxAbsDifference(clipped.gradient, numericFar) < 1e-6)
    }

    @Test func klPenaltyGradientsMatchFiniteDifferences() {
        let task = TextTask(vocabularySize: 3, length: 3, reward: .count(of: 1))
        var pi = TokenPolicy(vocabularySize: 3, length: 3)
        pi.parameters = randomParameters(pi.parameterCount, seed: 10)
        var ref = TokenPolicy(vocabularySize: 3, length: 3)
        ref.parameters = randomParameters(ref.parameterCount, seed: 11)
        var rng = RNG(seed: 12)
        let batch = rollouts(task, pi, count: 5, rng: &rng)
        for estimator in [KLEstimator.k1, .k2, .k3, .exact] {
            let r = klPenalty(pi, batch, reference: ref, estimator: estimator)
            let numeric = finiteDifferenceGradient(pi.parameters) {
                klPenalty(pi.with(parameters: $0), batch, reference: ref, estimator: estimator).value
            }
            #expect(maxAbsDifference(r.gradient, numeric) < Self.tolerance, "\(estimator)")
        }
        // The exact form equals the mean over visited states of KL(π(·|s) ‖ π_ref(·|s)).
        var manual = 0.0, n = 0.0
        for tau in batch {
            for s in tau.states { manual += pi.distribution(given: s).kl(ref.distribution(given: s)); n += 1 }
        }
        #expect(abs(klPenalty(pi, batch, reference: ref, estimator: .exact).value - manual / n) < 1e-14)
        // At π = π_ref every estimator and its gradient vanish.
        let same = klPenalty(pi, batch, reference: pi, estimator: .k3)
        #expect(same.value == 0 && same.gradient.allSatisfy { abs($0) < 1e-15 })
    }
}
