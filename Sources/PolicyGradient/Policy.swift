#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stochastic policy π_θ(a | s) = softmax(f_θ(s))_a over `actionCount` actions,
/// with parameters θ kept in one flat vector.
///
/// A conforming type supplies the logits f_θ(s) and the vector–Jacobian product
/// vᵀ ∂f_θ(s)/∂θ; everything else (probabilities, log-probabilities, their
/// gradients, sampling) follows from those two:
///
///     ∇_θ log π_θ(a|s) = (e_a − π_θ(·|s))ᵀ ∂f_θ(s)/∂θ
///
/// ```swift
/// var pi = TabularSoftmax(stateCount: 1, actionCount: 2)
/// pi.probabilities(given: 0)      // [0.5, 0.5]
/// pi.gradLogProb(1, given: 0)     // [-0.5, 0.5]
/// ```
public protocol Policy {
    /// What the policy conditions on.
    associatedtype State
    /// The parameter vector θ.
    var parameters: [Double] { get set }
    /// The number of actions.
    var actionCount: Int { get }
    /// The logits f_θ(s), one per action.
    func logits(given state: State) -> [Double]
    /// Adds vᵀ ∂f_θ(s)/∂θ (a vector the size of θ), scaled by `scale`, into `gradient`.
    func addLogitsVJP(given state: State, _ v: [Double], scale: Double, into gradient: inout [Double])
    /// What parameter θ_i is, for example "θ[s=1, a=right…]" or "W₁[2, 5]" (default "θ[i]").
    func parameterLabel(_ index: Int) -> String
}

extension Policy {
    /// The number of parameters |θ|.
    public var parameterCount: Int { parameters.count }

    /// "θ[i]": a policy that does not name its parameters.
    public func parameterLabel(_ index: Int) -> String { "θ[\(index)]" }

    /// `parameterLabel(i)` for every i, in the order of `parameters`.
    ///
    /// ```swift
    /// TabularSoftmax(stateCount: 2, actionCount: 2).parameterLabels
    /// // ["θ[s=0, a=0]", "θ[s=0, a=1]", "θ[s=1, a=0]", "θ[s=1, a=1]"]
    /// ```
    public var parameterLabels: [String] { parameters.indices.map { parameterLabel($0) } }

    /// The action distribution π_θ(· | s).
    public func distribution(given state: State) -> Categorical {
        Categorical(logits: logits(given: state))
    }

    /// π_θ(· | s) = softmax(f_θ(s)).
    public func probabilities(given state: State) -> [Double] {
        softmax(logits(given: state))
    }

    /// log π_θ(a | s).
    public func logProb(_ action: Int, given state: State) -> Double {
        logSoftmax(logits(given: state))[action]
    }

    /// Samples a ~ π_θ(· | s).
    public func sample(given state: State, rng: inout RNG) -> Int {
        rng.categorical(probabilities(given: state))
    }

    /// ∇_θ log π_θ(a | s) = (e_a − π_θ(·|s))ᵀ ∂f_θ(s)/∂θ.
    ///
    /// ```swift
    /// TabularSoftmax(stateCount: 1, actionCount: 2).gradLogProb(0, given: 0)  // [0.5, -0.5]
    /// ```
    public func gradLogProb(_ action: Int, given state: State) -> [Double] {
        var g = [Double](repeating: 0, count: parameters.count)
        addGradLogProb(action, given: state, scale: 1, into: &g)
        return g
    }

    /// Adds scale · ∇_θ log π_θ(a | s) into `gradient` (no allocation of a θ-sized vector).
    public func addGradLogProb(_ action: Int, given state: State, scale: Double, into gradient: inout [Double]) {
        var v = probabilities(given: state)
        for i in v.indices { v[i] = -v[i] }
        v[action] += 1
        addLogitsVJP(given: state, v, scale: scale, into: &gradient)
    }

    /// The same policy with parameters θ (handy for finite differences).
    public func with(parameters theta: [Double]) -> Self {
        require(theta.count == parameters.count,
                     "with(parameters:) expects \(parameters.count) values, got \(theta.count)")
        var copy = self
        copy.parameters = theta
        return copy
    }
}

/// The tabular softmax policy π_θ(a | s) = exp θ_{s,a} / Σ_b exp θ_{s,b}, states 0..<S.
///
/// θ is stored row-major: θ[s · A + a]. ∂ log π(a|s)/∂θ_{s,b} = 1[a = b] − π(b|s).
///
/// ```swift
/// let pi = TabularSoftmax(stateCount: 3, actionCount: 2)
/// pi.logProb(1, given: 2)  // log 0.5
/// ```
public struct TabularSoftmax: Policy, Sendable {
    public var parameters: [Double]
    public let stateCount: Int
    public let actionCount: Int

    /// - Parameters:
    ///   - stateCount: S, the number of states.
    ///   - actionCount: A, the number of actions.
    ///   - initial: the starting value of every θ_{s,a} (0 gives uniform policies).
    public init(stateCount: Int, actionCount: Int, initial: Double = 0) {
        require(stateCount > 0 && actionCount > 0, "TabularSoftmax needs at least one state and action")
        self.stateCount = stateCount
        self.actionCount = actionCount
        parameters = [Double](repeating: initial, count: stateCount * actionCount)
    }

    /// f_θ(s) = θ_{s,·}.
    public func logits(given s: Int) -> [Double] {
        require(s >= 0 && s < stateCount, "state \(s) outside 0..<\(stateCount)")
        return Array(parameters[(s * actionCount)..<((s + 1) * actionCount)])
    }

    public func addLogitsVJP(given s: Int, _ v: [Double], scale: Double, into g: inout [Double]) {
        for a in 0..<actionCount { g[s * actionCount + a] += scale * v[a] }
    }

    /// The position of θ_{s,a} in `parameters`: s · A + a.
    public func parameterIndex(state s: Int, action a: Int) -> Int {
        if !(s >= 0 && s < stateCount && a >= 0 && a < actionCount) {
            engineFailure("θ_{s,a} needs 0 ≤ s < \(stateCount) and 0 ≤ a < \(actionCount), got s = \(s), a = \(a)")
        }
        return s * actionCount + a
    }

    /// "θ[s=…, a=…]".
    public func parameterLabel(_ index: Int) -> String { "θ[s=\(index / actionCount), a=\(index % actionCount)]" }
}

/// The linear softmax policy π_θ(a | s) ∝ exp(θ_a · φ(s)) over features φ(s) ∈ ℝᵈ.
///
/// θ is stored action-major: θ[a · d + i]. ∇_θ log π(a|s) has block b equal to
/// (1[a = b] − π(b|s)) φ(s).
///
/// ```swift
/// // Sutton & Barto Example 13.1: every state looks the same.
/// let pi = LinearSoftmax<Int>(featureCount: 1, actionCount: 2) { _ in [1] }
/// ```
public struct LinearSoftmax<State>: Policy {
    public var parameters: [Double]
    public let featureCount: Int
    public let actionCount: Int
    /// The feature map φ(s).
    public let features: (State) -> [Double]

    /// - Parameters:
    ///   - featureCount: d, the length of φ(s).
    ///   - actionCount: A.
    ///   - initial: the starting value of every θ (0 gives the uniform policy).
    ///   - features: φ, mapping a state to d numbers.
    public init(featureCount: Int, actionCount: Int, initial: Double = 0,
                features: @escaping (State) -> [Double]) {
        self.featureCount = featureCount
        self.actionCount = actionCount
        self.features = features
        parameters = [Double](repeating: initial, count: featureCount * actionCount)
    }

    /// f_θ(s)_a = θ_a · φ(s).
    public func logits(given s: State) -> [Double] {
        let x = features(s)
        require(x.count == featureCount, "features returned \(x.count) values, expected \(featureCount)")
        var z = [Double](repeating: 0, count: actionCount)
        for a in 0..<actionCount {
            for i in 0..<featureCount { z[a] += parameters[a * featureCount + i] * x[i] }
        }
        return z
    }

    public func addLogitsVJP(given s: State, _ v: [Double], scale: Double, into g: inout [Double]) {
        let x = features(s)
        for a in 0..<actionCount {
            for i in 0..<featureCount { g[a * featureCount + i] += scale * v[a] * x[i] }
        }
    }

    /// The position of θ_{a,i} (action a, feature i) in `parameters`: a · d + i.
    ///
    /// ```swift
    /// // Example 13.1 with one constant feature: θ = (θ_left, θ_right).
    /// pi.parameterIndex(action: ShortCorridor.right, feature: 0)   // 1
    /// ```
    public func parameterIndex(action a: Int, feature i: Int) -> Int {
        if !(a >= 0 && a < actionCount && i >= 0 && i < featureCount) {
            engineFailure("θ_{a,i} needs 0 ≤ a < \(actionCount) and 0 ≤ i < \(featureCount), got a = \(a), i = \(i)")
        }
        return a * featureCount + i
    }

    /// "θ[a=…, φ_i]".
    public func parameterLabel(_ index: Int) -> String { "θ[a=\(index / featureCount), φ_\(index % featureCount)]" }
}

extension LinearSoftmax where State == [Double] {
    /// A linear softmax policy over the state vector itself, φ(s) = s.
    public init(featureCount: Int, actionCount: Int, initial: Double = 0) {
        self.init(featureCount: featureCount, actionCount: actionCount, initial: initial) { $0 }
    }
}
