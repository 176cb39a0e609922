#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The weight Ψ_t that multiplies ∇_θ log π(a_t | s_t) in a REINFORCE estimate.
public enum Weighting: Sendable, Hashable {
    /// Ψ_t = r(τ) = Σ_t γ^t r_t for every step: the seed's
    /// ∇J = E[ r(τ) ∇_θ log p(τ; θ) ].
    case totalReturn
    /// Ψ_t = reward to go from step t (see `Discounting`); `.fromStart` is unbiased for ∇J.
    case rewardToGo(Discounting)
}

/// How a sum over the steps of a batch is turned into an average. Libraries disagree.
public enum Averaging: Sendable, Hashable {
    /// (1/N) Σ_i Σ_t: the unbiased Monte-Carlo estimate of ∇J from N episodes.
    case trajectories
    /// (1/Σ_i L_i) Σ_i Σ_t: the mean over all steps or tokens of the batch (the reference
    /// REINFORCE loops; token-level averaging in RL for language models).
    case steps
    /// (1/N) Σ_i (1/L_i) Σ_t: average within each episode, then over episodes (GRPO as published).
    case stepsWithinTrajectory
}

/// A baseline b(s_t) subtracted from Ψ_t; any b that does not depend on a_t keeps the estimate unbiased.
public enum Baseline<State> {
    case none
    /// A fixed number b (for example a running mean of past returns, see `RunningMean`).
    case constant(Double)
    /// A function of the state, for example a learned `LinearValue`.
    case stateValue((State) -> Double)
}

/// Ψ_t for every step of every episode.
/// - Parameters:
///   - trajectories: the batch.
///   - gamma: γ.
///   - weighting: total return or reward to go.
public func returnWeights<S>(_ trajectories: [Trajectory<S>], gamma: Double, weighting: Weighting) -> [[Double]] {
    trajectories.map { tau in
        switch weighting {
        case .totalReturn:
            return [Double](repeating: tau.discountedReturn(gamma: gamma), count: tau.count)
        case .rewardToGo(let d):
            return rewardToGo(tau.rewards, gamma: gamma, discounting: d)
        }
    }
}

/// Advantages Â_t = Ψ_t − b(s_t).
///
/// ```swift
/// let A = advantages(batch, gamma: 1, weighting: .rewardToGo(.fromNow), baseline: .constant(0.5))
/// ```
public func advantages<S>(_ trajectories: [Trajectory<S>], gamma: Double, weighting: Weighting,
                          baseline: Baseline<S> = .none) -> [[Double]] {
    var w = returnWeights(trajectories, gamma: gamma, weighting: weighting)
    for i in w.indices {
        for t in w[i].indices {
            switch baseline {
            case .none: break
            case .constant(let b): w[i][t] -= b
            case .stateValue(let v): w[i][t] -= v(trajectories[i].states[t])
            }
        }
    }
    return w
}

func normaliser<S>(_ trajectories: [Trajectory<S>], _ i: Int, _ averaging: Averaging) -> Double {
    switch averaging {
    case .trajectories: return 1 / Double(trajectories.count)
    case .steps: return 1 / Double(max(1, trajectories.reduce(0) { $0 + $1.count }))
    case .stepsWithinTrajectory: return 1 / (Double(trajectories.count) * Double(max(1, trajectories[i].count)))
    }
}

/// The score-function estimate ĝ = avg Σ_t Ψ_t ∇_θ log π_θ(a_t | s_t) with given weights Ψ.
///
/// ```swift
/// let g = policyGradient(pi, batch, weights: advantages(batch, gamma: 1, weighting: .totalReturn))
/// ```
/// - Parameters:
///   - policy: π_θ (the gradient is taken at its current θ).
///   - trajectories: episodes sampled from π_θ.
///   - weights: Ψ_t per episode and step.
///   - averaging: how the sum is normalised (default: per episode, unbiased for ∇J).
public func policyGradient<P: Policy>(_ policy: P, _ trajectories: [Trajectory<P.State>], weights: [[Double]],
                                      averaging: Averaging = .trajectories) -> [Double] {
    require(weights.count == trajectories.count, "one row of weights per trajectory")
    var g = [Double](repeating: 0, count: policy.parameterCount)
    for (i, tau) in trajectories.enumerated() {
        let c = normaliser(trajectories, i, averaging)
        for t in 0..<tau.count where weights[i][t] != 0 {
            policy.addGradLogProb(tau.actions[t], given: tau.states[t], scale: c * weights[i][t], into: &g)
        }
    }
    return g
}

/// REINFORCE: ĝ = (1/N) Σ_i Σ_t (Ψ_t − b(s_t)) ∇_θ log π_θ(a_t | s_t).
///
/// With the defaults this is the seed's estimator ĝ = (1/N) Σ_i r(τ_i) ∇_θ log p(τ_i; θ).
///
/// ```swift
/// var rng = RNG(seed: 0)
/// let batch = rollouts(env, pi, count: 100, rng: &rng)
/// let g = reinforceGradient(pi, batch, gamma: 1, weighting: .rewardToGo(.fromStart))
/// ```
/// - Parameters:
///   - policy: π_θ.
///   - trajectories: N episodes sampled from π_θ.
///   - gamma: γ.
///   - weighting: Ψ_t (default: the total return r(τ)).
///   - baseline: b(s_t) (default: none).
///   - averaging: the normalisation (default: 1/N, unbiased).
public func reinforceGradient<P: Policy>(_ policy: P, _ trajectories: [Trajectory<P.State>], gamma: Double,
                                         weighting: Weighting = .totalReturn, baseline: Baseline<P.State> = .none,
                                         averaging: Averaging = .trajectories) -> [Double] {
    policyGradient(policy, trajectories,
                   weights: advantages(trajectories, gamma: gamma, weighting: weighting, baseline: baseline),
                   averaging: averaging)
}

/// The standard deviation used to scale group-relative advantages.
public enum Deviation: Sendable, Hashable {
    /// √(Σ(x − x̄)² / G) (numpy's default).
    case population
    /// √(Σ(x − x̄)² / (G − 1)) (PyTorch's default).
    case unbiased
    /// Do not divide: Â_i = r_i − r̄ only.
    case none
}

/// Group-relative advantages (GRPO): Â_i = (r_i − mean(r)) / (std(r) + ε) over G samples of one prompt.
///
/// ```swift
/// groupRelativeAdvantages([1, 0, 0, 1], deviation: .population)   // [1, -1, -1, 1] (up to ε)
/// ```
/// - Parameters:
///   - rewards: r_1, …, r_G for the G completions of the same prompt.
///   - deviation: population, unbiased, or no scaling.
///   - epsilon: ε added to the deviation (implementations use 1e-8 or 1e-4).
public func groupRelativeAdvantages(_ rewards: [Double], deviation: Deviation = .population,
                                    epsilon: Double = 1e-8) -> [Double] {
    require(!rewards.isEmpty, "a group needs at least one reward")
    let n = Double(rewards.count)
    let mean = rewards.reduce(0, +) / n
    let ss = rewards.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let sd: Double
    switch deviation {
    case .population: sd = (ss / n).squareRoot()
    case .unbiased: sd = rewards.count > 1 ? (ss / (n - 1)).squareRoot() : 0
    case .none: return rewards.map { $0 - mean }
    }
    return rewards.map { ($0 - mean) / (sd + epsilon) }
}

/// The GRPO-style gradient: for each group of G completions of one prompt, Â_i =
/// (R_i − mean R) / (std R + ε), applied to every step of completion i:
/// ĝ = avg Σ_i Σ_t Â_i ∇_θ log π_θ(a_t | s_t).
///
/// ```swift
/// let group = rollouts(task, pi, count: 8, rng: &rng)          // 8 samples of the same prompt
/// let g = groupRelativeGradient(pi, groups: [group])
/// ```
/// - Parameters:
///   - policy: π_θ.
///   - groups: one array of episodes per prompt.
///   - deviation: population, unbiased or no scaling.
///   - epsilon: ε added to the deviation.
///   - averaging: the normalisation over all episodes of all groups (default: within each
///     episode, then over episodes, as GRPO was published).
public func groupRelativeGradient<P: Policy>(_ policy: P, groups: [[Trajectory<P.State>]],
                                             deviation: Deviation = .population, epsilon: Double = 1e-8,
                                             averaging: Averaging = .stepsWithinTrajectory) -> [Double] {
    var all: [Trajectory<P.State>] = [], weights: [[Double]] = []
    for group in groups {
        let A = groupRelativeAdvantages(group.map(\.totalReward), deviation: deviation, epsilon: epsilon)
        for (i, tau) in group.enumerated() {
            all.append(tau)
            weights.append([Double](repeating: A[i], count: tau.count))
        }
    }
    return policyGradient(policy, all, weights: weights, averaging: averaging)
}

/// The value and gradient of a surrogate objective.
public struct SurrogateResult {
    /// The objective's value at θ.
    public var value: Double
    /// Its gradient with respect to θ.
    public var gradient: [Double]
    /// The fraction of steps where clipping zeroed the gradient (PPO only; 0 otherwise).
    public var clippedFraction: Double
}

/// PPO's clipped surrogate L(θ) = avg_t min(ρ_t Â_t, clip(ρ_t, 1 − ε, 1 + ε) Â_t),
/// ρ_t = π_θ(a_t|s_t) / π_old(a_t|s_t), with π_old from `trajectory.logProbs`.
///
/// Gradient: ρ_t Â_t ∇_θ log π_θ(a_t|s_t) where the unclipped term is the minimum, else 0.
/// At θ = θ_old (ρ = 1) it equals the REINFORCE gradient with weights Â.
///
/// ```swift
/// let r = ppoClipObjective(pi, batch, advantages: A, epsilon: 0.2)
/// adam.ascend(&pi.parameters, gradient: r.gradient)
/// ```
/// - Parameters:
///   - policy: π_θ, the policy being improved.
///   - trajectories: episodes sampled from π_old.
///   - advantages: Â_t per episode and step.
///   - epsilon: the clip range ε.
///   - averaging: the normalisation of the sum over steps.
public func ppoClipObjective<P: Policy>(_ policy: P, _ trajectories: [Trajectory<P.State>], advantages: [[Double]],
                                        epsilon: Double = 0.2, averaging: Averaging = .steps) -> SurrogateResult {
    var g = [Double](repeating: 0, count: policy.parameterCount)
    var value = 0.0, clipped = 0, total = 0
    for (i, tau) in trajectories.enumerated() {
        let c = normaliser(trajectories, i, averaging)
        for t in 0..<tau.count {
            let a = advantages[i][t]
            let rho = exp(policy.logProb(tau.actions[t], given: tau.states[t]) - tau.logProbs[t])
            let clippedRho = min(max(rho, 1 - epsilon), 1 + epsilon)
            value += c * min(rho * a, clippedRho * a)
            total += 1
            if (a > 0 && rho > 1 + epsilon) || (a < 0 && rho < 1 - epsilon) {
                clipped += 1
            } else {
                policy.addGradLogProb(tau.actions[t], given: tau.states[t], scale: c * rho * a, into: &g)
            }
        }
    }
    return SurrogateResult(value: value, gradient: g, clippedFraction: total == 0 ? 0 : Double(clipped) / Double(total))
}

/// Estimators of KL(π_θ ‖ π_ref) from a sampled action, with ρ = π_ref(a|s) / π_θ(a|s).
public enum KLEstimator: Sendable, Hashable {
    /// k1 = −log ρ = log π_θ − log π_ref: unbiased, can be negative.
    case k1
    /// k2 = ½ (log ρ)²: biased, low variance.
    case k2
    /// k3 = ρ − 1 − log ρ: unbiased and never negative (used by GRPO).
    case k3
    /// Σ_a π_θ(a|s) log(π_θ(a|s) / π_ref(a|s)): the exact KL at each visited state.
    case exact
}

/// One KL estimate k(log π_θ(a|s), log π_ref(a|s)) from a sampled action.
///
/// ```swift
/// klEstimate(logProb: log(0.5), referenceLogProb: log(0.25), estimator: .k3)  // 0.5 − 1 + log 2 = 0.193
/// ```
public func klEstimate(logProb: Double, referenceLogProb: Double, estimator: KLEstimator) -> Double {
    let logRho = referenceLogProb - logProb
    switch estimator {
    case .k1, .exact: return -logRho
    case .k2: return 0.5 * logRho * logRho
    case .k3: return exp(logRho) - 1 - logRho
    }
}

/// A KL penalty to a frozen reference policy, placed in the loss: value and gradient of
/// avg_t k_t with the sampled actions held fixed (as RL for language models does).
///
/// Gradients: k1 → ∇log π_θ; k2 → −log ρ ∇log π_θ; k3 → (1 − ρ) ∇log π_θ;
/// exact → ∂KL/∂f_a = π_a (log π_a − log π_ref,a − KL) through the logits.
/// Subtract β times it from the objective: ĝ = ∇J − β ∇KL.
///
/// ```swift
/// let kl = klPenalty(pi, batch, reference: pi0, estimator: .k3)
/// ```
/// - Parameters:
///   - policy: π_θ.
///   - reference: π_ref, frozen (no gradient flows into it).
///   - trajectories: the sampled episodes.
///   - estimator: k1, k2, k3 or exact.
///   - averaging: the normalisation of the sum over steps (tokens).
public func klPenalty<P: Policy>(_ policy: P, _ trajectories: [Trajectory<P.State>], reference: P,
                                 estimator: KLEstimator, averaging: Averaging = .steps) -> SurrogateResult {
    var g = [Double](repeating: 0, count: policy.parameterCount)
    var value = 0.0
    for (i, tau) in trajectories.enumerated() {
        let c = normaliser(trajectories, i, averaging)
        for t in 0..<tau.count {
            let s = tau.states[t], a = tau.actions[t]
            let lp = logSoftmax(policy.logits(given: s)), lq = logSoftmax(reference.logits(given: s))
            if estimator == .exact {
                var kl = 0.0
                for b in lp.indices { kl += exp(lp[b]) * (lp[b] - lq[b]) }
                value += c * kl
                let v = lp.indices.map { b in exp(lp[b]) * (lp[b] - lq[b] - kl) }
                policy.addLogitsVJP(given: s, v, scale: c, into: &g)
                continue
            }
            value += c * klEstimate(logProb: lp[a], referenceLogProb: lq[a], estimator: estimator)
            let logRho = lq[a] - lp[a]
            let weight: Double
            switch estimator {
            case .k1: weight = 1
            case .k2: weight = -logRho
            case .k3, .exact: weight = 1 - exp(logRho)
            }
            policy.addGradLogProb(a, given: s, scale: c * weight, into: &g)
        }
    }
    return SurrogateResult(value: value, gradient: g, clippedFraction: 0)
}

/// A KL penalty placed in the reward instead (RLHF-style): r'_t = r_t − β k_t, with k_t
/// computed from the logged log π(a_t|s_t) and the reference.
public func klPenalizedRewards<R: Policy>(_ trajectory: Trajectory<R.State>, reference: R, coefficient beta: Double,
                                          estimator: KLEstimator = .k1) -> [Double] {
    (0..<trajectory.count).map { t in
        let lq = reference.logProb(trajectory.actions[t], given: trajectory.states[t])
        return trajectory.rewards[t] - beta * klEstimate(logProb: trajectory.logProbs[t], referenceLogProb: lq,
                                                         estimator: estimator)
    }
}
