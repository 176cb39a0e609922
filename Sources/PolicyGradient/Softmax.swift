#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// log Σ_i exp(x_i), computed as m + log Σ_i exp(x_i − m) with m = max x (no overflow).
///
/// ```swift
/// logSumExp([1000, 1000])  // 1000.6931…
/// ```
public func logSumExp(_ x: [Double]) -> Double {
    require(!x.isEmpty, "logSumExp of an empty vector")
    var m = -Double.infinity
    for v in x where v > m { m = v }
    if m == -.infinity { return m }
    var s = 0.0
    for v in x { s += exp(v - m) }
    return m + log(s)
}

/// softmax(z)_i = exp(z_i) / Σ_j exp(z_j), computed with z_i − max z (stable).
///
/// ```swift
/// softmax([0, log(3)])  // [0.25, 0.75]
/// ```
/// - Parameter logits: the vector z; must be non-empty.
/// - Returns: probabilities summing to 1.
public func softmax(_ logits: [Double]) -> [Double] {
    require(!logits.isEmpty, "softmax of an empty vector")
    var m = -Double.infinity
    for v in logits where v > m { m = v }
    var e = logits.map { exp($0 - m) }
    var s = 0.0
    for v in e { s += v }
    for i in e.indices { e[i] /= s }
    return e
}

/// log softmax(z)_i = z_i − log Σ_j exp(z_j) (stable: never takes log of an underflowed 0).
///
/// ```swift
/// logSoftmax([0, 0])  // [-0.693…, -0.693…]
/// ```
public func logSoftmax(_ logits: [Double]) -> [Double] {
    let l = logSumExp(logits)
    return logits.map { $0 - l }
}

/// A categorical distribution over 0..<n given by logits: p = softmax(z).
///
/// ```swift
/// let p = Categorical(logits: [0, 1])
/// p.probabilities     // [0.269, 0.731]
/// p.logProb(1)        // -0.313
/// p.entropy           // 0.582
/// p.kl(Categorical(logits: [0, 0]))  // KL(p ‖ uniform) = 0.111
/// ```
public struct Categorical: Sendable, Equatable {
    /// The log-probabilities log p_i (normalised logits).
    public let logProbabilities: [Double]
    /// The probabilities p_i.
    public let probabilities: [Double]

    /// A distribution from unnormalised logits z: p = softmax(z).
    public init(logits: [Double]) {
        logProbabilities = logSoftmax(logits)
        probabilities = logProbabilities.map { exp($0) }
    }

    /// A distribution from probabilities (must be non-negative and sum to 1 within 1e-9).
    public init(probabilities p: [Double]) {
        let total = p.reduce(0, +)
        require(p.allSatisfy { $0 >= 0 } && abs(total - 1) < 1e-9,
                     "Categorical(probabilities:) needs non-negative values summing to 1, got sum \(total)")
        probabilities = p
        logProbabilities = p.map { log($0) }
    }

    /// The number of outcomes n.
    public var count: Int { probabilities.count }

    /// Draws i ~ p (inverse CDF with one uniform draw).
    public func sample(rng: inout RNG) -> Int { rng.categorical(probabilities) }

    /// log p_i.
    public func logProb(_ i: Int) -> Double { logProbabilities[i] }

    /// H(p) = −Σ_i p_i log p_i (terms with p_i = 0 count as 0).
    public var entropy: Double {
        var h = 0.0
        for i in 0..<count where probabilities[i] > 0 { h -= probabilities[i] * logProbabilities[i] }
        return h
    }

    /// KL(p ‖ q) = Σ_i p_i (log p_i − log q_i).
    /// - Parameter q: a distribution over the same outcomes.
    public func kl(_ q: Categorical) -> Double {
        require(q.count == count, "kl: distributions have \(count) and \(q.count) outcomes")
        var d = 0.0
        for i in 0..<count where probabilities[i] > 0 {
            d += probabilities[i] * (logProbabilities[i] - q.logProbabilities[i])
        }
        return d
    }
}

/// softmax in place on a raw buffer (the allocation-free form for hot loops):
/// z_i ← exp(z_i − max z) / Σ_j exp(z_j − max z).
@inlinable
public func softmaxInPlace(_ z: UnsafeMutableBufferPointer<Double>) {
    var m = -Double.infinity
    for i in 0..<z.count where z[i] > m { m = z[i] }
    var s = 0.0
    for i in 0..<z.count { z[i] = exp(z[i] - m); s += z[i] }
    for i in 0..<z.count { z[i] /= s }
}
