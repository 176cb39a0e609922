#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded random number generator: xoshiro256** seeded through SplitMix64.
///
/// Its integer and uniform streams are bit-identical on every run and platform
/// (plain 64-bit integer arithmetic, no system generator).
///
/// ```swift
/// var rng = RNG(seed: 1)
/// rng.uniform()          // 0.5 ± 0.29, the same number on every machine
/// rng.normal()           // standard normal (Marsaglia's polar method)
/// rng.categorical([0.2, 0.8])  // 1 with probability 0.8
/// ```
///
/// `normal()` calls `log` and `sqrt`; `sqrt` is exact everywhere and `log` is
/// correctly rounded on current glibc and Apple platforms, so normal draws also
/// agree across those platforms.
public struct RNG: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the four state words with SplitMix64(seed).
    /// - Parameter seed: any 64-bit integer; equal seeds give equal streams.
    public init(seed: UInt64) {
        var x = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(&x); s1 = splitMix(&x); s2 = splitMix(&x); s3 = splitMix(&x)
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform draw in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform draw in [low, high): `low + (high - low) · uniform()`.
    @inlinable @inline(__always)
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A uniform integer in 0..<n (unbiased, by rejection).
    /// - Parameter n: the number of values; must be positive.
    public mutating func int(below n: Int) -> Int {
        require(n > 0, "int(below:) needs a positive bound, got \(n)")
        let bound = UInt64(n)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let x = next()
            if x < limit { return Int(x % bound) }
        }
    }

    /// A standard normal draw N(0, 1) by Marsaglia's polar method.
    ///
    /// Draw u, v ~ U(-1, 1) until 0 < q = u² + v² < 1; return u·√(-2 ln q / q).
    /// (The second value of each pair is discarded so the generator stays a plain value.)
    public mutating func normal() -> Double {
        while true {
            let u = uniform(-1, 1), v = uniform(-1, 1)
            let q = u * u + v * v
            if q > 0 && q < 1 { return u * (-2 * log(q) / q).squareRoot() }
        }
    }

    /// A normal draw N(mean, sd²).
    public mutating func normal(mean: Double, sd: Double) -> Double {
        mean + sd * normal()
    }

    /// Samples an index i with probability p_i by inverting the cumulative sum:
    /// the first i with u < p_0 + … + p_i.
    ///
    /// ```swift
    /// rng.categorical([0.1, 0.9])  // 1 nine times in ten
    /// ```
    /// - Parameter probabilities: non-negative weights summing to 1 (up to rounding).
    @inlinable
    public mutating func categorical(_ probabilities: [Double]) -> Int {
        let u = uniform()
        var c = 0.0
        for i in 0..<probabilities.count {
            c += probabilities[i]
            if u < c { return i }
        }
        return probabilities.count - 1
    }

    /// A new generator whose stream is independent of this one (seeded from `next()`).
    public mutating func split() -> RNG { RNG(seed: next()) }
}
