import Foundation
import Testing
@testable import PolicyGradient

@Suite struct EnvironmentTests {
    @Test func outcomeProbabilitiesSumToOne() {
        let grid = GridWorld(width: 3, height: 2, walls: [4], slip: 0.3)
        for s in 0..<grid.stateCount where s != 4 {
            for a in 0..<4 {
                #expect(abs(grid.outcomes(s, a).reduce(0) { $0 + $1.probability } - 1) < 1e-15)
            }
        }
        let bandit = Bandit(means: [0.3, 0.9])
        #expect(bandit.outcomes(0, 1).map(\.probability) == [0.9, 1 - 0.9])
    }

    @Test func gridWorldMovesWallsAndGoal() {
        // 3 × 2 grid, cells 0 1 2 / 3 4 5, wall at 4, goal 5.
        let grid = GridWorld(width: 3, height: 2, walls: [4])
        #expect(grid.move(0, 0) == 0)          // up from the top row: stay
        #expect(grid.move(0, 1) == 1)          // right
        #expect(grid.move(1, 2) == 1)          // down into the wall: stay
        #expect(grid.move(2, 2) == 5)          // down to the goal
        let o = grid.outcomes(2, 2)
        #expect(o.count == 1 && o[0].done && o[0].reward == 1 && o[0].next == 5)
        // Shortest path 0 → 1 → 2 → 5 takes 3 steps, so with γ = 0.9 the best J is 0.9².
        var pi = TabularSoftmax(stateCount: 6, actionCount: 4)
        for (s, a) in [(0, 1), (1, 1), (2, 2), (3, 0)] { pi.parameters[s * 4 + a] = 30 }
        #expect(abs(exactObjective(grid, pi, gamma: 0.9, horizon: 6).objective - 0.81) < 1e-9)
    }

    @Test func banditRewardsHaveTheStatedMeans() {
        var rng = RNG(seed: 50)
        let gaussian = Bandit(means: [1, -2], noise: .gaussian(sd: 0.5))
        let bernoulli = Bandit(means: [0.25])
        let n = 20_000.0
        var sumG = 0.0, sumB = 0.0
        for _ in 0..<Int(n) {
            sumG += gaussian.step(0, 1, rng: &rng).reward
            sumB += bernoulli.step(0, 0, rng: &rng).reward
        }
        #expect(abs(sumG / n + 2) < 4 * 0.5 / n.squareRoot())
        #expect(abs(sumB / n - 0.25) < 4 * (0.25 * 0.75 / n).squareRoot())
    }

    @Test func textRewardsAndSparseReward() {
        #expect(TextReward.matches(target: [0, 1, 2])([0, 1, 1]) == 2.0 / 3)
        #expect(TextReward.exact(target: [0, 1])([0, 1]) == 1)
        #expect(TextReward.exact(target: [0, 1])([1, 1]) == 0)
        #expect(TextReward.count(of: 2)([2, 0, 2, 2]) == 0.75)
        #expect(TextReward.distinctNeighbours([0, 0, 1, 0]) == 2.0 / 3)
        let task = TextTask(vocabularySize: 3, length: 3, reward: .count(of: 1))
        var rng = RNG(seed: 51)
        let tau = rollout(task, TokenPolicy(vocabularySize: 3, length: 3), rng: &rng)
        #expect(tau.count == 3 && tau.terminated)
        #expect(tau.rewards[0] == 0 && tau.rewards[1] == 0)           // r_t = 0 for t < T − 1
        #expect(tau.rewards[2] == TextReward.count(of: 1)(tau.finalState))
        #expect(tau.states.map(\.count) == [0, 1, 2])
    }

    @Test func klShapedRewardsHandValue() {
        // π(a|s) = ½ logged; π_ref = uniform over 4 tokens ⇒ k1 = log ½ − log ¼ = log 2.
        let task = TextTask(vocabularySize: 4, length: 1, reward: .count(of: 0))
        let tau = Trajectory<[Int]>(states: [[]], actions: [0], rewards: [1], logProbs: [log(0.5)],
                                    finalState: [0], terminated: true)
        let ref = TokenPolicy(vocabularySize: task.vocabularySize, length: 1)
        let shaped = klPenalizedRewards(tau, reference: ref, coefficient: 0.1)
        #expect(abs(shaped[0] - (1 - 0.1 * log(2.0))) < 1e-15)
        // k3 with ρ = ¼ / ½ = ½: ½ − 1 + log 2.
        #expect(abs(klEstimate(logProb: log(0.5), referenceLogProb: log(0.25), estimator: .k3) - (log(2.0) - 0.5)) < 1e-15)
    }
}
