/// J and ∇J computed exactly by walking every trajectory of a small problem.
public struct ExactResult {
    /// J(π) = Σ_τ p(τ; θ) Σ_t γ^t r_t.
    public var objective: Double
    /// ∇_θ J = Σ_τ p(τ; θ) r(τ) Σ_t ∇_θ log π_θ(a_t | s_t).
    public var gradient: [Double]
    /// How many complete trajectories (leaves) were enumerated.
    public var trajectoryCount: Int
}

/// Exact J(π) = E_τ[Σ_{t=0}^{T} γ^t r_t] and ∇_θ J by enumerating every trajectory.
///
/// Walks every initial state, action and outcome up to `horizon` steps (or the end),
/// carrying p(τ), Σ γ^t r_t and Σ ∇log π along each path. Cost grows like
/// (actions × outcomes)^horizon: for bandits, the corridor with a short horizon and
/// text tasks with V^T ≲ 10⁵.
///
/// ```swift
/// let r = exactObjective(Bandit(means: [0.2, 0.8]), TabularSoftmax(stateCount: 1, actionCount: 2))
/// r.objective   // 0.5
/// r.gradient    // [-0.15, 0.15]
/// ```
/// - Parameters:
///   - env: a finite environment.
///   - policy: π_θ.
///   - gamma: γ (default 1).
///   - horizon: the time limit; paths still running after it stop there (default 100).
public func exactObjective<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, gamma: Double = 1,
                                                            horizon: Int = 100) -> ExactResult
where P.State == E.State {
    var result = ExactResult(objective: 0, gradient: [Double](repeating: 0, count: policy.parameterCount),
                             trajectoryCount: 0)
    var score = [Double](repeating: 0, count: policy.parameterCount)
    func walk(_ s: E.State, _ t: Int, _ p: Double, _ ret: Double, _ discount: Double) {
        if t == horizon || p == 0 {
            result.objective += p * ret
            for i in score.indices { result.gradient[i] += p * ret * score[i] }
            result.trajectoryCount += 1
            return
        }
        let probs = policy.probabilities(given: s)
        for a in 0..<env.actionCount where probs[a] > 0 {
            let before = score
            policy.addGradLogProb(a, given: s, scale: 1, into: &score)
            for o in env.outcomes(s, a) where o.probability > 0 {
                let q = p * probs[a] * o.probability, r = ret + discount * o.reward
                if o.done {
                    result.objective += q * r
                    for i in score.indices { result.gradient[i] += q * r * score[i] }
                    result.trajectoryCount += 1
                } else {
                    walk(o.next, t + 1, q, r, discount * gamma)
                }
            }
            score = before
        }
    }
    for (s0, p0) in env.initialStates() { walk(s0, 0, p0, 0, 1) }
    return result
}

struct TimedState<S: Hashable>: Hashable {
    var state: S
    var time: Int
}

/// Memoised Bellman recursion over (state, time): V(s, t) = Σ_a π(a|s) Q(s, a, t),
/// Q(s, a, t) = Σ_o p_o (r_o + γ V(s'_o, t + 1)), V(·, horizon) = 0. The cost is linear
/// in the number of distinct (state, time) pairs, so long horizons are cheap.
struct BellmanSolver<E: FiniteEnvironment, P: Policy> where P.State == E.State {
    let env: E
    let policy: P
    let gamma: Double
    let horizon: Int
    var memo: [TimedState<E.State>: Double] = [:]

    mutating func value(_ s: E.State, _ t: Int) -> Double {
        if t >= horizon { return 0 }
        let key = TimedState(state: s, time: t)
        if let v = memo[key] { return v }
        let probs = policy.probabilities(given: s)
        var v = 0.0
        for a in 0..<env.actionCount where probs[a] > 0 { v += probs[a] * q(s, a, t) }
        memo[key] = v
        return v
    }

    mutating func q(_ s: E.State, _ a: Int, _ t: Int) -> Double {
        var q = 0.0
        for o in env.outcomes(s, a) where o.probability > 0 {
            q += o.probability * (o.reward + (o.done ? 0 : gamma * value(o.next, t + 1)))
        }
        return q
    }
}

/// Exact V^π(s_t) = Σ_a π(a|s_t) Q^π(s_t, a) from time t on, with the usual γ^{t'−t} discount.
///
/// ```swift
/// exactValue(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2), state: 0, horizon: 1000)  // -12
/// ```
/// - Parameters:
///   - state: s_t.
///   - time: t (the remaining horizon is horizon − t).
///   - gamma: γ.
///   - horizon: steps run up to horizon − 1.
public func exactValue<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, state: E.State, time t: Int = 0,
                                                        gamma: Double = 1, horizon: Int = 100) -> Double
where P.State == E.State {
    var solver = BellmanSolver(env: env, policy: policy, gamma: gamma, horizon: horizon)
    return solver.value(state, t)
}

/// Exact Q^π(s_t, a_t) by dynamic programming over every continuation from (s_t, a_t) at time t.
///
///     .fromStart (the seed):  Q^π(s_t, a_t) = E[ Σ_{t'=t}^T γ^{t'} r_{t'} | s_t, a_t ]
///     .fromNow  (usual):      Q^π(s_t, a_t) = E[ Σ_{t'=t}^T γ^{t'−t} r_{t'} | s_t, a_t ]
///
/// so fromStart = γ^t · fromNow.
///
/// ```swift
/// let env = ShortCorridor(), pi = TabularSoftmax(stateCount: 3, actionCount: 2)
/// exactQ(env, pi, state: 2, action: 1, time: 0)   // -1: right from 2 reaches the goal
/// ```
/// - Parameters:
///   - state: s_t.
///   - action: a_t.
///   - time: t, which fixes the remaining horizon and the γ^t factor.
///   - gamma: γ.
///   - horizon: steps t' run up to horizon − 1.
///   - discounting: the seed's γ^{t'} or the usual γ^{t'−t}.
public func exactQ<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, state: E.State, action: Int, time t: Int,
                                                    gamma: Double = 1, horizon: Int = 100,
                                                    discounting: Discounting = .fromNow) -> Double
where P.State == E.State {
    precondition(t < horizon, "time \(t) is past the horizon \(horizon)")
    var solver = BellmanSolver(env: env, policy: policy, gamma: gamma, horizon: horizon)
    var q = solver.q(state, action, t)
    if discounting == .fromStart {
        for _ in 0..<t { q *= gamma }
    }
    return q
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
