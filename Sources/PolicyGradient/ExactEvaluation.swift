/// The most states exact evaluation puts into one dense linear system (a problem whose
/// states can repeat within an episode). Measured by `bench/solver` (one core; the machine
/// was shared, load ≈ 20 on 2 cores, so absolute times are several times an idle machine's):
///
///     states                       250      500     1000     2000     4000
///     banded P_π (corridor)      0.01 s   0.02 s   0.10 s   0.78 s   5.2 s    (zeros skipped: ≈ n²·band)
///     filled-in P_π (random)     0.07 s   0.27 s   2.0 s    21 s     75 s     (×8–10 per doubling: n³/3)
///     numpy (LAPACK), same n     0.001 s  0.03 s   0.27 s   1.8 s    13 s     (the engine's LU is ≈ 10× slower)
///
/// so 3000 states with fill-in cost up to half a minute on a busy machine. Problems whose states never
/// repeat (text tasks, any horizon-indexed state) are solved in topological order instead,
/// in time linear in the number of transitions, up to `reachableStateLimit` states.
public let denseStateLimit = 3000

/// The most reachable states exact evaluation will discover before refusing.
public let reachableStateLimit = 1_000_000

/// Why an exact evaluation was refused.
public enum ExactEvaluationError: Error, CustomStringConvertible, Equatable {
    /// With γ = 1, some state the policy can reach has no way to end the episode, so
    /// (I − P_π) is singular and J is not defined.
    case episodesNeedNotEnd(state: String)
    /// More reachable states than the limit (the discovery stops there).
    case tooManyStates(limit: Int)
    /// A problem with cycles and more states than the dense solver accepts.
    case tooManyStatesForDenseSolver(count: Int, limit: Int)

    public var description: String {
        switch self {
        case .episodesNeedNotEnd(let s):
            return "exact evaluation needs episodes that end with probability 1, but from state \(s) the policy "
                + "never reaches an end, so (I − γP_π) is singular at γ = 1; pass a horizon to evaluate a "
                + "finite-horizon problem, or a discount γ < 1"
        case .tooManyStates(let limit):
            return "exact evaluation found more than \(limit) reachable states and stopped; pass a horizon for a "
                + "finite-horizon answer"
        case .tooManyStatesForDenseSolver(let n, let limit):
            return "exact evaluation: \(n) reachable states whose episodes can revisit states, more than the dense "
                + "solver's limit of \(limit) (time grows as n³); pass a horizon for a finite-horizon answer"
        }
    }
}

/// A finite environment under a fixed policy, evaluated exactly by linear algebra.
///
/// Over the non-terminal states s reachable from the start distribution μ₀ (numbered in
/// `states`), with r_π(s) = Σ_a π(a|s) E[r | s, a] and P_π(s, s') = Σ_a π(a|s) p(s' | s, a)
/// (terminal outcomes leave the chain):
///
///     (I − γ P_π) v = r_π                 state values v(s) = V^π(s)
///     Q(s, a) = Σ_{s'} p(s'|s,a) (r + γ v(s'))   (v = 0 after the end)
///     (I − γ P_π)ᵀ η = μ₀                 discounted visitation η(s) = Σ_t γ^t P(s_t = s)
///     J = μ₀ · v = η · r_π
///     ∇_θ J = Σ_s η(s) Σ_a Q(s, a) ∇_θ π(a|s)      (the policy-gradient theorem)
///
/// Requires episodes that end with probability 1 when γ = 1 (otherwise (I − P_π) is
/// singular: an `ExactEvaluationError`). States that never repeat within an episode are
/// solved in topological order; otherwise a dense LU solve (see `denseStateLimit`).
///
/// ```swift
/// let pi = LinearSoftmax<Int>(featureCount: 1, actionCount: 2) { _ in [1] }   // π(right) = ½
/// let e = exactEvaluation(ShortCorridor(), pi)
/// e.objective          // -12
/// e.value(of: 1)       // -10
/// e.visitation(of: 0)  // 6: the expected number of visits to state 0
/// ```
public struct ExactEvaluation<State: Hashable> {
    /// The reachable non-terminal states, in discovery order (breadth first from μ₀).
    public let states: [State]
    /// γ.
    public let gamma: Double
    /// μ₀(s) over `states`.
    public let initialDistribution: [Double]
    /// r_π(s) = Σ_a π(a|s) Σ_o p_o r_o, the expected reward of one step from s.
    public let expectedRewards: [Double]
    /// π(a|s) for every state of `states`.
    public let actionProbabilities: [[Double]]
    /// v(s) = V^π(s) (the usual γ^{t'−t} form).
    public let values: [Double]
    /// Q(s, a), the usual γ^{t'−t} form, indexed [state index][action].
    public let qValues: [[Double]]
    /// η(s) = Σ_t γ^t P(s_t = s).
    public let visitation: [Double]
    /// J = Σ_s μ₀(s) v(s).
    public let objective: Double
    /// ∇_θ J by the policy-gradient theorem.
    public let gradient: [Double]
    /// True when no state can repeat within an episode (solved in topological order).
    public let acyclic: Bool
    let transitions: [[(next: Int, probability: Double)]]
    let index: [State: Int]

    /// The position of s in `states`, or nil if s is not a reachable non-terminal state.
    public func index(of s: State) -> Int? { index[s] }

    /// V^π(s); traps for a state that is not reachable.
    public func value(of s: State) -> Double { values[position(s)] }

    /// Q^π(s, a) (the usual γ^{t'−t} form).
    public func q(_ s: State, _ a: Int) -> Double { qValues[position(s)][a] }

    /// η(s), the discounted expected number of visits to s.
    public func visitation(of s: State) -> Double { visitation[position(s)] }

    /// P_π as a dense matrix over `states` (row s, column s').
    public var transitionMatrix: Matrix {
        var m = Matrix(size: states.count)
        for (i, row) in transitions.enumerated() { for (j, p) in row { m[i, j] += p } }
        return m
    }

    func position(_ s: State) -> Int {
        guard let i = index[s] else { engineFailure("state \(s) is not a reachable non-terminal state of this problem") }
        return i
    }
}

/// Exact V^π, Q^π, η, J and ∇_θ J of a finite environment whose episodes end with probability 1,
/// by solving the linear systems of `ExactEvaluation`.
///
/// ```swift
/// exactEvaluation(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2)).objective   // -12
/// ```
/// - Parameters:
///   - env: a finite environment.
///   - policy: π_θ.
///   - gamma: γ in [0, 1] (default 1).
///   - start: the start distribution (default `env.initialStates()`).
/// - Complexity: linear in the transitions when states never repeat; otherwise n³/3 for n states.
public func exactEvaluation<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, gamma: Double = 1,
                                                             start: [(state: E.State, probability: Double)]? = nil)
    -> ExactEvaluation<E.State> where P.State == E.State {
    do {
        return try evaluateExactly(env, policy, gamma: gamma, start: start ?? env.initialStates(), gradient: true)
    } catch {
        engineFailure(error.description)
    }
}

struct StepOutcome {
    var probability: Double
    var next: Int       // −1 for a terminal outcome
    var reward: Double
}

func evaluateExactly<E: FiniteEnvironment, P: Policy>(
    _ env: E, _ policy: P, gamma: Double, start: [(state: E.State, probability: Double)], gradient: Bool,
    stateLimit: Int = reachableStateLimit, denseLimit: Int = denseStateLimit
) throws(ExactEvaluationError) -> ExactEvaluation<E.State> where P.State == E.State {
    if !(gamma >= 0 && gamma <= 1) { engineFailure("exact evaluation needs 0 ≤ γ ≤ 1, got \(gamma)") }
    // Discover the reachable non-terminal states, breadth first, under every action.
    var states: [E.State] = [], index: [E.State: Int] = [:]
    func add(_ s: E.State) throws(ExactEvaluationError) -> Int {
        if let i = index[s] { return i }
        if states.count >= stateLimit { throw .tooManyStates(limit: stateLimit) }
        index[s] = states.count
        states.append(s)
        return states.count - 1
    }
    var mu0: [Double] = []
    for (s, p) in start where p > 0 {
        let i = try add(s)
        if mu0.count <= i { mu0.append(0) }
        mu0[i] += p
    }
    var steps: [[[StepOutcome]]] = []
    var cursor = 0
    while cursor < states.count {
        let s = states[cursor]
        var perAction: [[StepOutcome]] = []
        for a in 0..<env.actionCount {
            var list: [StepOutcome] = []
            for o in env.outcomes(s, a) where o.probability > 0 {
                var next = -1
                if !o.done { next = try add(o.next) }
                list.append(StepOutcome(probability: o.probability, next: next, reward: o.reward))
            }
            perAction.append(list)
        }
        steps.append(perAction)
        cursor += 1
    }
    let n = states.count
    while mu0.count < n { mu0.append(0) }

    // r_π and the sparse rows of P_π.
    var probs: [[Double]] = [], r = [Double](repeating: 0, count: n)
    var rows: [[(next: Int, probability: Double)]] = []
    for i in 0..<n {
        let pi = policy.probabilities(given: states[i])
        probs.append(pi)
        var row: [Int: Double] = [:], order: [Int] = []
        for a in 0..<env.actionCount where pi[a] > 0 {
            for o in steps[i][a] {
                r[i] += pi[a] * o.probability * o.reward
                if o.next >= 0 {
                    if row[o.next] == nil { order.append(o.next) }
                    row[o.next, default: 0] += pi[a] * o.probability
                }
            }
        }
        rows.append(order.map { ($0, row[$0] ?? 0) })
    }

    // Kahn's algorithm: a topological order exists iff no state can repeat.
    var indegree = [Int](repeating: 0, count: n)
    for row in rows { for (j, _) in row { indegree[j] += 1 } }
    var topo = (0..<n).filter { indegree[$0] == 0 }
    var head = 0
    while head < topo.count {
        for (j, _) in rows[topo[head]] {
            indegree[j] -= 1
            if indegree[j] == 0 { topo.append(j) }
        }
        head += 1
    }
    let acyclic = topo.count == n

    var v = [Double](repeating: 0, count: n), eta = [Double](repeating: 0, count: n)
    if acyclic {
        for i in topo.reversed() {                        // v(s) = r_π(s) + γ Σ_{s'} P_π(s, s') v(s')
            var x = r[i]
            for (j, p) in rows[i] { x += gamma * p * v[j] }
            v[i] = x
        }
        if gradient {
            eta = mu0                                      // η(s') = μ₀(s') + γ Σ_s η(s) P_π(s, s')
            for i in topo { for (j, p) in rows[i] { eta[j] += gamma * eta[i] * p } }
        }
    } else {
        if gamma == 1, let stuck = neverEnding(rows, probs: probs, steps: steps, mu0: mu0) {
            throw .episodesNeedNotEnd(state: "\(states[stuck])")
        }
        if n > denseLimit { throw .tooManyStatesForDenseSolver(count: n, limit: denseLimit) }
        var a = Matrix(size: n)                            // I − γ P_π
        for i in 0..<n {
            a[i, i] = 1
            for (j, p) in rows[i] { a[i, j] -= gamma * p }
        }
        do {
            let lu = try LUDecomposition(a)
            v = lu.solve(r)
            if gradient { eta = lu.solveTransposed(mu0) }
        } catch {
            throw .episodesNeedNotEnd(state: "\(states[min(error.column, n - 1)])")
        }
    }

    // Q(s, a) = Σ_o p_o (r_o + γ v(s'_o)), and the policy-gradient theorem through the logits:
    // Σ_a Q(s,a) ∇π(a|s) = (π ⊙ (Q(s,·) − v(s)))ᵀ ∂f_θ(s)/∂θ.
    var q: [[Double]] = [], g = [Double](repeating: 0, count: gradient ? policy.parameterCount : 0)
    for i in 0..<n {
        let qs = steps[i].map { expectedReturn($0, gamma: gamma, values: v) }
        q.append(qs)
        if gradient && eta[i] != 0 {
            var vs = 0.0
            for a in qs.indices { vs += probs[i][a] * qs[a] }
            let w = qs.indices.map { probs[i][$0] * (qs[$0] - vs) }
            policy.addLogitsVJP(given: states[i], w, scale: eta[i], into: &g)
        }
    }
    var j = 0.0
    for i in 0..<n { j += mu0[i] * v[i] }
    return ExactEvaluation(states: states, gamma: gamma, initialDistribution: mu0, expectedRewards: r,
                           actionProbabilities: probs, values: v, qValues: q, visitation: eta, objective: j,
                           gradient: g, acyclic: acyclic, transitions: rows, index: index)
}

/// A state the policy reaches from μ₀ from which no end is reachable, if there is one.
func neverEnding(_ rows: [[(next: Int, probability: Double)]], probs: [[Double]], steps: [[[StepOutcome]]],
                 mu0: [Double]) -> Int? {
    let n = rows.count
    var reached = [Bool](repeating: false, count: n), stack = (0..<n).filter { mu0[$0] > 0 }
    for i in stack { reached[i] = true }
    while let i = stack.popLast() {
        for (j, _) in rows[i] where !reached[j] { reached[j] = true; stack.append(j) }
    }
    var predecessors = [[Int]](repeating: [], count: n)
    var ends = [Bool](repeating: false, count: n)
    for i in 0..<n {
        for (j, _) in rows[i] { predecessors[j].append(i) }
        for a in probs[i].indices where probs[i][a] > 0 && steps[i][a].contains(where: { $0.next < 0 }) { ends[i] = true }
    }
    var queue = (0..<n).filter { ends[$0] }
    while let i = queue.popLast() {
        for k in predecessors[i] where !ends[k] { ends[k] = true; queue.append(k) }
    }
    return (0..<n).first { reached[$0] && !ends[$0] }
}
