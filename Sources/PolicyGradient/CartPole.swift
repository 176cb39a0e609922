#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CartPole with the classic dynamics and the constants of Gymnasium's CartPole-v1.
///
/// State s = (x, ẋ, θ, θ̇); action 0 pushes left, 1 pushes right with force 10.
/// Euler steps of τ = 0.02 s; reward 1 every step including the last; the episode
/// terminates when |x| > 2.4 or |θ| > 12°, and is truncated after `timeLimit` = 500
/// steps (pass it to `rollout(maxSteps:)`). s_0 ~ U(−0.05, 0.05)⁴.
///
/// ```swift
/// var rng = RNG(seed: 1)
/// let env = CartPole()
/// var s = env.reset(rng: &rng)
/// let tr = env.step(s, 1, rng: &rng)     // reward 1, done false
/// ```
public struct CartPole: Environment, Sendable {
    /// g, m/s².
    public static let gravity = 9.8
    /// m_c, kg.
    public static let massCart = 1.0
    /// m_p, kg.
    public static let massPole = 0.1
    /// l, half the pole length, m.
    public static let halfLength = 0.5
    /// |F|, N.
    public static let forceMagnitude = 10.0
    /// τ, the Euler time step, s.
    public static let tau = 0.02
    /// The episode ends when |x| > 2.4 m.
    public static let xThreshold = 2.4
    /// The episode ends when |θ| > 12° (in radians).
    public static let thetaThreshold = 12 * 2 * Double.pi / 360
    /// Gymnasium's truncation: 500 steps.
    public static let timeLimit = 500

    /// CartPole-v1.
    public init() {}
    public var actionCount: Int { 2 }
    /// The time limit as an instance property, for `rollout(maxSteps: env.timeLimit)`.
    public var timeLimit: Int { Self.timeLimit }

    public func reset(rng: inout RNG) -> [Double] {
        (0..<4).map { _ in rng.uniform(-0.05, 0.05) }
    }

    public func step(_ s: [Double], _ a: Int, rng: inout RNG) -> Transition<[Double]> {
        require(s.count == 4, "a CartPole state has 4 numbers")
        var next = s
        let done = next.withUnsafeMutableBufferPointer { Self.advance($0, action: a) }
        return Transition(next: next, reward: 1, done: done)
    }

    /// One Euler step in place on (x, ẋ, θ, θ̇); returns true if the new state is terminal.
    ///
    ///     θ̈ = (g sin θ − cos θ · q) / (l (4/3 − m_p cos²θ / M)),  q = (F + m_p l θ̇² sin θ) / M
    ///     ẍ = q − m_p l θ̈ cos θ / M,   M = m_c + m_p
    @inlinable @inline(__always)
    public static func advance(_ s: UnsafeMutableBufferPointer<Double>, action: Int) -> Bool {
        let x = s[0], xDot = s[1], th = s[2], thDot = s[3]
        let force = action == 1 ? forceMagnitude : -forceMagnitude
        let c = cos(th), sn = sin(th)
        let totalMass = massPole + massCart, poleMassLength = massPole * halfLength
        let temp = (force + poleMassLength * thDot * thDot * sn) / totalMass
        let thAcc = (gravity * sn - c * temp) / (halfLength * (4.0 / 3.0 - massPole * c * c / totalMass))
        let xAcc = temp - poleMassLength * thAcc * c / totalMass
        s[0] = x + tau * xDot
        s[1] = xDot + tau * xAcc
        s[2] = th + tau * thDot
        s[3] = thDot + tau * thAcc
        return s[0] < -xThreshold || s[0] > xThreshold || s[2] < -thetaThreshold || s[2] > thetaThreshold
    }
}
