/// What one environment step returns: s_{t+1}, r_t and whether the episode ended.
public struct Transition<State> {
    /// s_{t+1}.
    public var next: State
    /// r_t = r(s_t, a_t).
    public var reward: Double
    /// True when s_{t+1} is terminal (a real end, not a time limit).
    public var done: Bool

    /// A step result (s_{t+1}, r_t, done).
    public init(next: State, reward: Double, done: Bool) {
        self.next = next
        self.reward = reward
        self.done = done
    }
}

/// One possible result of taking a in s, with its probability (for exact enumeration).
public struct Outcome<State> {
    public var probability: Double
    public var next: State
    /// The reward, or its conditional mean when the reward is noisy (J, ∇J and Q are linear in r).
    public var reward: Double
    public var done: Bool

    /// One outcome of (s, a) with probability p.
    public init(probability: Double, next: State, reward: Double, done: Bool) {
        self.probability = probability
        self.next = next
        self.reward = reward
        self.done = done
    }
}

/// An environment: an initial-state distribution and a transition rule.
///
/// Environments are values; the state is passed in and out, so one environment
/// can run many episodes and be enumerated exactly.
///
/// ```swift
/// var rng = RNG(seed: 0)
/// let env = Bandit(means: [0.2, 0.8])
/// let s = env.reset(rng: &rng)
/// env.step(s, 1, rng: &rng).reward   // 1 or 0 (Bernoulli 0.8)
/// ```
public protocol Environment {
    associatedtype State
    /// The number of actions available in every state.
    var actionCount: Int { get }
    /// Draws s_0.
    func reset(rng: inout RNG) -> State
    /// Takes action a in state s.
    func step(_ state: State, _ action: Int, rng: inout RNG) -> Transition<State>
}

/// An environment with finitely many initial states and outcomes per step, which
/// exact enumeration (`exactObjective`, `exactQ`) can walk completely.
public protocol FiniteEnvironment: Environment where State: Hashable {
    /// p(s_0) as (state, probability) pairs.
    func initialStates() -> [(state: State, probability: Double)]
    /// Every (s_{t+1}, r_t, done) that a in s can lead to, with probabilities summing to 1.
    func outcomes(_ state: State, _ action: Int) -> [Outcome<State>]
}

extension FiniteEnvironment {
    /// Samples s_0 from `initialStates()`.
    public func reset(rng: inout RNG) -> State {
        let initial = initialStates()
        return initial[rng.categorical(initial.map(\.probability))].state
    }

    /// Samples one of `outcomes(s, a)`.
    public func step(_ state: State, _ action: Int, rng: inout RNG) -> Transition<State> {
        let all = outcomes(state, action)
        let o = all.count == 1 ? all[0] : all[rng.categorical(all.map(\.probability))]
        return Transition(next: o.next, reward: o.reward, done: o.done)
    }
}

/// A multi-armed bandit: one state, one pull, then the episode ends.
///
/// Arm a pays Bernoulli(μ_a) (reward 1 with probability μ_a, else 0) or μ_a + N(0, σ²).
///
/// ```swift
/// let env = Bandit(means: [0.1, 0.5, 0.9])           // Bernoulli arms
/// let noisy = Bandit(means: [1, 2], noise: .gaussian(sd: 1))
/// ```
public struct Bandit: FiniteEnvironment, Sendable {
    /// The reward distribution of every arm.
    public enum Noise: Sendable {
        /// r ~ Bernoulli(μ_a); μ_a must lie in [0, 1].
        case bernoulli
        /// r = μ_a + σ ε, ε ~ N(0, 1).
        case gaussian(sd: Double)
    }

    /// μ_a, the expected reward of each arm.
    public let means: [Double]
    public let noise: Noise
    public var actionCount: Int { means.count }
    /// One state, 0.
    public var stateCount: Int { 1 }

    /// - Parameters:
    ///   - means: μ_a for each arm (in [0, 1] for Bernoulli arms).
    ///   - noise: Bernoulli rewards (default) or Gaussian noise around μ_a.
    public init(means: [Double], noise: Noise = .bernoulli) {
        if case .bernoulli = noise {
            require(means.allSatisfy { $0 >= 0 && $0 <= 1 }, "Bernoulli arm means must lie in [0, 1]")
        }
        self.means = means
        self.noise = noise
    }

    public func initialStates() -> [(state: Int, probability: Double)] { [(0, 1)] }

    public func outcomes(_ s: Int, _ a: Int) -> [Outcome<Int>] {
        switch noise {
        case .bernoulli:
            return [Outcome(probability: means[a], next: 0, reward: 1, done: true),
                    Outcome(probability: 1 - means[a], next: 0, reward: 0, done: true)]
        case .gaussian:
            return [Outcome(probability: 1, next: 0, reward: means[a], done: true)]
        }
    }

    public func step(_ s: Int, _ a: Int, rng: inout RNG) -> Transition<Int> {
        switch noise {
        case .bernoulli:
            return Transition(next: 0, reward: rng.uniform() < means[a] ? 1 : 0, done: true)
        case .gaussian(let sd):
            return Transition(next: 0, reward: rng.normal(mean: means[a], sd: sd), done: true)
        }
    }
}

/// The short corridor with switched actions (Sutton & Barto, Example 13.1).
///
/// States 0, 1, 2 and the goal 3; actions `ShortCorridor.left` (0) and `ShortCorridor.right`
/// (1); reward −1 per step. In state 1 the actions are switched (right moves left). Left in
/// state 0 stays put. With features that cannot tell the states apart, the best stochastic
/// policy picks right with probability p* = 2 − √2 ≈ 0.586 and has value
/// J(p*) = −(6 + 4√2) ≈ −11.657 from state 0.
///
/// ```swift
/// let env = ShortCorridor()
/// // θ = (θ_left, θ_right): π(right) = e^θ_right / (e^θ_left + e^θ_right), the same in every state.
/// let pi = LinearSoftmax<Int>(featureCount: 1, actionCount: 2) { _ in [1] }
/// exactObjective(env, pi).objective   // -12 at π(right) = ½
/// ```
public struct ShortCorridor: FiniteEnvironment, Sendable {
    public typealias State = Int
    /// Action 0: move left (right in state 1).
    public static let left = 0
    /// Action 1: move right (left in state 1).
    public static let right = 1
    /// The corridor of Example 13.1.
    public init() {}
    public var actionCount: Int { 2 }
    /// The non-terminal states 0, 1, 2 (the goal, 3, ends the episode).
    public var stateCount: Int { 3 }
    public func initialStates() -> [(state: Int, probability: Double)] { [(0, 1)] }

    public func outcomes(_ s: Int, _ a: Int) -> [Outcome<Int>] {
        require(s >= 0 && s < 3, "ShortCorridor state \(s) is not one of 0, 1, 2")
        let right = (s == 1) ? (a == 0) : (a == 1)
        let next = right ? s + 1 : max(s - 1, 0)
        return [Outcome(probability: 1, next: next, reward: -1, done: next == 3)]
    }
}

/// A small gridworld: cells numbered row by row, start in one cell, a goal that pays
/// `goalReward` and ends the episode, `stepReward` on every other step.
///
/// Actions `GridWorld.up` (0), `.right` (1), `.down` (2), `.left` (3); moves into the edge
/// or a wall stay put. With probability `slip` the move goes in a uniformly random other direction.
///
/// ```swift
/// let env = GridWorld(width: 3, height: 3)      // start 0 (top left), goal 8
/// ```
public struct GridWorld: FiniteEnvironment, Sendable {
    public typealias State = Int
    /// Action 0: one row up.
    public static let up = 0
    /// Action 1: one column right.
    public static let right = 1
    /// Action 2: one row down.
    public static let down = 2
    /// Action 3: one column left.
    public static let left = 3
    public let width: Int
    public let height: Int
    public let start: Int
    public let goal: Int
    public let walls: Set<Int>
    public let goalReward: Double
    public let stepReward: Double
    public let slip: Double
    public var actionCount: Int { 4 }
    /// The number of cells, width × height.
    public var stateCount: Int { width * height }

    /// - Parameters:
    ///   - width: columns.
    ///   - height: rows.
    ///   - start: the start cell (default 0, top left).
    ///   - goal: the goal cell (default the last cell, bottom right).
    ///   - walls: cells that cannot be entered.
    ///   - goalReward: the reward for entering the goal (default 1).
    ///   - stepReward: the reward of every other step (default 0).
    ///   - slip: the probability of moving in a random other direction (default 0).
    public init(width: Int, height: Int, start: Int = 0, goal: Int? = nil, walls: Set<Int> = [],
                goalReward: Double = 1, stepReward: Double = 0, slip: Double = 0) {
        require(width > 0 && height > 0, "GridWorld needs a positive width and height")
        require(slip >= 0 && slip <= 1, "slip is a probability")
        self.width = width
        self.height = height
        self.start = start
        self.goal = goal ?? width * height - 1
        self.walls = walls
        self.goalReward = goalReward
        self.stepReward = stepReward
        self.slip = slip
    }

    /// The cell reached by moving in `direction` from `cell` (no slipping).
    public func move(_ cell: Int, _ direction: Int) -> Int {
        let r = cell / width, c = cell % width
        let (dr, dc) = [(-1, 0), (0, 1), (1, 0), (0, -1)][direction]
        let nr = r + dr, nc = c + dc
        guard nr >= 0, nr < height, nc >= 0, nc < width else { return cell }
        let n = nr * width + nc
        return walls.contains(n) ? cell : n
    }

    public func initialStates() -> [(state: Int, probability: Double)] { [(start, 1)] }

    public func outcomes(_ s: Int, _ a: Int) -> [Outcome<Int>] {
        var result: [Outcome<Int>] = []
        for d in 0..<4 {
            let p = d == a ? 1 - slip : slip / 3
            if p == 0 { continue }
            let n = move(s, d)
            result.append(Outcome(probability: p, next: n, reward: n == goal ? goalReward : stepReward,
                                  done: n == goal))
        }
        return result
    }
}
