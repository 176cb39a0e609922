// REINFORCE with reward to go on CartPole, on the Lectern engine: the same loop and
// constants as bench/reference/reinforce.c (4 -> 64 tanh -> 2 softmax MLP,
// PyTorch-default init, loss = -(1/N) Σ G_t log π(a_t|s_t) over the N steps of a
// batch, one Adam step per batch: lr 1e-2, betas 0.9/0.999, eps 1e-8).
// Usage: EngineBench --seed 0 [--updates 60] [--batch 16] [--gamma 1.0] [--lr 0.01] [--verbose]
//        EngineBench --solver 250 500 1000   (exact evaluation's dense solver; see Solver.swift)
// Prints: episodes_per_second=<x> env_steps_per_second=<y> final_avg_return=<z>
import PolicyGradient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fixed(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (abs(x) * scale).rounded()
    let whole = Int(r / scale), frac = Int(r - Double(whole) * scale)
    var f = String(frac)
    while f.count < digits { f = "0" + f }
    return (x < 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + f : "")
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + 1e-9 * Double(ts.tv_nsec)
}

if CommandLine.arguments.dropFirst().first == "--solver" {
    solverBenchmark(CommandLine.arguments.dropFirst(2).compactMap { Int($0) })
    exit(0)
}

var seed: UInt64 = 0, updates = 60, batch = 16, gamma = 1.0, lr = 1e-2, verbose = false
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--seed": seed = args.next().flatMap { UInt64($0) } ?? 0
    case "--updates": updates = args.next().flatMap { Int($0) } ?? updates
    case "--batch": batch = args.next().flatMap { Int($0) } ?? batch
    case "--gamma": gamma = args.next().flatMap { Double($0) } ?? gamma
    case "--lr": lr = args.next().flatMap { Double($0) } ?? lr
    case "--verbose": verbose = true
    default:
        print("unknown arg \(a)")
        exit(2)
    }
}

/// The whole run in one function so every buffer is a local (no global accessors in the loop).
func run(seed: UInt64, updates: Int, batch: Int, gamma: Double, lr: Double, verbose: Bool) {
    let hid = 64, maxSteps = CartPole.timeLimit
    var rng = RNG(seed: seed)
    var policy = MLPSoftmax(inputSize: 4, hiddenSize: hid, actionCount: 2, rng: &rng)
    var adam = Adam(learningRate: lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)

    let cap = batch * maxSteps
    let obs = UnsafeMutableBufferPointer<Double>.allocate(capacity: cap * 4)
    let act = UnsafeMutableBufferPointer<Int>.allocate(capacity: cap)
    let w = UnsafeMutableBufferPointer<Double>.allocate(capacity: cap)
    let hc = UnsafeMutableBufferPointer<Double>.allocate(capacity: cap * hid)   // cached hidden activations
    let pc = UnsafeMutableBufferPointer<Double>.allocate(capacity: cap * 2)     // cached action probabilities
    let st = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
    let dz = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
    let dh = UnsafeMutableBufferPointer<Double>.allocate(capacity: hid)
    var grad = [Double](repeating: 0, count: policy.parameterCount)

    var totalEpisodes = 0, totalSteps = 0
    var lastAverage = 0.0
    let t0 = now()
    for u in 0..<updates {
        var n = 0
        var returnSum = 0.0
        for _ in 0..<batch {
            for i in 0..<4 { st[i] = rng.uniform(-0.05, 0.05) }
            let start = n
            for _ in 0..<maxSteps {
                let h = UnsafeMutableBufferPointer(rebasing: hc[(n * hid)..<((n + 1) * hid)])
                let p = UnsafeMutableBufferPointer(rebasing: pc[(2 * n)..<(2 * n + 2)])
                policy.forward(UnsafeBufferPointer(st), hidden: h, logits: p)   // f_θ(s_t)
                softmaxInPlace(p)                                               // π_θ(·|s_t)
                let a = rng.uniform() < p[1] ? 1 : 0                            // a_t ~ π_θ(·|s_t)
                for i in 0..<4 { obs[4 * n + i] = st[i] }
                act[n] = a
                n += 1
                if CartPole.advance(st, action: a) { break }
            }
            // reward to go Ĝ_t = r_t + γ Ĝ_{t+1}, r_t = 1
            var running = 0.0
            var i = n
            while i > start {
                i -= 1
                running = 1.0 + gamma * running
                w[i] = running
            }
            returnSum += Double(n - start)
        }
        totalEpisodes += batch
        totalSteps += n
        lastAverage = returnSum / Double(batch)

        // ∇ of loss = -(1/N) Σ Ĝ_t log π(a_t|s_t): δ = -(Ĝ_t/N)(e_a − π) through the logits
        let invN = 1.0 / Double(n)
        grad.withUnsafeMutableBufferPointer { g in
            for k in 0..<g.count { g[k] = 0 }
            for i in 0..<n {
                let p0 = pc[2 * i], p1 = pc[2 * i + 1]
                dz[0] = -w[i] * invN * ((act[i] == 0 ? 1.0 : 0.0) - p0)
                dz[1] = -w[i] * invN * ((act[i] == 1 ? 1.0 : 0.0) - p1)
                policy.backward(UnsafeBufferPointer(rebasing: obs[(4 * i)..<(4 * i + 4)]),
                                hidden: UnsafeBufferPointer(rebasing: hc[(i * hid)..<((i + 1) * hid)]),
                                dLogits: UnsafeBufferPointer(dz), into: g, scratch: dh)
            }
        }
        adam.descend(&policy.parameters, gradient: grad)
        if verbose { print("update \(u) avg_return \(fixed(lastAverage, 2)) steps \(n)") }
    }
    let dt = now() - t0
    print("episodes_per_second=\(fixed(Double(totalEpisodes) / dt, 2)) "
          + "env_steps_per_second=\(fixed(Double(totalSteps) / dt, 1)) final_avg_return=\(fixed(lastAverage, 2))")
}

run(seed: seed, updates: updates, batch: batch, gamma: gamma, lr: lr, verbose: verbose)
