/// An autoregressive token policy π_θ(y_t | y_<t) = softmax(f_θ(y_t | y_<t)) over a vocabulary of V tokens.
///
/// The logits depend on the position t and the previous token (a position-aware
/// bigram model): f_θ(· | y_<t) = θ[t, y_{t−1}, ·], with a begin-of-sequence row
/// for t = 0. The state is the prefix y_<t, so the policy plugs into `TextTask`.
/// The probability of a whole sequence y = (y_0, …, y_{T−1}) factorises:
///
///     log π_θ(y) = Σ_t log π_θ(y_t | y_<t)
///
/// ```swift
/// var rng = RNG(seed: 3)
/// let pi = TokenPolicy(vocabularySize: 3, length: 4)
/// let y = pi.generate(rng: &rng)          // e.g. [2, 0, 0, 1]
/// pi.sequenceLogProb(y)                   // 4 · log(1/3) = -4.394
/// ```
public struct TokenPolicy: Policy, Sendable {
    public var parameters: [Double]
    /// V, the number of tokens.
    public let vocabularySize: Int
    /// T, the number of positions the policy has logits for.
    public let length: Int
    public var actionCount: Int { vocabularySize }

    /// - Parameters:
    ///   - vocabularySize: V.
    ///   - length: T, the longest sequence the policy generates.
    ///   - initial: the starting value of every logit (0 gives uniform tokens).
    public init(vocabularySize: Int, length: Int, initial: Double = 0) {
        require(vocabularySize > 0 && length > 0, "TokenPolicy needs a positive vocabulary and length")
        self.vocabularySize = vocabularySize
        self.length = length
        parameters = [Double](repeating: initial, count: length * (vocabularySize + 1) * vocabularySize)
    }

    /// The offset of row θ[t, y_{t−1}, ·] for the prefix y_<t.
    func row(_ prefix: [Int]) -> Int {
        let t = prefix.count
        require(t < length, "TokenPolicy has logits for \(length) positions; prefix has \(t) tokens")
        let previous = prefix.last.map { $0 + 1 } ?? 0
        require(previous <= vocabularySize, "token \(previous - 1) outside the vocabulary 0..<\(vocabularySize)")
        return (t * (vocabularySize + 1) + previous) * vocabularySize
    }

    /// The position of θ[t, y_{t−1}, y] in `parameters`; `previous` nil is the begin-of-sequence row (t = 0).
    public func parameterIndex(position t: Int, previous: Int?, token y: Int) -> Int {
        let prev = previous.map { $0 + 1 } ?? 0
        if !(t >= 0 && t < length && prev >= 0 && prev <= vocabularySize && y >= 0 && y < vocabularySize) {
            engineFailure("θ[t, y_{t−1}, y] needs t < \(length) and tokens in 0..<\(vocabularySize)")
        }
        return (t * (vocabularySize + 1) + prev) * vocabularySize + y
    }

    /// "θ[t=…, prev=…, y=…]" (prev=BOS at the start of the sequence).
    public func parameterLabel(_ index: Int) -> String {
        let y = index % vocabularySize, row = index / vocabularySize
        let t = row / (vocabularySize + 1), prev = row % (vocabularySize + 1)
        return "θ[t=\(t), prev=\(prev == 0 ? "BOS" : String(prev - 1)), y=\(y)]"
    }

    /// f_θ(· | y_<t) = θ[t, y_{t−1}, ·].
    public func logits(given prefix: [Int]) -> [Double] {
        let r = row(prefix)
        return Array(parameters[r..<(r + vocabularySize)])
    }

    public func addLogitsVJP(given prefix: [Int], _ v: [Double], scale: Double, into g: inout [Double]) {
        let r = row(prefix)
        for y in 0..<vocabularySize { g[r + y] += scale * v[y] }
    }

    /// log π_θ(y) = Σ_t log π_θ(y_t | y_<t).
    public func sequenceLogProb(_ y: [Int]) -> Double {
        var total = 0.0
        for t in y.indices { total += logProb(y[t], given: Array(y[..<t])) }
        return total
    }

    /// ∇_θ log π_θ(y) = Σ_t ∇_θ log π_θ(y_t | y_<t).
    public func gradSequenceLogProb(_ y: [Int]) -> [Double] {
        var g = [Double](repeating: 0, count: parameters.count)
        for t in y.indices { addGradLogProb(y[t], given: Array(y[..<t]), scale: 1, into: &g) }
        return g
    }

    /// Samples y_0, y_1, … one token at a time, y_t ~ π_θ(· | y_<t).
    /// - Parameter count: how many tokens (default: `length`).
    public func generate(count: Int? = nil, rng: inout RNG) -> [Int] {
        var y: [Int] = []
        for _ in 0..<(count ?? length) { y.append(sample(given: y, rng: &rng)) }
        return y
    }
}
