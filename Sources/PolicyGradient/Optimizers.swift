/// A first-order optimizer. `ascend` moves θ up the gradient (maximising J);
/// `descend` moves it down (minimising a loss).
public protocol Optimizer {
    /// θ ← θ + step(g): one update towards larger values of the objective whose gradient is g.
    mutating func ascend(_ theta: inout [Double], gradient: [Double])
    /// θ ← θ − step(g): one update towards smaller values of the loss whose gradient is g.
    mutating func descend(_ theta: inout [Double], gradient: [Double])
}

/// Plain gradient steps: θ ← θ ± α g.
///
/// ```swift
/// var sgd = SGD(learningRate: 0.1)
/// var theta = [0.0]
/// sgd.ascend(&theta, gradient: [2])    // theta == [0.2]
/// ```
public struct SGD: Optimizer, Sendable {
    /// α.
    public var learningRate: Double

    /// - Parameter learningRate: α.
    public init(learningRate: Double) { self.learningRate = learningRate }

    public mutating func ascend(_ theta: inout [Double], gradient g: [Double]) {
        require(theta.count == g.count, "SGD: θ has \(theta.count) values, gradient \(g.count)")
        for i in theta.indices { theta[i] += learningRate * g[i] }
    }

    public mutating func descend(_ theta: inout [Double], gradient g: [Double]) {
        require(theta.count == g.count, "SGD: θ has \(theta.count) values, gradient \(g.count)")
        for i in theta.indices { theta[i] -= learningRate * g[i] }
    }
}

/// Adam (Kingma & Ba): m ← β₁ m + (1 − β₁) g, v ← β₂ v + (1 − β₂) g²,
/// θ ← θ ∓ α m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
///
/// ```swift
/// var adam = Adam(learningRate: 1e-2)
/// adam.descend(&theta, gradient: lossGradient)
/// ```
public struct Adam: Optimizer, Sendable {
    /// Where ε enters the denominator; libraries disagree.
    public enum EpsilonPlacement: Sendable, Hashable {
        /// √v̂ + ε, after bias correction (the paper's Algorithm 1; PyTorch).
        case afterBiasCorrection
        /// √v + ε with the bias correction folded into the step size (the paper's
        /// "ε̂" variant; TensorFlow): α_t = α √(1 − β₂ᵗ) / (1 − β₁ᵗ), θ ∓ α_t m / (√v + ε).
        case beforeBiasCorrection
    }

    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var epsilonPlacement: EpsilonPlacement
    /// First and second moment estimates m, v (created on the first step).
    public private(set) var m: [Double] = []
    public private(set) var v: [Double] = []
    /// The number of steps taken, t.
    public private(set) var t = 0

    /// - Parameters:
    ///   - learningRate: α.
    ///   - beta1: β₁ (default 0.9).
    ///   - beta2: β₂ (default 0.999).
    ///   - epsilon: ε (default 1e-8, as PyTorch; TensorFlow uses 1e-7).
    ///   - epsilonPlacement: where ε goes (default after bias correction).
    public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                epsilonPlacement: EpsilonPlacement = .afterBiasCorrection) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.epsilonPlacement = epsilonPlacement
    }

    public mutating func ascend(_ theta: inout [Double], gradient g: [Double]) { update(&theta, g, sign: 1) }
    public mutating func descend(_ theta: inout [Double], gradient g: [Double]) { update(&theta, g, sign: -1) }

    mutating func update(_ theta: inout [Double], _ g: [Double], sign: Double) {
        require(theta.count == g.count, "Adam: θ has \(theta.count) values, gradient \(g.count)")
        if m.count != theta.count {
            m = [Double](repeating: 0, count: theta.count)
            v = m
            t = 0
        }
        t += 1
        let c1 = 1 - pow(beta1, Double(t)), c2 = 1 - pow(beta2, Double(t))
        let a1 = 1 - beta1, a2 = 1 - beta2
        let stepSize = learningRate * c2.squareRoot() / c1
        for i in theta.indices {
            m[i] = beta1 * m[i] + a1 * g[i]
            v[i] = beta2 * v[i] + a2 * g[i] * g[i]
            switch epsilonPlacement {
            case .afterBiasCorrection:
                theta[i] += sign * learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + epsilon)
            case .beforeBiasCorrection:
                theta[i] += sign * stepSize * m[i] / (v[i].squareRoot() + epsilon)
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
