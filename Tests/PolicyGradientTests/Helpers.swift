import Foundation
import Testing
@testable import PolicyGradient

/// max_i |a_i − b_i|.
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Parameters drawn from N(0, scale²), so gradients are tested away from the symmetric θ = 0.
func randomParameters(_ n: Int, seed: UInt64, scale: Double = 0.7) -> [Double] {
    var rng = RNG(seed: seed)
    return (0..<n).map { _ in scale * rng.normal() }
}
