/// Which power of γ weighs a future reward r_{t'} when we look from time t.
///
/// The seed lecture writes the Q-function with γ^{t'} (discount counted from time 0):
///
///     Q^π(s_t, a_t) = E[ Σ_{t'=t}^T γ^{t'} r_{t'} | s_t, a_t ]          (.fromStart)
///
/// Most texts and libraries use γ^{t'−t} (discount counted from now):
///
///     Q^π(s_t, a_t) = E[ Σ_{t'=t}^T γ^{t'−t} r_{t'} | s_t, a_t ]        (.fromNow)
///
/// The two differ by a factor γ^t: fromStart = γ^t · fromNow. With γ = 1 they agree.
/// The gradient of J(π) = E[Σ_t γ^t r_t] is E[Σ_t ∇log π(a_t|s_t) Q_fromStart(s_t, a_t)];
/// weighting by the fromNow form instead (as the usual implementations do) estimates a
/// different vector, which drops the γ^t factor on late steps.
public enum Discounting: Sendable, Hashable {
    /// γ^{t'}: the seed's form, discount from time 0.
    case fromStart
    /// γ^{t'−t}: the usual form, discount from the current step.
    case fromNow
}

/// r(τ) = Σ_{t=0}^{T} γ^t r_t, the discounted return of one episode.
///
/// ```swift
/// discountedReturn([1, 0, 2], gamma: 0.5)   // 1 + 0 + 0.25·2 = 1.5
/// ```
public func discountedReturn(_ rewards: [Double], gamma: Double) -> Double {
    var g = 0.0, w = 1.0
    for r in rewards { g += w * r; w *= gamma }
    return g
}

/// Reward to go at every step.
///
///     .fromNow:    Ĝ_t = Σ_{t'=t}^{T} γ^{t'−t} r_{t'}   (computed backwards: Ĝ_t = r_t + γ Ĝ_{t+1})
///     .fromStart:  Σ_{t'=t}^{T} γ^{t'} r_{t'} = γ^t Ĝ_t
///
/// ```swift
/// rewardToGo([1, 0, 2], gamma: 0.5)                          // [1.5, 1, 2]
/// rewardToGo([1, 0, 2], gamma: 0.5, discounting: .fromStart) // [1.5, 0.5, 0.5]
/// ```
/// - Parameters:
///   - rewards: r_0, …, r_T.
///   - gamma: γ.
///   - discounting: which power of γ (see `Discounting`).
///   - bootstrap: V(s_{T+1}) to add after the last reward when the episode was truncated
///     by a time limit (Ĝ_T = r_T + γ V); pass 0 (the default) for a terminal end or to
///     treat the time limit as the end, as the reference REINFORCE loops do.
public func rewardToGo(_ rewards: [Double], gamma: Double, discounting: Discounting = .fromNow,
                       bootstrap: Double = 0) -> [Double] {
    var g = [Double](repeating: 0, count: rewards.count)
    var running = bootstrap
    for t in rewards.indices.reversed() {
        running = rewards[t] + gamma * running
        g[t] = running
    }
    if discounting == .fromStart {
        var w = 1.0
        for t in g.indices { g[t] *= w; w *= gamma }
    }
    return g
}
