import Foundation
import Testing
@testable import PolicyGradient

/// Exact evaluation by linear algebra against Sutton & Barto's Example 13.1, hand values,
/// finite differences, enumeration of trajectories and the finite-horizon recursion.
@Suite struct ExactEvaluationTests {
    /// The corridor's policy that cannot tell states apart, with π(right) = p: θ = (θ_left, θ_right) = (0, logit p).
    func corridorPolicy(_ p: Double) -> LinearSoftmax<Int> {
        LinearSoftmax<Int>(featureCount: 1, actionCount: 2) { _ in [1] }.with(parameters: [0, log(p / (1 - p))])
    }

    @Test func shortCorridorMatchesTheTextbook() {
        // J(p) = v0(p) = −(3 − p)/(p(1 − p)) − 1/p (the Bellman equations solved by hand).
        let half = exactEvaluation(ShortCorridor(), corridorPolicy(0.5))
        #expect(abs(half.objective + 12) < 1e-12)
        #expect(abs(half.value(of: 1) + 10) < 1e-12)
        #expect(abs(half.value(of: 2) + 6) < 1e-12)
        // η by hand: η0 = 1 + ½η0 + ½η1, η1 = ½η0 + ½η2, η2 = ½η1 → (6, 4, 2); Σ η = 12 steps.
        #expect(maxAbsDifference(half.visitation, [6, 4, 2]) < 1e-12)
        #expect(!half.acyclic)
        // dJ/dp = 8 at p = ½ (differentiate v0), and dp/dθ_right = p(1 − p) = ¼, dp/dθ_left = −¼.
        #expect(maxAbsDifference(half.gradient, [-2, 2]) < 1e-12)
        // Q(s, a) = r + v(s'): from 1, "right" moves left to 0 (−1 − 12), "left" moves right to 2 (−1 − 6).
        #expect(abs(half.q(1, ShortCorridor.right) + 13) < 1e-12)
        #expect(abs(half.q(1, ShortCorridor.left) + 7) < 1e-12)
        // p* = 2 − √2 maximises J, with J(p*) = −(6 + 4√2) and ∇J = 0.
        let best = exactEvaluation(ShortCorridor(), corridorPolicy(2 - 2.0.squareRoot()))
        #expect(abs(best.objective + 6 + 4 * 2.0.squareRoot()) < 1e-12)
        #expect(best.gradient.allSatisfy { abs($0) < 1e-12 })
        // The wrappers agree; a horizon gives the finite-horizon value and the mass it cuts off.
        #expect(abs(exactValue(ShortCorridor(), corridorPolicy(0.5), state: 0) + 12) < 1e-12)
        let cut = exactObjective(ShortCorridor(), corridorPolicy(0.5), horizon: 100)
        #expect(abs(cut.objective + 11.99964) < 1e-5)
        #expect(cut.stillRunning > 0 && cut.stillRunning < 1e-4)
        #expect(exactObjective(ShortCorridor(), corridorPolicy(0.5)).stillRunning == 0)
    }

    @Test func policyGradientTheoremMatchesFiniteDifferences() {
        var pi = TabularSoftmax(stateCount: 3, actionCount: 2)
        pi.parameters = randomParameters(6, seed: 31)
        let e = exactEvaluation(ShortCorridor(), pi)
        let fd = finiteDifferenceGradient(pi.parameters) { exactObjective(ShortCorridor(), pi.with(parameters: $0)).objective }
        #expect(maxAbsDifference(e.gradient, fd) < 1e-7)
        // A slippery grid with walls, discounted: a dense system with 8 states.
        let grid = GridWorld(width: 3, height: 3, walls: [4], stepReward: -0.1, slip: 0.2)
        var g = TabularSoftmax(stateCount: 9, actionCount: 4)
        g.parameters = randomParameters(36, seed: 32)
        let ge = exactEvaluation(grid, g, gamma: 0.9)
        let gfd = finiteDifferenceGradient(g.parameters) { exactObjective(grid, g.with(parameters: $0), gamma: 0.9).objective }
        #expect(maxAbsDifference(ge.gradient, gfd) < 1e-7)
        // J = μ₀ · v = η · r_π, and v satisfies its Bellman equation v = r_π + γ P_π v.
        let etaR = zip(ge.visitation, ge.expectedRewards).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(etaR - ge.objective) < 1e-12)
        let pv = ge.transitionMatrix.times(ge.values)
        for i in ge.states.indices { #expect(abs(ge.values[i] - ge.expectedRewards[i] - 0.9 * pv[i]) < 1e-12) }
    }

    @Test func linearAlgebraAgreesWithALongFiniteHorizon() {
        // γ^2000 ≈ 0: the finite-horizon recursion (iterative, no deep recursion) reaches the same numbers.
        let grid = GridWorld(width: 3, height: 2, stepReward: -1, slip: 0.3)
        var g = TabularSoftmax(stateCount: 6, actionCount: 4)
        g.parameters = randomParameters(24, seed: 33)
        let exact = exactObjective(grid, g, gamma: 0.95)
        let long = exactObjective(grid, g, gamma: 0.95, horizon: 2000)
        #expect(abs(exact.objective - long.objective) < 1e-12)
        #expect(maxAbsDifference(exact.gradient, long.gradient) < 1e-12)
        // With γ = 1 the corridor at horizon 20000 has cut off nothing measurable.
        #expect(abs(exactValue(ShortCorridor(), corridorPolicy(0.5), state: 0, horizon: 20000) + 12) < 1e-9)
    }

    @Test func finiteHorizonAgreesWithEnumeration() {
        var pi = TabularSoftmax(stateCount: 3, actionCount: 2)
        pi.parameters = randomParameters(6, seed: 34)
        let horizon = 9, gamma = 0.9
        let all = allTrajectories(ShortCorridor(), pi, horizon: horizon)
        #expect(all.count == countTrajectories(ShortCorridor(), pi, horizon: horizon))
        #expect(abs(all.reduce(0) { $0 + $1.p } - 1) < 1e-14)
        let r = exactObjective(ShortCorridor(), pi, gamma: gamma, horizon: horizon)
        let m = exactMoments(all) { [$0.discountedReturn(gamma: gamma)] }
        #expect(abs(m.mean[0] - r.objective) < 1e-12)
        let score = exactMoments(all) { reinforceGradient(pi, [$0], gamma: gamma) }
        #expect(maxAbsDifference(score.mean, r.gradient) < 1e-12)
        let cut = all.filter { !$0.tau.terminated }.reduce(0) { $0 + $1.p }
        #expect(abs(cut - r.stillRunning) < 1e-14)
        #expect(r.trajectoryCount == all.count)
    }

    @Test func acyclicProblemsAgreeWithEnumeration() {
        let task = TextTask(vocabularySize: 3, length: 3, reward: .matches(target: [2, 1, 0]))
        var pi = TokenPolicy(vocabularySize: 3, length: 3)
        pi.parameters = randomParameters(pi.parameterCount, seed: 35)
        let e = exactEvaluation(task, pi, gamma: 0.8)
        #expect(e.acyclic)
        #expect(e.states.count == 1 + 3 + 9)
        let all = allTrajectories(task, pi)
        #expect(all.count == 27)
        let m = exactMoments(all) { reinforceGradient(pi, [$0], gamma: 0.8) }
        #expect(maxAbsDifference(m.mean, e.gradient) < 1e-12)
        #expect(abs(exactMoments(all) { [$0.discountedReturn(gamma: 0.8)] }.mean[0] - e.objective) < 1e-12)
        #expect(exactObjective(task, pi).trajectoryCount == 27)
        #expect(countTrajectories(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2)) == nil)
    }

    @Test func episodesThatNeedNotEndAreRefused() {
        // Cell 2 is the goal, behind a wall at cell 1: nothing ends, so (I − P_π) is singular.
        let walled = GridWorld(width: 3, height: 1, walls: [1], stepReward: -1)
        let pi = TabularSoftmax(stateCount: 3, actionCount: 4)
        #expect(throws: ExactEvaluationError.episodesNeedNotEnd(state: "0")) {
            try evaluateExactly(walled, pi, gamma: 1, start: walled.initialStates(), gradient: true)
        }
        // Discounted, the same problem is well defined: J = −1/(1 − γ).
        let discounted = try? evaluateExactly(walled, pi, gamma: 0.9, start: walled.initialStates(), gradient: true)
        #expect(discounted.map { abs($0.objective + 10) < 1e-12 } == true)
        let message = ExactEvaluationError.episodesNeedNotEnd(state: "0").description
        #expect(message.contains("from state 0") && message.contains("singular"))
        // The dense solver's limit is checked before any work, with the count in the message.
        let big = GridWorld(width: 10, height: 10, slip: 0.1)
        #expect(throws: ExactEvaluationError.tooManyStatesForDenseSolver(count: 99, limit: 50)) {
            try evaluateExactly(big, TabularSoftmax(stateCount: 100, actionCount: 4), gamma: 1,
                                start: big.initialStates(), gradient: false, denseLimit: 50)
        }
    }

    @Test func luSolvesByHandAndAtRandom() throws {
        let a = Matrix(rows: [[2, 1], [1, 3]])
        #expect(maxAbsDifference(try solveLinearSystem(a, [3, 5]), [0.8, 1.4]) < 1e-15)
        // A zero first pivot needs the row exchange.
        let b = Matrix(rows: [[0, 1], [2, 0]])
        #expect(try solveLinearSystem(b, [3, 4]) == [2, 3])
        #expect(try LUDecomposition(b).solveTransposed([3, 4]) == [4, 1.5])   // bᵀ = [[0, 2], [1, 0]]
        #expect(throws: SingularMatrixError.self) { try solveLinearSystem(Matrix(rows: [[1, 2], [2, 4]]), [1, 1]) }
        var rng = RNG(seed: 36)
        let n = 40
        var m = Matrix(size: n)
        for i in 0..<n { for j in 0..<n { m[i, j] = rng.normal() } }
        let x = (0..<n).map { _ in rng.normal() }
        let lu = try LUDecomposition(m)
        #expect(maxAbsDifference(lu.solve(m.times(x)), x) < 1e-10)
        #expect(maxAbsDifference(lu.solveTransposed(m.transposed.times(x)), x) < 1e-10)
    }
}

/// What the engine refuses, and the message it gives (run in a child process: a refusal stops the program).
@Suite struct RefusalTests {
    @Test func tooManyTrajectoriesIsRefusedWithTheCount() async {
        let count = countTrajectories(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2), horizon: 30)
        #expect(count.map { $0 > 1000 } == true)
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = allTrajectories(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2), horizon: 30, limit: 1000)
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(text.contains("allTrajectories: \(count ?? 0) trajectories, more than the limit of 1000"))
    }

    @Test func infinitelyManyTrajectoriesAndEndlessEpisodesAreRefused() async {
        let loops = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = allTrajectories(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2))
        }
        let loopsText = String(decoding: loops?.standardErrorContent ?? [], as: UTF8.self)
        #expect(loopsText.contains("infinitely many trajectories"))
        let endless = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = exactObjective(GridWorld(width: 3, height: 1, walls: [1]), TabularSoftmax(stateCount: 3, actionCount: 4))
        }
        let endlessText = String(decoding: endless?.standardErrorContent ?? [], as: UTF8.self)
        #expect(endlessText.contains("needs episodes that end with probability 1, but from state 0"))
    }

    @Test func covarianceOfAPerTrajectoryVector() {
        // Two fair coin flips as a bandit with two pulls is not available; a 1-step text task is:
        // y ∈ {0, 1, 2} uniform, g(τ) = (1[y = 0], y). Cov = [[2/9, −1/3], [−1/3, 2/3]].
        let task = TextTask(vocabularySize: 3, length: 1, reward: .none)
        let all = allTrajectories(task, TokenPolicy(vocabularySize: 3, length: 1))
        let m = exactMoments(all) { tau in [tau.actions[0] == 0 ? 1 : 0, Double(tau.actions[0])] }
        #expect(maxAbsDifference(m.mean, [1.0 / 3, 1]) < 1e-15)
        let c = m.covariance()
        #expect(maxAbsDifference(c[0], [2.0 / 9, -1.0 / 3]) < 1e-15)
        #expect(maxAbsDifference(c[1], [-1.0 / 3, 2.0 / 3]) < 1e-15)
        #expect(abs(m.variance - (2.0 / 9 + 2.0 / 3)) < 1e-15)
    }
}
