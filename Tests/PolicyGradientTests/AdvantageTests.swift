import Foundation
import Testing
@testable import PolicyGradient

/// GAE(λ) against its definition, the exponentially weighted sum of n-step advantages, and hand values.
@Suite struct AdvantageTests {
    func episode(terminated: Bool) -> Trajectory<Int> {
        Trajectory(states: [0, 1, 2, 3, 4], actions: [0, 1, 0, 1, 1], rewards: [1, -2, 0.5, 3, -1],
                   logProbs: [0, 0, 0, 0, 0], finalState: 5, terminated: terminated)
    }
    let value: (Int) -> Double = { s in [0.3, -1.2, 2.0, 0.7, -0.4, 5.0][s] }

    @Test func handValues() {
        let tau = Trajectory(states: [0, 1, 2], actions: [0, 0, 0], rewards: [1, 0, 2], logProbs: [0, 0, 0],
                             finalState: 3, terminated: true)
        let one: (Int) -> Double = { _ in 1 }
        #expect(nStepAdvantage(tau, value: one, gamma: 0.5, steps: 1, at: 0) == 0.5)
        // λ = 0: δ = (1 + ½ − 1, 0 + ½ − 1, 2 + 0 − 1) = (½, −½, 1).
        #expect(generalizedAdvantages(tau, value: one, gamma: 0.5, lambda: 0) == [0.5, -0.5, 1])
        // λ = 1: Ĝ − V = (1.5 − 1, 1 − 1, 2 − 1).
        #expect(generalizedAdvantages(tau, value: one, gamma: 0.5, lambda: 1) == [0.5, 0, 1])
        // λ = ½: Â_2 = 1, Â_1 = −½ + ¼·1 = −¼, Â_0 = ½ + ¼·(−¼) = 7/16; from start: × (1, ½, ¼).
        #expect(generalizedAdvantages(tau, value: one, gamma: 0.5, lambda: 0.5) == [0.4375, -0.25, 1])
        #expect(generalizedAdvantages(tau, value: one, gamma: 0.5, lambda: 0.5, discounting: .fromStart)
                == [0.4375, -0.125, 0.25])
    }

    @Test func gaeIsTheExponentiallyWeightedSumOfNStepAdvantages() {
        for terminated in [true, false] {
            let tau = episode(terminated: terminated)
            for gamma in [1.0, 0.9] {
                for lambda in [0.0, 0.3, 0.9, 1.0] {
                    let gae = generalizedAdvantages(tau, value: value, gamma: gamma, lambda: lambda)
                    for t in 0..<tau.count {
                        // (1 − λ) Σ_{n=1}^{N−1} λ^{n−1} Â^{(n)} + λ^{N−1} Â^{(N)}, N = L − t: every n ≥ N is Â^{(N)}.
                        let big = tau.count - t
                        var sum = 0.0
                        for n in 1..<big {
                            sum += (1 - lambda) * pow(lambda, Double(n - 1))
                                * nStepAdvantage(tau, value: value, gamma: gamma, steps: n, at: t)
                        }
                        sum += pow(lambda, Double(big - 1)) * nStepAdvantage(tau, value: value, gamma: gamma, steps: big, at: t)
                        #expect(abs(gae[t] - sum) < 1e-12, "t \(t) λ \(lambda) γ \(gamma) terminated \(terminated)")
                    }
                    if lambda == 1 {
                        let g = rewardToGo(tau.rewards, gamma: gamma, bootstrap: terminated ? 0 : value(5))
                        #expect(maxAbsDifference(gae, (0..<tau.count).map { g[$0] - value(tau.states[$0]) }) < 1e-12)
                    }
                }
            }
        }
    }

    @Test func gaeWithTheTrueValueIsUnbiasedForEveryLambda() {
        let task = TextTask(vocabularySize: 2, length: 4, tokenReward: .matches(target: [0, 1, 1, 0]))
        var pi = TokenPolicy(vocabularySize: 2, length: 4)
        pi.parameters = randomParameters(pi.parameterCount, seed: 41)
        let exact = exactEvaluation(task, pi)
        let all = allTrajectories(task, pi)
        for lambda in [0.0, 0.5, 1.0] {
            let m = exactMoments(all) { tau in
                policyGradient(pi, [tau], weights: [generalizedAdvantages(tau, value: exact.value(of:), gamma: 1,
                                                                          lambda: lambda)])
            }
            #expect(maxAbsDifference(m.mean, exact.gradient) < 1e-12)
        }
    }
}

/// Per-token rewards, prompts and parameter names.
@Suite struct TextTaskAndNamesTests {
    @Test func perTokenRewardsAndPrompts() {
        let dense = TextTask(vocabularySize: 3, length: 4, tokenReward: .matches(target: [0, 1, 2, 0]))
        let pi = TokenPolicy(vocabularySize: 3, length: 4)
        // One match in three per token, four tokens.
        #expect(abs(exactObjective(dense, pi).objective - 4.0 / 3) < 1e-12)
        #expect(dense.outcomes([0, 1], 2)[0].reward == 1 && dense.outcomes([0, 1], 0)[0].reward == 0)
        #expect(dense.stateCount == 1 + 3 + 9 + 27)
        // Two prompts of length 1; R counts 2s in the completion only; the policy sees 1 + 2 positions.
        let task = TextTask(vocabularySize: 3, length: 2, reward: .count(of: 2), prompts: [[2], [0]])
        let q = TokenPolicy(vocabularySize: 3, length: 3)
        #expect(task.initialStates().map(\.state) == [[2], [0]])
        #expect(task.outcomes([2, 1], 2)[0].reward == 0.5 && task.outcomes([2, 1], 2)[0].done)
        #expect(abs(exactObjective(task, q).objective - 1.0 / 3) < 1e-12)
        #expect(allTrajectories(task, q).count == 2 * 9)
        var rng = RNG(seed: 42)
        let groups = groupRollouts(task, q, groupSize: 5, rng: &rng)
        #expect(groups.count == 2 && groups.allSatisfy { $0.count == 5 })
        #expect(groups[0].allSatisfy { $0.states[0] == [2] && $0.count == 2 })
        #expect(groups[1].allSatisfy { $0.states[0] == [0] && $0.count == 2 })
    }

    @Test func parametersSayWhatTheyAre() {
        let tab = TabularSoftmax(stateCount: 3, actionCount: 2)
        #expect(tab.parameterIndex(state: 1, action: ShortCorridor.right) == 3)
        #expect(tab.parameterLabel(3) == "θ[s=1, a=1]")
        let lin = LinearSoftmax<Int>(featureCount: 1, actionCount: 2) { _ in [1] }
        #expect(lin.parameterLabels == ["θ[a=0, φ_0]", "θ[a=1, φ_0]"])
        #expect(lin.parameterIndex(action: ShortCorridor.right, feature: 0) == 1)
        let tok = TokenPolicy(vocabularySize: 2, length: 2)
        #expect(tok.parameterIndex(position: 1, previous: 0, token: 1) == 9)
        #expect(tok.parameterLabel(9) == "θ[t=1, prev=0, y=1]" && tok.parameterLabel(1) == "θ[t=0, prev=BOS, y=1]")
        var rng = RNG(seed: 43)
        let mlp = MLPSoftmax(inputSize: 2, hiddenSize: 3, actionCount: 2, rng: &rng)
        #expect(mlp.parameterLabels == ["W₁[0, 0]", "W₁[0, 1]", "W₁[0, 2]", "W₁[1, 0]", "W₁[1, 1]", "W₁[1, 2]",
                                        "b₁[0]", "b₁[1]", "b₁[2]", "W₂[0, 0]", "W₂[0, 1]", "W₂[1, 0]", "W₂[1, 1]",
                                        "W₂[2, 0]", "W₂[2, 1]", "b₂[0]", "b₂[1]"])
        // Changing the labelled parameter moves exactly the logit it names.
        var moved = tok
        moved.parameters[tok.parameterIndex(position: 1, previous: 0, token: 1)] = 1
        #expect(moved.logits(given: [0]) == [0, 1] && moved.logits(given: [1]) == [0, 0])
    }
}
