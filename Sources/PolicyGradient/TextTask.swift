/// A reward function R(y) on a finished token sequence.
///
/// ```swift
/// let r = TextReward.matches(target: [0, 1, 2])
/// r([0, 1, 1])   // 2/3
/// let mine = TextReward(name: "ends in 2") { y in y.last == 2 ? 1 : 0 }
/// ```
public struct TextReward: Sendable {
    public let name: String
    public let function: @Sendable ([Int]) -> Double

    /// A named reward function.
    public init(name: String, _ function: @escaping @Sendable ([Int]) -> Double) {
        self.name = name
        self.function = function
    }

    /// R(y).
    public func callAsFunction(_ y: [Int]) -> Double { function(y) }

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

/// Text generation as RL: the state is the prefix y_<t, the action is the next token
/// y_t, and the reward arrives only at the end: r_t = 0 for t < T − 1 and
/// r_{T−1} = R(y) once all T tokens y = (y_0, …, y_{T−1}) are generated.
///
/// ```swift
/// let task = TextTask(vocabularySize: 3, length: 4, reward: .matches(target: [0, 1, 2, 0]))
/// let pi = TokenPolicy(vocabularySize: 3, length: 4)
/// exactObjective(task, pi).objective   // E[R(y)] = 1/3 under the uniform policy
/// ```
public struct TextTask: FiniteEnvironment, Sendable {
    /// The prefix y_<t.
    public typealias State = [Int]
    public let vocabularySize: Int
    /// T, the number of tokens generated.
    public let length: Int
    public let reward: TextReward
    public var actionCount: Int { vocabularySize }

    /// - Parameters:
    ///   - vocabularySize: V; tokens are 0..<V.
    ///   - length: T, tokens per episode.
    ///   - reward: R(y), paid at the last step.
    public init(vocabularySize: Int, length: Int, reward: TextReward) {
        precondition(vocabularySize > 0 && length > 0, "TextTask needs a positive vocabulary and length")
        self.vocabularySize = vocabularySize
        self.length = length
        self.reward = reward
    }

    public func initialStates() -> [(state: [Int], probability: Double)] { [([], 1)] }

    public func outcomes(_ prefix: [Int], _ token: Int) -> [Outcome<[Int]>] {
        precondition(token >= 0 && token < vocabularySize, "token \(token) outside 0..<\(vocabularySize)")
        let y = prefix + [token]
        let done = y.count >= length
        return [Outcome(probability: 1, next: y, reward: done ? reward(y) : 0, done: done)]
    }
}
