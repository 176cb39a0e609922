// `EngineBench --solver n1 n2 …`: how far exact evaluation by linear algebra scales.
// For each n, two problems whose episodes can revisit states (so the dense solver runs) are
// evaluated exactly (states, P_π, LU, v, η, Q, ∇J), and the bare LU decomposition of
// I − P_π is timed on its own:
//   corridor: a slippery corridor; P_π is banded, so elimination skips the zeros (≈ n²);
//   random:   every action leads to 4 pseudo-random states; elimination fills the matrix in,
//             the dense worst case (n³/3).
// Prints one line per problem and n: problem=<p> states=<n> evaluate_s=<t> lu_s=<t> residual=<…>
import PolicyGradient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// States 0..<n on a line, the goal past n − 1; each move goes the chosen way with
/// probability 0.8 and the other way otherwise; −1 per step.
struct SlipperyCorridor: FiniteEnvironment {
    typealias State = Int
    let n: Int
    var actionCount: Int { 2 }
    func initialStates() -> [(state: Int, probability: Double)] { [(0, 1)] }
    func outcomes(_ s: Int, _ a: Int) -> [Outcome<Int>] {
        let forward = a == 1 ? 0.8 : 0.2
        return [Outcome(probability: forward, next: s + 1, reward: -1, done: s + 1 == n),
                Outcome(probability: 1 - forward, next: max(s - 1, 0), reward: -1, done: false)]
    }
}

/// n states; each action ends the episode with probability 0.1 and otherwise moves to one
/// of 4 states picked by a fixed hash of (s, a, k).
struct RandomMDP: FiniteEnvironment {
    typealias State = Int
    let n: Int
    var actionCount: Int { 2 }
    func initialStates() -> [(state: Int, probability: Double)] { [(0, 1)] }
    func outcomes(_ s: Int, _ a: Int) -> [Outcome<Int>] {
        var list = [Outcome(probability: 0.1, next: s, reward: 1, done: true)]
        for k in 0..<4 {
            var h = UInt64(s &* 8 &+ a &* 4 &+ k) &+ 0x9E37_79B9_7F4A_7C15
            h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
            h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 31
            list.append(Outcome(probability: 0.225, next: Int(h % UInt64(n)), reward: Double(k) - 1.5, done: false))
        }
        return list
    }
}

func solverBenchmark(_ sizes: [Int]) {
    for n in sizes {
        var pi = TabularSoftmax(stateCount: n, actionCount: 2)
        for s in 0..<n { pi.parameters[2 * s + 1] = 1 }            // π(action 1) = e/(1 + e) ≈ 0.73
        measure("corridor", SlipperyCorridor(n: n), pi, n)
        measure("random", RandomMDP(n: n), pi, n)
    }
}

func measure<E: FiniteEnvironment>(_ name: String, _ env: E, _ pi: TabularSoftmax, _ n: Int) where E.State == Int {
    do {
        var t0 = now()
        let e = exactEvaluation(env, pi)
        let evaluate = now() - t0
        let p = e.transitionMatrix, m = e.states.count
        var a = Matrix(size: m)
        for i in 0..<m { for j in 0..<m { a[i, j] = (i == j ? 1 : 0) - p[i, j] } }
        t0 = now()
        let lu = try? LUDecomposition(a)
        let factor = now() - t0
        let residual = zip(a.times(e.values), e.expectedRewards).map { abs($0 - $1) }.max() ?? 0
        print("problem=\(name) states=\(e.states.count) evaluate_s=\(fixed(evaluate, 4)) lu_s=\(fixed(factor, 4)) "
              + "residual=\(residual) solved=\(lu != nil) J=\(fixed(e.objective, 6))")
    }
}
