/// What a training run records, one entry per update.
public struct LearningCurve: Sendable {
    /// The mean undiscounted return Σ_t r_t of the batch sampled at each update.
    public var averageReturn: [Double] = []
    /// The number of environment steps in each batch.
    public var steps: [Int] = []
    /// The value of `evaluate` (for example exact J) before each update, if one was given.
    public var evaluation: [Double] = []

    /// An empty curve.
    public init() {}
}

/// A training loop: sample a batch from π_θ, estimate ∇J, take one optimizer step; repeat.
///
/// ```swift
/// var rng = RNG(seed: 0)
/// var pi = TabularSoftmax(stateCount: 1, actionCount: 3)
/// var opt = SGD(learningRate: 0.5)
/// let curve = train(Bandit(means: [0.2, 0.5, 0.8]), &pi, optimizer: &opt, rng: &rng,
///                   iterations: 200, batchSize: 8) { pi, batch in
///     reinforceGradient(pi, batch, gamma: 1)
/// }
/// curve.averageReturn.last   // close to 0.8
/// ```
/// - Parameters:
///   - env: the environment.
///   - policy: π_θ, updated in place.
///   - optimizer: SGD or Adam; it ascends the estimate.
///   - rng: the generator for every rollout.
///   - iterations: the number of updates.
///   - batchSize: episodes per update.
///   - maxSteps: the time limit of each episode.
///   - evaluate: optional f(π) recorded before every update (e.g. exact J).
///   - estimate: the gradient estimate ĝ ≈ ∇J from the policy and a batch.
/// - Returns: the learning curve.
public func train<E: Environment, P: Policy, O: Optimizer>(
    _ env: E, _ policy: inout P, optimizer: inout O, rng: inout RNG, iterations: Int, batchSize: Int,
    maxSteps: Int = 1000, evaluate: ((P) -> Double)? = nil,
    estimate: (P, [Trajectory<E.State>]) -> [Double]
) -> LearningCurve where P.State == E.State {
    var curve = LearningCurve()
    for _ in 0..<iterations {
        if let evaluate { curve.evaluation.append(evaluate(policy)) }
        let batch = rollouts(env, policy, count: batchSize, rng: &rng, maxSteps: maxSteps)
        curve.averageReturn.append(batch.reduce(0) { $0 + $1.totalReward } / Double(batchSize))
        curve.steps.append(batch.reduce(0) { $0 + $1.count })
        let g = estimate(policy, batch)
        optimizer.ascend(&policy.parameters, gradient: g)
    }
    return curve
}

/// A running mean baseline b: the plain mean of everything seen, or an exponential
/// moving average b ← b + α (x − b).
///
/// ```swift
/// var b = RunningMean(rate: 0.1)
/// b.update(with: [1, 2, 3])
/// reinforceGradient(pi, batch, gamma: 1, baseline: .constant(b.value))
/// ```
public struct RunningMean: Sendable {
    public private(set) var value: Double
    /// α for an exponential moving average, or nil for the mean of all values seen.
    public let rate: Double?
    public private(set) var count = 0

    /// - Parameters:
    ///   - initial: the starting value of b.
    ///   - rate: α for an exponential moving average; nil (default) for the plain mean.
    public init(initial: Double = 0, rate: Double? = nil) {
        value = initial
        self.rate = rate
    }

    /// Folds in new values (for example the returns of the latest batch).
    public mutating func update(with values: [Double]) {
        for x in values {
            count += 1
            value += (rate ?? 1 / Double(count)) * (x - value)
        }
    }
}

/// A learned value baseline V_w(s) = w · φ(s), fitted by least squares to returns.
///
/// ```swift
/// var V = LinearValue<Int>(featureCount: 3) { s in oneHot(s, 3) }
/// V.fit(batch, targets: returnWeights(batch, gamma: 1, weighting: .rewardToGo(.fromNow)))
/// reinforceGradient(pi, batch, gamma: 1, weighting: .rewardToGo(.fromNow), baseline: .stateValue(V.callAsFunction))
/// ```
public struct LinearValue<State> {
    public var weights: [Double]
    public let features: (State) -> [Double]

    /// - Parameters:
    ///   - featureCount: d, the length of φ(s).
    ///   - features: φ.
    public init(featureCount: Int, features: @escaping (State) -> [Double]) {
        weights = [Double](repeating: 0, count: featureCount)
        self.features = features
    }

    /// V_w(s) = w · φ(s).
    public func callAsFunction(_ s: State) -> Double {
        let x = features(s)
        var v = 0.0
        for i in weights.indices { v += weights[i] * x[i] }
        return v
    }

    /// Gradient steps on ½ mean_t (V_w(s_t) − G_t)² over every step of the batch.
    /// - Parameters:
    ///   - trajectories: the states s_t.
    ///   - targets: G_t per episode and step (e.g. rewards to go).
    ///   - learningRate: the step size.
    ///   - steps: how many full-batch steps.
    public mutating func fit(_ trajectories: [Trajectory<State>], targets: [[Double]],
                             learningRate: Double = 0.5, steps: Int = 50) {
        var xs: [[Double]] = [], ys: [Double] = []
        for (i, tau) in trajectories.enumerated() {
            for t in 0..<tau.count { xs.append(features(tau.states[t])); ys.append(targets[i][t]) }
        }
        guard !xs.isEmpty else { return }
        for _ in 0..<steps {
            var g = [Double](repeating: 0, count: weights.count)
            for (x, y) in zip(xs, ys) {
                var v = 0.0
                for i in weights.indices { v += weights[i] * x[i] }
                for i in weights.indices { g[i] += (v - y) * x[i] }
            }
            for i in weights.indices { weights[i] -= learningRate * g[i] / Double(xs.count) }
        }
    }
}

/// e_i ∈ ℝⁿ, the one-hot feature vector (tabular features for linear policies and values).
public func oneHot(_ i: Int, _ n: Int) -> [Double] {
    var x = [Double](repeating: 0, count: n)
    x[i] = 1
    return x
}

/// Mean, per-component variance and standard error of K independent draws of an estimator.
public struct EstimatorStatistics: Sendable {
    /// K, the number of draws.
    public var count: Int
    /// The component-wise mean of the draws.
    public var mean: [Double]
    /// The component-wise unbiased sample variance Σ(x − x̄)² / (K − 1).
    public var variance: [Double]
    /// √(variance / K): the standard error of each component of the mean.
    public var standardError: [Double]
    /// Σ_i variance_i, a one-number summary (the trace of the covariance).
    public var totalVariance: Double { variance.reduce(0, +) }
}

/// Runs an estimator K times and summarises it: how far its mean is from the truth
/// (in standard errors) and how much it varies.
///
/// ```swift
/// var rng = RNG(seed: 0)
/// let stats = repeatEstimate(200, rng: &rng) { rng in
///     reinforceGradient(pi, rollouts(env, pi, count: 10, rng: &rng), gamma: 1)
/// }
/// stats.mean; stats.standardError; stats.totalVariance
/// ```
/// - Parameters:
///   - k: K ≥ 2.
///   - rng: the generator passed to every draw.
///   - estimator: one draw of the vector estimate.
public func repeatEstimate(_ k: Int, rng: inout RNG, _ estimator: (inout RNG) -> [Double]) -> EstimatorStatistics {
    require(k >= 2, "repeatEstimate needs at least 2 draws")
    var draws: [[Double]] = []
    for _ in 0..<k { draws.append(estimator(&rng)) }
    return statistics(of: draws)
}

/// Mean, per-component variance and standard error of given vector samples.
public func statistics(of samples: [[Double]]) -> EstimatorStatistics {
    require(samples.count >= 2, "statistics(of:) needs at least 2 samples")
    let k = Double(samples.count), n = samples[0].count
    var mean = [Double](repeating: 0, count: n)
    for x in samples { for i in 0..<n { mean[i] += x[i] / k } }
    var variance = [Double](repeating: 0, count: n)
    for x in samples { for i in 0..<n { variance[i] += (x[i] - mean[i]) * (x[i] - mean[i]) / (k - 1) } }
    return EstimatorStatistics(count: samples.count, mean: mean, variance: variance,
                               standardError: variance.map { ($0 / k).squareRoot() })
}
