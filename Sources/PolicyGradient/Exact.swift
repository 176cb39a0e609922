/// Exact J and ∇J of a small problem.
public struct ExactResult {
    /// J(π) = E_τ[Σ_t γ^t r_t].
    public var objective: Double
    /// ∇_θ J = Σ_s η(s) Σ_a Q(s, a) ∇_θ π(a|s) = E_τ[r(τ) Σ_t ∇_θ log π_θ(a_t | s_t)].
    public var gradient: [Double]
    /// How many trajectories have positive probability (see `countTrajectories`): nil when
    /// there are infinitely many (episodes can revisit a state) or more than `Int.max`.
    public var trajectoryCount: Int?
    /// P(the episode has not ended after `horizon` steps); 0 without a horizon.
    public var stillRunning: Double
}

/// Exact J(π) = E_τ[Σ_{t=0}^{T} γ^t r_t] and ∇_θ J.
///
/// Without a horizon: by linear algebra over the reachable states (`exactEvaluation`), for
/// problems whose episodes end with probability 1 (an error says so otherwise). With a
/// horizon H: the finite-horizon problem, whose episodes stop after H steps, by dynamic
/// programming over (state, time); `stillRunning` then reports the probability cut off at H.
///
/// ```swift
/// let r = exactObjective(Bandit(means: [0.2, 0.8]), TabularSoftmax(stateCount: 1, actionCount: 2))
/// r.objective   // 0.5
/// r.gradient    // [-0.15, 0.15]
/// let c = exactObjective(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2), horizon: 100)
/// c.objective      // -11.99964…: the horizon cuts off long episodes
/// c.stillRunning   // 4.8e-6
/// ```
/// - Parameters:
///   - env: a finite environment.
///   - policy: π_θ.
///   - gamma: γ (default 1).
///   - horizon: nil (default) for episodes that run to their end, or the time limit H.
/// - Complexity: see `exactEvaluation`; with a horizon, H times the states reachable per step.
public func exactObjective<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, gamma: Double = 1,
                                                            horizon: Int? = nil) -> ExactResult
where P.State == E.State {
    if let horizon {
        let h = finiteHorizon(env, policy, gamma: gamma, roots: env.initialStates(), time: 0, horizon: horizon,
                              gradient: true)
        return ExactResult(objective: h.objective, gradient: h.gradient,
                           trajectoryCount: countTrajectories(env, policy, horizon: horizon), stillRunning: h.stillRunning)
    }
    let e = exactEvaluation(env, policy, gamma: gamma)
    return ExactResult(objective: e.objective, gradient: e.gradient,
                       trajectoryCount: countTrajectories(env, policy), stillRunning: 0)
}

/// Exact V^π(s_t) = E[Σ_{t'≥t} γ^{t'−t} r_{t'} | s_t], the usual discount from now.
///
/// ```swift
/// let pi = TabularSoftmax(stateCount: 3, actionCount: 2)
/// exactValue(ShortCorridor(), pi, state: 0)                 // -12
/// exactValue(ShortCorridor(), pi, state: 0, horizon: 100)   // -11.99964…, episodes cut at t = 100
/// ```
/// - Parameters:
///   - state: s_t.
///   - time: t; only matters with a horizon (the remaining steps are horizon − t).
///   - gamma: γ.
///   - horizon: nil (default) for episodes that run to their end (linear algebra), or the
///     time limit: steps t' run up to horizon − 1.
public func exactValue<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, state: E.State, time t: Int = 0,
                                                        gamma: Double = 1, horizon: Int? = nil) -> Double
where P.State == E.State {
    if let horizon {
        return finiteHorizon(env, policy, gamma: gamma, roots: [(state, 1)], time: t, horizon: horizon,
                             gradient: false).objective
    }
    do {
        return try evaluateExactly(env, policy, gamma: gamma, start: [(state, 1)], gradient: false).objective
    } catch {
        engineFailure(error.description)
    }
}

/// Exact Q^π(s_t, a_t), in either discount convention:
///
///     .fromStart (the seed):  Q^π(s_t, a_t) = E[ Σ_{t'=t}^T γ^{t'} r_{t'} | s_t, a_t ]
///     .fromNow  (usual):      Q^π(s_t, a_t) = E[ Σ_{t'=t}^T γ^{t'−t} r_{t'} | s_t, a_t ]
///
/// so fromStart = γ^t · fromNow; t keeps this time dependence with or without a horizon.
///
/// ```swift
/// let env = ShortCorridor(), pi = TabularSoftmax(stateCount: 3, actionCount: 2)
/// exactQ(env, pi, state: 2, action: ShortCorridor.right, time: 0)   // -1: right from 2 reaches the goal
/// ```
/// - Parameters:
///   - state: s_t.
///   - action: a_t.
///   - time: t, which fixes the γ^t factor (and, with a horizon, the steps left).
///   - gamma: γ.
///   - horizon: nil (default) for episodes that run to their end, or the time limit.
///   - discounting: the seed's γ^{t'} or the usual γ^{t'−t}.
public func exactQ<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, state: E.State, action: Int, time t: Int = 0,
                                                    gamma: Double = 1, horizon: Int? = nil,
                                                    discounting: Discounting = .fromNow) -> Double
where P.State == E.State {
    if let horizon, t >= horizon { engineFailure("time \(t) is not before the horizon \(horizon)") }
    if action < 0 || action >= env.actionCount { engineFailure("action \(action) outside 0..<\(env.actionCount)") }
    let outcomes = env.outcomes(state, action).filter { $0.probability > 0 }
    let running = outcomes.filter { !$0.done }.map { (state: $0.next, probability: $0.probability) }
    var next: [E.State: Double] = [:]
    if !running.isEmpty && horizon.map({ t + 1 < $0 }) ?? true {
        for o in running where next[o.state] == nil {
            next[o.state] = exactValue(env, policy, state: o.state, time: t + 1, gamma: gamma, horizon: horizon)
        }
    }
    var q = 0.0
    for o in outcomes { q += o.probability * (o.reward + (o.done ? 0 : gamma * (next[o.next] ?? 0))) }
    if discounting == .fromStart {
        for _ in 0..<t { q *= gamma }
    }
    return q
}

/// The number of trajectories with positive probability, counted without walking them:
/// c_t(s) paths reach s at step t; each action with π(a|s) > 0 and outcome with p > 0 extends
/// them, ending a trajectory when the outcome is terminal or the horizon is reached.
///
/// ```swift
/// countTrajectories(TextTask(vocabularySize: 3, length: 3, reward: .matches(target: [2, 1, 0])),
///                   TokenPolicy(vocabularySize: 3, length: 3))                        // 27
/// countTrajectories(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2))     // nil: infinitely many
/// countTrajectories(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2), horizon: 10)  // 1023
/// ```
/// - Returns: the count, or nil when it is infinite (no horizon, and a state can repeat) or exceeds `Int.max`.
/// - Complexity: with a horizon, H times the states per step; without, linear in the transitions.
public func countTrajectories<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, horizon: Int? = nil) -> Int?
where P.State == E.State {
    var layer: [E.State: Int] = [:], order: [E.State] = []
    for (s, p) in env.initialStates() where p > 0 {
        if layer[s] == nil { order.append(s) }
        layer[s, default: 0] += 1
    }
    var total = 0, seen = Set<E.State>(order), t = 0
    while !order.isEmpty {
        if let horizon, t == horizon {                    // every path still running ends at the horizon
            for s in order { guard let c = add(total, layer[s] ?? 0) else { return nil }; total = c }
            return total
        }
        // A path still running at step t has visited t + 1 states; more than the distinct
        // states seen means one repeated, and a loop gives infinitely many trajectories.
        if horizon == nil && t >= seen.count { return nil }
        var next: [E.State: Int] = [:], nextOrder: [E.State] = []
        for s in order {
            let c = layer[s] ?? 0, pi = policy.probabilities(given: s)
            for a in 0..<env.actionCount where pi[a] > 0 {
                for o in env.outcomes(s, a) where o.probability > 0 {
                    if o.done {
                        guard let n = add(total, c) else { return nil }
                        total = n
                    } else {
                        if next[o.next] == nil { nextOrder.append(o.next) }
                        guard let n = add(next[o.next] ?? 0, c) else { return nil }
                        next[o.next] = n
                        seen.insert(o.next)
                    }
                }
            }
        }
        layer = next
        order = nextOrder
        t += 1
    }
    return total
}

func add(_ a: Int, _ b: Int) -> Int? {
    let (s, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : s
}

/// The states reachable at one time step, with their probabilities and what each action leads to.
struct TimeLayer<State: Hashable> {
    var states: [State] = []
    var index: [State: Int] = [:]
    var probability: [Double] = []
    var policy: [[Double]] = []
    var steps: [[[StepOutcome]]] = []
}

/// Σ_o p_o (r_o + γ v(s'_o)), with v = 0 after a terminal outcome.
func expectedReturn(_ outcomes: [StepOutcome], gamma: Double, values: [Double]) -> Double {
    var q = 0.0
    for o in outcomes { q += o.probability * (o.reward + (o.next >= 0 ? gamma * values[o.next] : 0)) }
    return q
}

/// J, ∇J (with the γ^t of absolute time), and P(still running at H) of the finite-horizon
/// problem from `roots` at time `time`: forward distributions d_t over the states of each
/// step, then backward V_t(s) = Σ_a π(a|s) Q_t(s, a), Q_t(s, a) = Σ_o p_o (r_o + γ V_{t+1}(s'_o)),
/// V_H = 0, and ∇J = Σ_t γ^t Σ_s d_t(s) Σ_a Q_t(s, a) ∇π(a|s). Iterative: no recursion as deep as H.
func finiteHorizon<E: FiniteEnvironment, P: Policy>(
    _ env: E, _ policy: P, gamma: Double, roots: [(state: E.State, probability: Double)], time t0: Int, horizon: Int,
    gradient: Bool
) -> (objective: Double, gradient: [Double], stillRunning: Double) where P.State == E.State {
    if horizon < t0 { engineFailure("time \(t0) is past the horizon \(horizon)") }
    typealias Layer = TimeLayer<E.State>
    var layers = [Layer()]
    for (s, p) in roots where p > 0 {
        if let i = layers[0].index[s] { layers[0].probability[i] += p; continue }
        layers[0].index[s] = layers[0].states.count
        layers[0].states.append(s)
        layers[0].probability.append(p)
    }
    for k in 0..<(horizon - t0) {                               // forward: d_{t+1}(s') = Σ d_t(s) π(a|s) p(s'|s,a)
        var next = Layer()
        for i in layers[k].states.indices {
            let s = layers[k].states[i], pi = policy.probabilities(given: s), d = layers[k].probability[i]
            var perAction: [[StepOutcome]] = []
            for a in 0..<env.actionCount {
                var list: [StepOutcome] = []
                if pi[a] > 0 {
                    for o in env.outcomes(s, a) where o.probability > 0 {
                        var j = -1
                        if !o.done {
                            if let found = next.index[o.next] { j = found } else {
                                j = next.states.count
                                next.index[o.next] = j
                                next.states.append(o.next)
                                next.probability.append(0)
                            }
                            next.probability[j] += d * pi[a] * o.probability
                        }
                        list.append(StepOutcome(probability: o.probability, next: j, reward: o.reward))
                    }
                }
                perAction.append(list)
            }
            layers[k].policy.append(pi)
            layers[k].steps.append(perAction)
        }
        layers.append(next)
    }
    let last = horizon - t0
    let stillRunning = layers[last].probability.reduce(0, +)
    var after = [Double](repeating: 0, count: layers[last].states.count)   // V_H = 0
    var g = [Double](repeating: 0, count: gradient ? policy.parameterCount : 0)
    var discount = 1.0
    for _ in 0..<t0 { discount *= gamma }
    var discounts = [Double](repeating: 0, count: last + 1)
    for k in 0...last { discounts[k] = discount; discount *= gamma }
    for k in stride(from: last - 1, through: 0, by: -1) {
        let layer = layers[k]
        var values = [Double](repeating: 0, count: layer.states.count)
        for i in layer.states.indices {
            let pi = layer.policy[i]
            let q = layer.steps[i].map { list in expectedReturn(list, gamma: gamma, values: after) }
            var v = 0.0
            for a in q.indices { v += pi[a] * q[a] }
            values[i] = v
            if gradient && layer.probability[i] > 0 {
                let w = q.indices.map { pi[$0] * (q[$0] - v) }
                policy.addLogitsVJP(given: layer.states[i], w, scale: discounts[k] * layer.probability[i], into: &g)
            }
        }
        after = values
    }
    var j = 0.0
    for i in layers[0].states.indices { j += layers[0].probability[i] * (last == 0 ? 0 : after[i]) }
    return (j, g, stillRunning)
}

/// Central finite differences: ∂f/∂θ_i ≈ (f(θ + h e_i) − f(θ − h e_i)) / 2h, error O(h²).
///
/// ```swift
/// finiteDifferenceGradient([1, 2]) { x in x[0] * x[0] + 3 * x[1] }   // [2, 3]
/// ```
/// - Parameters:
///   - theta: the point θ.
///   - step: h (default 1e-5, a good balance of truncation and rounding error for smooth f).
///   - f: the scalar function.
public func finiteDifferenceGradient(_ theta: [Double], step h: Double = 1e-5,
                                     _ f: ([Double]) -> Double) -> [Double] {
    var x = theta
    return theta.indices.map { i in
        x[i] = theta[i] + h
        let up = f(x)
        x[i] = theta[i] - h
        let down = f(x)
        x[i] = theta[i]
        return (up - down) / (2 * h)
    }
}
