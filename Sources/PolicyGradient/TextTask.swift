/// A reward function R(y) on a finished token sequence.
///
/// ```swift
/// let r = TextReward.matches(target: [0, 1, 2])
/// r([0, 1, 1])   // 2/3
/// let mine = TextReward(name: "ends in 2") { y in y.last == 2 ? 1 : 0 }
/// ```
public struct TextReward: Sendable {
    public let name: String
    /// R as a function of (prompt, completion y).
    public let scorer: @Sendable (_ prompt: [Int], _ y: [Int]) -> Double

    /// A named reward function of the completion y.
    public init(name: String, _ function: @escaping @Sendable ([Int]) -> Double) {
        self.name = name
        scorer = { _, y in function(y) }
    }

    /// A named reward function of the prompt and the completion y.
    public init(name: String, _ function: @escaping @Sendable (_ prompt: [Int], _ y: [Int]) -> Double) {
        self.name = name
        scorer = function
    }

    /// R(y) (with an empty prompt).
    public func callAsFunction(_ y: [Int]) -> Double { scorer([], y) }

    /// R(y) for a completion y of `prompt`.
    public func callAsFunction(_ y: [Int], prompt: [Int]) -> Double { scorer(prompt, y) }

    /// R ≡ 0: no reward at the end (for tasks rewarded token by token).
    public static var none: TextReward { TextReward(name: "none") { (_: [Int]) in 0 } }

    /// The fraction of positions where y_t equals the target's token.
    public static func matches(target: [Int]) -> TextReward {
        TextReward(name: "matches \(target)") { y in
            let n = min(y.count, target.count)
            guard n > 0 else { return 0 }
            return Double((0..<n).filter { y[$0] == target[$0] }.count) / Double(target.count)
        }
    }

    /// 1 if y equals the target exactly, else 0 (the sparsest reward).
    public static func exact(target: [Int]) -> TextReward {
        TextReward(name: "exactly \(target)") { y in y == target ? 1 : 0 }
    }

    /// The fraction of tokens equal to `token`.
    public static func count(of token: Int) -> TextReward {
        TextReward(name: "count of \(token)") { y in
            y.isEmpty ? 0 : Double(y.filter { $0 == token }.count) / Double(y.count)
        }
    }

    /// The fraction of neighbouring pairs (y_{t−1}, y_t) that differ (rewards no repetition).
    public static var distinctNeighbours: TextReward {
        TextReward(name: "distinct neighbours") { y in
            y.count < 2 ? 0 : Double((1..<y.count).filter { y[$0] != y[$0 - 1] }.count) / Double(y.count - 1)
        }
    }
}

/// A reward r_t for one token, given the prompt and the completion so far: per-token rewards
/// for `TextTask`.
///
/// ```swift
/// let r = TokenReward.matches(target: [0, 1, 2])
/// r(prompt: [], prefix: [0], token: 1)   // 1: y_1 = target[1]
/// ```
public struct TokenReward: Sendable {
    public let name: String
    /// r_t as a function of (prompt, y_<t, y_t).
    public let function: @Sendable (_ prompt: [Int], _ prefix: [Int], _ token: Int) -> Double

    /// A named per-token reward.
    public init(name: String, _ function: @escaping @Sendable (_ prompt: [Int], _ prefix: [Int], _ token: Int) -> Double) {
        self.name = name
        self.function = function
    }

    /// r_t for token y_t after the prompt and y_<t.
    public func callAsFunction(prompt: [Int], prefix: [Int], token: Int) -> Double { function(prompt, prefix, token) }

    /// r_t = 1 when y_t equals target[t], else 0 (positions past the target pay 0).
    public static func matches(target: [Int]) -> TokenReward {
        TokenReward(name: "token matches \(target)") { _, prefix, token in
            prefix.count < target.count && target[prefix.count] == token ? 1 : 0
        }
    }
}

/// Text generation as RL: the state is the prompt followed by the tokens generated so far,
/// the action is the next token y_t. By default the reward arrives only at the end:
/// r_t = 0 for t < T − 1 and r_{T−1} = R(y) once all T tokens y = (y_0, …, y_{T−1}) are
/// generated. A `tokenReward` adds r_t(prompt, y_<t, y_t) at every step (dense rewards).
///
/// Several prompts (start states, all of one length P, drawn uniformly) make the episode
/// start from one of them; the policy then sees P + t tokens at step t (give a
/// `TokenPolicy` length P + T), and R is applied to the completion only.
///
/// ```swift
/// let task = TextTask(vocabularySize: 3, length: 4, reward: .matches(target: [0, 1, 2, 0]))
/// let pi = TokenPolicy(vocabularySize: 3, length: 4)
/// exactObjective(task, pi).objective   // E[R(y)] = 1/3 under the uniform policy
/// let dense = TextTask(vocabularySize: 3, length: 4, tokenReward: .matches(target: [0, 1, 2, 0]))
/// exactObjective(dense, pi).objective  // 4/3: one match in three per token
/// ```
public struct TextTask: FiniteEnvironment, Sendable {
    /// The prompt followed by the prefix y_<t.
    public typealias State = [Int]
    public let vocabularySize: Int
    /// T, the number of tokens generated.
    public let length: Int
    /// R(y), paid at the last step (on the completion, without the prompt).
    public let reward: TextReward
    /// r_t at every step, if any.
    public let tokenReward: TokenReward?
    /// The start states, drawn uniformly.
    public let prompts: [[Int]]
    /// P, the length of every prompt.
    public var promptLength: Int { prompts[0].count }
    public var actionCount: Int { vocabularySize }

    /// - Parameters:
    ///   - vocabularySize: V; tokens are 0..<V.
    ///   - length: T, tokens generated per episode.
    ///   - reward: R(y), paid at the last step (default: none).
    ///   - tokenReward: r_t paid at every step (default: none).
    ///   - prompts: the start states, all of one length (default: one empty prompt).
    public init(vocabularySize: Int, length: Int, reward: TextReward = .none, tokenReward: TokenReward? = nil,
                prompts: [[Int]] = [[]]) {
        if !(vocabularySize > 0 && length > 0) { engineFailure("TextTask needs a positive vocabulary and length") }
        if prompts.isEmpty { engineFailure("TextTask needs at least one prompt (an empty prompt is [])") }
        for p in prompts {
            if p.count != prompts[0].count {
                engineFailure("TextTask prompts must share one length: \(prompts[0]) and \(p)")
            }
            if let bad = p.first(where: { $0 < 0 || $0 >= vocabularySize }) {
                engineFailure("prompt token \(bad) outside 0..<\(vocabularySize)")
            }
        }
        self.vocabularySize = vocabularySize
        self.length = length
        self.reward = reward
        self.tokenReward = tokenReward
        self.prompts = prompts
    }

    public func initialStates() -> [(state: [Int], probability: Double)] {
        prompts.map { ($0, 1 / Double(prompts.count)) }
    }

    /// The number of non-terminal states, Σ_p Σ_{t<T} V^t over the distinct prompts
    /// (nil past `Int.max`).
    public var stateCount: Int? {
        var perPrompt = 0, power = 1
        for _ in 0..<length {
            guard let n = add(perPrompt, power) else { return nil }
            perPrompt = n
            let (p, overflow) = power.multipliedReportingOverflow(by: vocabularySize)
            if overflow { return nil }
            power = p
        }
        let (total, overflow) = perPrompt.multipliedReportingOverflow(by: Set(prompts).count)
        return overflow ? nil : total
    }

    public func outcomes(_ state: [Int], _ token: Int) -> [Outcome<[Int]>] {
        if token < 0 || token >= vocabularySize { engineFailure("token \(token) outside 0..<\(vocabularySize)") }
        let p = promptLength
        if state.count < p || state.count >= p + length {
            engineFailure("TextTask state \(state) is not a prompt of length \(p) followed by fewer than \(length) tokens")
        }
        let prompt = Array(state[..<p]), prefix = Array(state[p...])
        let y = prefix + [token]
        let done = y.count >= length
        var r = tokenReward?(prompt: prompt, prefix: prefix, token: token) ?? 0
        if done { r += reward(y, prompt: prompt) }
        return [Outcome(probability: 1, next: state + [token], reward: r, done: done)]
    }
}
