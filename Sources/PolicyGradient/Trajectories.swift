#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every trajectory τ of a finite environment under π_θ, with its probability
/// p(τ; θ) = μ₀(s_0) Π_t π_θ(a_t | s_t) p(s_{t+1}, r_t | s_t, a_t).
///
/// Counts first (`countTrajectories`) and refuses, naming the count, when there are more
/// than `limit` or infinitely many; then walks the tree of trajectories depth first with an
/// explicit stack (no recursion as deep as the horizon), actions in order 0, 1, … and
/// outcomes in the order the environment lists them. Trajectories cut by the horizon have
/// `terminated == false`. The probabilities sum to 1.
///
/// ```swift
/// let task = TextTask(vocabularySize: 3, length: 3, reward: .matches(target: [2, 1, 0]))
/// let all = allTrajectories(task, TokenPolicy(vocabularySize: 3, length: 3))
/// all.count                          // 27
/// all[0].tau.actions, all[0].p       // [0, 0, 0], 1/27
/// ```
/// - Parameters:
///   - env: a finite environment.
///   - policy: π_θ.
///   - horizon: nil (default) for episodes that run to their end, or the most steps per trajectory.
///   - limit: the most trajectories to build (default 1,000,000).
/// - Returns: (τ, p(τ; θ)) pairs; `tau.logProbs[t]` is log π_θ(a_t | s_t).
/// - Complexity: the number of trajectories times their length.
public func allTrajectories<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, horizon: Int? = nil,
                                                             limit: Int = 1_000_000)
    -> [(tau: Trajectory<E.State>, p: Double)] where P.State == E.State {
    guard let count = countTrajectories(env, policy, horizon: horizon) else {
        engineFailure(horizon == nil
            ? "allTrajectories: infinitely many trajectories (an episode can revisit a state); pass a horizon"
            : "allTrajectories: more than \(Int.max) trajectories")
    }
    if count > limit {
        engineFailure("allTrajectories: \(count) trajectories, more than the limit of \(limit); "
            + "use a shorter horizon, or pass a larger limit:")
    }
    typealias Frame = TrajectoryFrame<E.State>
    var out: [(tau: Trajectory<E.State>, p: Double)] = []
    out.reserveCapacity(count)
    var stack: [Frame] = []
    for (s0, p0) in env.initialStates().reversed() where p0 > 0 {
        stack.append(Frame(tau: Trajectory(states: [], actions: [], rewards: [], logProbs: [], finalState: s0,
                                           terminated: false), p: p0, ended: false))
    }
    while let frame = stack.popLast() {
        let tau = frame.tau
        if frame.ended || tau.count == horizon {
            out.append((tau, frame.p))
            continue
        }
        let s = tau.finalState
        let logp = logSoftmax(policy.logits(given: s))
        var children: [Frame] = []
        for a in 0..<env.actionCount where logp[a] > -Double.infinity {
            for o in env.outcomes(s, a) where o.probability > 0 {
                var next = tau
                next.states.append(s)
                next.actions.append(a)
                next.rewards.append(o.reward)
                next.logProbs.append(logp[a])
                next.finalState = o.next
                next.terminated = o.done
                children.append(Frame(tau: next, p: frame.p * exp(logp[a]) * o.probability, ended: o.done))
            }
        }
        stack.append(contentsOf: children.reversed())
    }
    return out
}

/// A partial trajectory waiting on `allTrajectories`' stack.
struct TrajectoryFrame<State> {
    var tau: Trajectory<State>
    var p: Double
    var ended: Bool
}

/// The exact mean and spread of a per-trajectory vector g(τ) under p(τ; θ).
///
///     mean        E[g] = Σ_τ p(τ) g(τ)
///     covariance  Cov[g] = Σ_τ p(τ) (g(τ) − E g)(g(τ) − E g)ᵀ
///     variance    tr Cov[g] = E‖g − E g‖²   (one number: the total variance)
public struct TrajectoryMoments {
    /// E[g(τ)].
    public let mean: [Double]
    /// Var[g_i(τ)] for each component i (the diagonal of the covariance).
    public let variances: [Double]
    /// E‖g − E g‖² = Σ_i Var[g_i], the total variance.
    public var variance: Double { variances.reduce(0, +) }
    let samples: [[Double]]
    let weights: [Double]

    /// Cov[g] as a d × d array of rows, computed on demand (d² per trajectory).
    public func covariance() -> [[Double]] {
        let d = mean.count
        var c = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for (x, p) in zip(samples, weights) {
            for i in 0..<d {
                let u = p * (x[i] - mean[i])
                if u == 0 { continue }
                for j in 0..<d { c[i][j] += u * (x[j] - mean[j]) }
            }
        }
        return c
    }
}

/// The exact moments of g(τ) over every trajectory, as `allTrajectories` lists them.
///
/// ```swift
/// let all = allTrajectories(task, pi)
/// let m = exactMoments(all) { reinforceGradient(pi, [$0], gamma: 1) }
/// m.mean       // = exactObjective(task, pi).gradient
/// m.variance   // E‖ĝ − ∇J‖² of the one-trajectory estimate
/// ```
/// - Parameters:
///   - trajectories: (τ, p(τ)) pairs whose probabilities sum to 1.
///   - g: the per-trajectory vector (all of one length).
/// - Complexity: one call of g per trajectory; two passes over the results (centred, so the
///   variance does not lose digits to E[g²] − (E g)²).
public func exactMoments<S>(_ trajectories: [(tau: Trajectory<S>, p: Double)],
                            _ g: (Trajectory<S>) -> [Double]) -> TrajectoryMoments {
    let samples = trajectories.map { g($0.tau) }
    let weights = trajectories.map(\.p)
    let d = samples.first?.count ?? 0
    var mean = [Double](repeating: 0, count: d)
    for (x, p) in zip(samples, weights) {
        if x.count != d { engineFailure("exactMoments: g returned vectors of lengths \(d) and \(x.count)") }
        for i in 0..<d { mean[i] += p * x[i] }
    }
    var variances = [Double](repeating: 0, count: d)
    for (x, p) in zip(samples, weights) { for i in 0..<d { variances[i] += p * (x[i] - mean[i]) * (x[i] - mean[i]) } }
    return TrajectoryMoments(mean: mean, variances: variances, samples: samples, weights: weights)
}
