/// The n-step advantage estimate at step t of one episode (L steps):
///
///     Â_t^{(n)} = Σ_{l=0}^{n−1} γ^l r_{t+l} + γ^n V(s_{t+n}) − V(s_t)
///
/// Past the end of the episode the sum stops at r_{L−1} and the bootstrap is
/// γ^{L−t} V(s_L) when the time limit cut the episode, 0 when it terminated. So n = 1 is the
/// TD residual δ_t and n ≥ L − t the Monte-Carlo advantage Ĝ_t − V(s_t).
///
/// ```swift
/// // rewards [1, 0, 2], terminated, V ≡ 1, γ = ½:
/// nStepAdvantage(tau, value: { _ in 1 }, gamma: 0.5, steps: 1, at: 0)   // 1 + ½·1 − 1 = 0.5
/// ```
/// - Parameters:
///   - tau: the episode.
///   - value: V(s), a state-value estimate.
///   - gamma: γ.
///   - n: the number of rewards before bootstrapping (n ≥ 1).
///   - t: the step.
public func nStepAdvantage<S>(_ tau: Trajectory<S>, value: (S) -> Double, gamma: Double, steps n: Int,
                              at t: Int) -> Double {
    if n < 1 { engineFailure("nStepAdvantage needs n ≥ 1, got \(n)") }
    if t < 0 || t >= tau.count { engineFailure("step \(t) outside the episode's 0..<\(tau.count)") }
    let end = min(t + n, tau.count)
    var a = 0.0, w = 1.0
    for k in t..<end { a += w * tau.rewards[k]; w *= gamma }
    if end < tau.count {
        a += w * value(tau.states[end])
    } else if !tau.terminated {
        a += w * value(tau.finalState)
    }
    return a - value(tau.states[t])
}

/// Generalized advantage estimation, GAE(λ), for every step of one episode:
///
///     δ_t = r_t + γ V(s_{t+1}) − V(s_t)       (V = 0 after a terminal state; V(s_L) after a time limit)
///     Â_t = Σ_{l≥0} (γλ)^l δ_{t+l} = (1 − λ) Σ_{n≥1} λ^{n−1} Â_t^{(n)}
///
/// computed backwards, Â_t = δ_t + γλ Â_{t+1}. λ = 0 gives δ_t; λ = 1 gives Ĝ_t − V(s_t).
/// With `.fromStart` each Â_t is multiplied by γ^t, the seed's convention (see `Discounting`),
/// which makes Σ_t Â_t ∇log π(a_t|s_t) unbiased for ∇J when V = V^π.
///
/// ```swift
/// let A = generalizedAdvantages(tau, value: V, gamma: 0.99, lambda: 0.95)
/// let g = policyGradient(pi, [tau], weights: [A])
/// ```
/// - Parameters:
///   - tau: the episode.
///   - value: V(s).
///   - gamma: γ.
///   - lambda: λ in [0, 1].
///   - discounting: `.fromNow` (default, the usual form) or `.fromStart` (times γ^t).
public func generalizedAdvantages<S>(_ tau: Trajectory<S>, value: (S) -> Double, gamma: Double, lambda: Double,
                                     discounting: Discounting = .fromNow) -> [Double] {
    if !(lambda >= 0 && lambda <= 1) { engineFailure("GAE needs 0 ≤ λ ≤ 1, got \(lambda)") }
    var a = [Double](repeating: 0, count: tau.count)
    var running = 0.0
    var next = tau.terminated ? 0 : (tau.count > 0 ? value(tau.finalState) : 0)
    for t in stride(from: tau.count - 1, through: 0, by: -1) {
        let v = value(tau.states[t])
        let delta = tau.rewards[t] + gamma * next - v            // δ_t
        running = delta + gamma * lambda * running                // Â_t = δ_t + γλ Â_{t+1}
        a[t] = running
        next = v
    }
    if discounting == .fromStart {
        var w = 1.0
        for t in a.indices { a[t] *= w; w *= gamma }
    }
    return a
}

/// GAE(λ) for every episode of a batch (see the one-episode form).
public func generalizedAdvantages<S>(_ batch: [Trajectory<S>], value: (S) -> Double, gamma: Double, lambda: Double,
                                     discounting: Discounting = .fromNow) -> [[Double]] {
    batch.map { generalizedAdvantages($0, value: value, gamma: gamma, lambda: lambda, discounting: discounting) }
}
