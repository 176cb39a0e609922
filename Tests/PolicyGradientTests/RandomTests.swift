import Foundation
import Testing
@testable import PolicyGradient

@Suite struct RandomTests {
    @Test func matchesTheReferenceXoshiroStream() {
        // Values from the C xoshiro256** / splitmix64 code in the shared benchmark, seed 42.
        var rng = RNG(seed: 42)
        #expect(rng.next() == 1_546_998_764_402_558_742)
        #expect(rng.next() == 6_990_951_692_964_543_102)
        #expect(rng.next() == 12_544_586_762_248_559_009)
        #expect(rng.uniform() == 0.92469294532538759)
    }

    @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
        var a = RNG(seed: 7), b = RNG(seed: 7), c = RNG(seed: 8)
        let xa = (0..<100).map { _ in a.normal() }
        let xb = (0..<100).map { _ in b.normal() }
        let xc = (0..<100).map { _ in c.normal() }
        #expect(xa == xb)
        #expect(xa != xc)
    }

    @Test func uniformAndNormalMomentsWithinStandardErrors() {
        var rng = RNG(seed: 1)
        let n = 40_000.0
        let u = (0..<Int(n)).map { _ in rng.uniform() }
        let z = (0..<Int(n)).map { _ in rng.normal() }
        let uMean = u.reduce(0, +) / n, zMean = z.reduce(0, +) / n
        let zVar = z.reduce(0) { $0 + ($1 - zMean) * ($1 - zMean) } / (n - 1)
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        // SE of the uniform mean: √(1/12/n) ≈ 0.0014; of the normal mean 0.005; of its variance √(2/n) ≈ 0.007.
        #expect(abs(uMean - 0.5) < 4 * (1.0 / 12 / n).squareRoot())
        #expect(abs(zMean) < 4 * (1 / n).squareRoot())
        #expect(abs(zVar - 1) < 4 * (2 / n).squareRoot())
    }

    @Test func categoricalFrequenciesMatchProbabilities() {
        var rng = RNG(seed: 2)
        let p = [0.1, 0.2, 0.7], n = 30_000
        var counts = [0, 0, 0]
        for _ in 0..<n { counts[rng.categorical(p)] += 1 }
        for i in 0..<3 {
            let se = (p[i] * (1 - p[i]) / Double(n)).squareRoot()
            #expect(abs(Double(counts[i]) / Double(n) - p[i]) < 4 * se)
        }
        var counts2 = [0, 0, 0, 0, 0]
        for _ in 0..<n { counts2[rng.int(below: 5)] += 1 }
        #expect(counts2.allSatisfy { abs(Double($0) / Double(n) - 0.2) < 4 * (0.16 / Double(n)).squareRoot() })
    }
}

@Suite struct SoftmaxTests {
    @Test func softmaxHandValuesAndStability() {
        let p = softmax([0, log(3.0)])
        #expect(abs(p[0] - 0.25) < 1e-15 && abs(p[1] - 0.75) < 1e-15)
        let big = softmax([1000, 1000, 1000])
        #expect(big.allSatisfy { abs($0 - 1.0 / 3) < 1e-15 })
        let lp = logSoftmax([-1000, 0])
        #expect(lp[0] == -1000)   // no log(0) = -inf from underflow
        #expect(abs(lp[1]) < 1e-300)
        #expect(abs(logSumExp([1000, 1000]) - (1000 + log(2.0))) < 1e-12)
    }

    @Test func categoricalEntropyKLAndLogProb() {
        let p = Categorical(logits: [0, 1])
        let e = exp(1.0)
        #expect(abs(p.probabilities[1] - e / (1 + e)) < 1e-15)
        #expect(abs(p.logProb(1) - log(e / (1 + e))) < 1e-15)
        let q0: Double = 1 / (1 + e), q1: Double = e / (1 + e)
        let h: Double = -q0 * log(q0) - q1 * log(q1)
        #expect(abs(p.entropy - h) < 1e-15)
        let u = Categorical(logits: [0, 0])
        #expect(abs(u.entropy - log(2.0)) < 1e-15)
        // KL(p ‖ uniform) = log 2 − H(p); KL(p ‖ p) = 0; KL is not symmetric.
        #expect(abs(p.kl(u) - (log(2.0) - h)) < 1e-15)
        #expect(p.kl(p) == 0)
        #expect(abs(p.kl(Categorical(logits: [2, 0])) - Categorical(logits: [2, 0]).kl(p)) > 1e-3)
    }
}
