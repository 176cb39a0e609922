#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-hidden-layer softmax policy: h = tanh(W₁ᵀ x + b₁), f_θ(s) = W₂ᵀ h + b₂, x = φ(s).
///
/// θ is one flat vector laid out as W₁[i][j] (d × H), b₁ (H), W₂[j][k] (H × A), b₂ (A).
/// Backward pass (the same rule for every input): with δ = ∂L/∂f,
/// ∂L/∂b₂ = δ, ∂L/∂W₂[j][k] = h_j δ_k, ∂L/∂h_j = Σ_k W₂[j][k] δ_k,
/// ∂L/∂a_j = (1 − h_j²) ∂L/∂h_j, ∂L/∂b₁ = ∂L/∂a, ∂L/∂W₁[i][j] = x_i ∂L/∂a_j.
///
/// ```swift
/// var rng = RNG(seed: 0)
/// let pi = MLPSoftmax(inputSize: 4, hiddenSize: 64, actionCount: 2, rng: &rng)
/// pi.probabilities(given: [0, 0, 0.01, 0])   // two probabilities near 0.5
/// ```
///
/// The pointer-based `forward` / `backward` are the allocation-free hot path used by
/// training loops and the benchmark; `logits(given:)` is the convenient one.
public struct MLPSoftmax<State>: Policy {
    public var parameters: [Double]
    /// d, the input size.
    public let inputSize: Int
    /// H, the hidden width.
    public let hiddenSize: Int
    public let actionCount: Int
    /// The feature map φ(s) giving the network input x.
    public let features: (State) -> [Double]

    /// Initialises like PyTorch's `nn.Linear`: every weight and bias of a layer with
    /// fan-in n is drawn from U(−1/√n, 1/√n), in storage order (W₁, b₁, W₂, b₂).
    /// - Parameters:
    ///   - inputSize: d.
    ///   - hiddenSize: H.
    ///   - actionCount: A.
    ///   - rng: the generator the initial weights are drawn from.
    ///   - features: φ, mapping a state to d numbers.
    public init(inputSize: Int, hiddenSize: Int, actionCount: Int, rng: inout RNG,
                features: @escaping (State) -> [Double]) {
        require(inputSize > 0 && hiddenSize > 0 && actionCount > 0, "MLPSoftmax sizes must be positive")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.actionCount = actionCount
        self.features = features
        let first = (inputSize + 1) * hiddenSize
        let total = first + (hiddenSize + 1) * actionCount
        let bound1 = 1 / Double(inputSize).squareRoot(), bound2 = 1 / Double(hiddenSize).squareRoot()
        var p = [Double](repeating: 0, count: total)
        for i in 0..<first { p[i] = rng.uniform(-bound1, bound1) }
        for i in first..<total { p[i] = rng.uniform(-bound2, bound2) }
        parameters = p
    }

    /// Forward pass on raw buffers: writes h (H values) and the logits f (A values).
    /// - Parameters:
    ///   - x: the input, d values.
    ///   - hidden: space for H values; receives h = tanh(W₁ᵀ x + b₁).
    ///   - logits: space for A values; receives W₂ᵀ h + b₂.
    @inlinable
    public func forward(_ x: UnsafeBufferPointer<Double>, hidden: UnsafeMutableBufferPointer<Double>,
                        logits: UnsafeMutableBufferPointer<Double>) {
        let d = inputSize, H = hiddenSize, A = actionCount
        parameters.withUnsafeBufferPointer { p in
            let b1 = d * H, w2 = (d + 1) * H, b2 = w2 + H * A
            // a = b₁ + Σ_i x_i W₁[i][·], one contiguous row of W₁ at a time (vectorises over j)
            for j in 0..<H { hidden[j] = p[b1 &+ j] }
            for i in 0..<d {
                let xi = x[i], row = i * H
                for j in 0..<H { hidden[j] += xi * p[row &+ j] }
            }
            for j in 0..<H { hidden[j] = tanh(hidden[j]) }                 // h = tanh(a)
            if A == 2 {                                                     // the common two-action case, unrolled
                var z0 = p[b2], z1 = p[b2 + 1]
                for j in 0..<H {
                    z0 += hidden[j] * p[w2 &+ 2 &* j]
                    z1 += hidden[j] * p[w2 &+ 2 &* j &+ 1]
                }
                logits[0] = z0
                logits[1] = z1
                return
            }
            for k in 0..<A { logits[k] = p[b2 + k] }                        // f = b₂ + Σ_j h_j W₂[j][·]
            for j in 0..<H {
                let hj = hidden[j]
                for k in 0..<A { logits[k] += hj * p[w2 &+ j &* A &+ k] }
            }
        }
    }

    /// Backward pass on raw buffers: adds δᵀ ∂f/∂θ into `gradient` given the cached h.
    /// - Parameters:
    ///   - x: the input used in `forward`.
    ///   - hidden: the h that `forward` produced for x.
    ///   - dLogits: δ = ∂L/∂f, A values.
    ///   - gradient: |θ| values to accumulate into.
    ///   - scratch: space for H values.
    @inlinable
    public func backward(_ x: UnsafeBufferPointer<Double>, hidden: UnsafeBufferPointer<Double>,
                         dLogits: UnsafeBufferPointer<Double>,
                         into gradient: UnsafeMutableBufferPointer<Double>,
                         scratch: UnsafeMutableBufferPointer<Double>) {
        let d = inputSize, H = hiddenSize, A = actionCount
        parameters.withUnsafeBufferPointer { p in
            let b1 = d * H, w2 = (d + 1) * H, b2 = w2 + H * A
            for k in 0..<A { gradient[b2 + k] += dLogits[k] }               // ∂L/∂b₂ = δ
            if A == 2 {
                let d0 = dLogits[0], d1 = dLogits[1]
                for j in 0..<H {
                    let hj = hidden[j]
                    gradient[w2 &+ 2 &* j] += hj * d0                         // ∂L/∂W₂[j][k] = h_j δ_k
                    gradient[w2 &+ 2 &* j &+ 1] += hj * d1
                    scratch[j] = (d0 * p[w2 &+ 2 &* j] + d1 * p[w2 &+ 2 &* j &+ 1]) * (1 - hj * hj)
                }
            } else {
                for j in 0..<H {
                    let hj = hidden[j]
                    var s = 0.0
                    for k in 0..<A {
                        gradient[w2 &+ j &* A &+ k] += hj * dLogits[k]
                        s += dLogits[k] * p[w2 &+ j &* A &+ k]                 // ∂L/∂h_j = Σ_k W₂[j][k] δ_k
                    }
                    scratch[j] = s * (1 - hj * hj)                          // ∂L/∂a_j = (1 − h_j²) ∂L/∂h_j
                }
            }
            for j in 0..<H { gradient[b1 &+ j] += scratch[j] }               // ∂L/∂b₁ = ∂L/∂a
            for i in 0..<d {                                                // ∂L/∂W₁[i][j] = x_i ∂L/∂a_j
                let xi = x[i], row = i * H
                for j in 0..<H { gradient[row &+ j] += xi * scratch[j] }
            }
        }
    }

    /// "W₁[i, j]" (input i, hidden unit j), "b₁[j]", "W₂[j, k]" (hidden unit j, action k) or "b₂[k]".
    public func parameterLabel(_ index: Int) -> String {
        let d = inputSize, H = hiddenSize, A = actionCount
        switch index {
        case ..<(d * H): return "W₁[\(index / H), \(index % H)]"
        case ..<((d + 1) * H): return "b₁[\(index - d * H)]"
        case ..<((d + 1) * H + H * A): let k = index - (d + 1) * H; return "W₂[\(k / A), \(k % A)]"
        default: return "b₂[\(index - (d + 1) * H - H * A)]"
        }
    }

    /// f_θ(s) = W₂ᵀ tanh(W₁ᵀ φ(s) + b₁) + b₂.
    public func logits(given s: State) -> [Double] {
        let x = features(s)
        require(x.count == inputSize, "features returned \(x.count) values, expected \(inputSize)")
        var h = [Double](repeating: 0, count: hiddenSize)
        var z = [Double](repeating: 0, count: actionCount)
        x.withUnsafeBufferPointer { xb in
            h.withUnsafeMutableBufferPointer { hb in
                z.withUnsafeMutableBufferPointer { zb in forward(xb, hidden: hb, logits: zb) }
            }
        }
        return z
    }

    public func addLogitsVJP(given s: State, _ v: [Double], scale: Double, into g: inout [Double]) {
        let x = features(s)
        require(x.count == inputSize, "features returned \(x.count) values, expected \(inputSize)")
        var h = [Double](repeating: 0, count: hiddenSize)
        var z = [Double](repeating: 0, count: actionCount)
        var scratch = [Double](repeating: 0, count: hiddenSize)
        let delta = v.map { $0 * scale }
        x.withUnsafeBufferPointer { xb in
            h.withUnsafeMutableBufferPointer { hb in
                z.withUnsafeMutableBufferPointer { zb in forward(xb, hidden: hb, logits: zb) }
                delta.withUnsafeBufferPointer { db in
                    g.withUnsafeMutableBufferPointer { gb in
                        scratch.withUnsafeMutableBufferPointer { sb in
                            backward(xb, hidden: UnsafeBufferPointer(hb), dLogits: db, into: gb, scratch: sb)
                        }
                    }
                }
            }
        }
    }
}

extension MLPSoftmax where State == [Double] {
    /// An MLP policy over the state vector itself, φ(s) = s.
    public init(inputSize: Int, hiddenSize: Int, actionCount: Int, rng: inout RNG) {
        self.init(inputSize: inputSize, hiddenSize: hiddenSize, actionCount: actionCount, rng: &rng) { $0 }
    }
}
