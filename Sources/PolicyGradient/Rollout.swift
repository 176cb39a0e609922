/// One episode τ = (s_0, a_0, r_0, s_1, a_1, r_1, …) as parallel arrays.
///
/// `logProbs[t]` is log π(a_t | s_t) under the policy that acted, kept for
/// importance ratios (PPO) and KL penalties.
public struct Trajectory<State> {
    /// s_0, …, s_{L−1}: the state each action was taken in.
    public var states: [State]
    /// a_0, …, a_{L−1}.
    public var actions: [Int]
    /// r_0, …, r_{L−1}.
    public var rewards: [Double]
    /// log π(a_t | s_t) at sampling time.
    public var logProbs: [Double]
    /// s_L, the state after the last action.
    public var finalState: State
    /// True if s_L is terminal; false if the episode was cut by the time limit (truncated).
    public var terminated: Bool

    /// A trajectory from its parts (normally built by `rollout`).
    public init(states: [State], actions: [Int], rewards: [Double], logProbs: [Double],
                finalState: State, terminated: Bool) {
        self.states = states
        self.actions = actions
        self.rewards = rewards
        self.logProbs = logProbs
        self.finalState = finalState
        self.terminated = terminated
    }

    /// L, the number of steps.
    public var count: Int { actions.count }
    /// True when the time limit, not the environment, ended the episode.
    public var truncated: Bool { !terminated }
    /// Σ_t r_t, the undiscounted return.
    public var totalReward: Double { rewards.reduce(0, +) }
    /// r(τ) = Σ_t γ^t r_t.
    public func discountedReturn(gamma: Double) -> Double { PolicyGradient.discountedReturn(rewards, gamma: gamma) }
    /// log p(τ; θ) minus the dynamics terms: Σ_t log π(a_t | s_t).
    public var logProb: Double { logProbs.reduce(0, +) }
}

/// Runs one episode: s_0 ~ reset, a_t ~ π(·|s_t), (s_{t+1}, r_t) ~ env, until done or `maxSteps`.
///
/// ```swift
/// var rng = RNG(seed: 0)
/// let tau = rollout(ShortCorridor(), TabularSoftmax(stateCount: 3, actionCount: 2), rng: &rng)
/// tau.rewards   // [-1, -1, …]
/// ```
/// - Parameters:
///   - env: the environment.
///   - policy: the policy that acts.
///   - rng: the generator for s_0, actions and outcomes (in that order, step by step).
///   - maxSteps: the time limit; an episode that reaches it is truncated.
public func rollout<E: Environment, P: Policy>(_ env: E, _ policy: P, rng: inout RNG,
                                               maxSteps: Int = 1000) -> Trajectory<E.State>
where P.State == E.State {
    let s0 = env.reset(rng: &rng)
    return rollout(env, policy, from: s0, rng: &rng, maxSteps: maxSteps)
}

/// Runs one episode from a given start state s_0 (for example one prompt of a `TextTask`).
public func rollout<E: Environment, P: Policy>(_ env: E, _ policy: P, from start: E.State, rng: inout RNG,
                                               maxSteps: Int = 1000) -> Trajectory<E.State>
where P.State == E.State {
    var s = start
    var states: [E.State] = [], actions: [Int] = [], rewards: [Double] = [], logProbs: [Double] = []
    var done = false
    while !done && actions.count < maxSteps {
        let dist = policy.distribution(given: s)
        let a = dist.sample(rng: &rng)
        let tr = env.step(s, a, rng: &rng)
        states.append(s)
        actions.append(a)
        rewards.append(tr.reward)
        logProbs.append(dist.logProb(a))
        s = tr.next
        done = tr.done
    }
    return Trajectory(states: states, actions: actions, rewards: rewards, logProbs: logProbs,
                      finalState: s, terminated: done)
}

/// Runs `count` independent episodes one after the other with the same generator.
public func rollouts<E: Environment, P: Policy>(_ env: E, _ policy: P, count: Int, rng: inout RNG,
                                                maxSteps: Int = 1000) -> [Trajectory<E.State>]
where P.State == E.State {
    (0..<count).map { _ in rollout(env, policy, rng: &rng, maxSteps: maxSteps) }
}

/// One group of `groupSize` episodes per start state (per prompt of a `TextTask`), in the
/// order of `initialStates()`: the groups GRPO compares rewards within.
///
/// ```swift
/// let task = TextTask(vocabularySize: 3, length: 2, reward: .count(of: 2), prompts: [[0], [1]])
/// let groups = groupRollouts(task, TokenPolicy(vocabularySize: 3, length: 3), groupSize: 8, rng: &rng)
/// let g = groupRelativeGradient(pi, groups: groups)    // 2 groups of 8
/// ```
public func groupRollouts<E: FiniteEnvironment, P: Policy>(_ env: E, _ policy: P, groupSize: Int, rng: inout RNG,
                                                           maxSteps: Int = 1000) -> [[Trajectory<E.State>]]
where P.State == E.State {
    env.initialStates().filter { $0.probability > 0 }.map { start in
        (0..<groupSize).map { _ in rollout(env, policy, from: start.state, rng: &rng, maxSteps: maxSteps) }
    }
}
