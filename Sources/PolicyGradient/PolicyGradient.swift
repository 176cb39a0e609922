// # PolicyGradient: the engine behind Lectern's reinforcement-learning lectures
//
// Every statement of the policy-gradient lecture, computable and checkable. Each
// function sits next to the formula it computes, in the lecture's notation:
//
// | lecture | engine |
// |---|---|
// | π_θ(a_t \| s_t) = softmax(f_θ(s_t)) | `TabularSoftmax`, `LinearSoftmax`, `MLPSoftmax`; `pi.probabilities(given: s)`, `pi.logProb(a, given: s)` |
// | π_θ(y_t \| y_<t) = softmax(f_θ(y_t \| y_<t)) | `TokenPolicy`, `sequenceLogProb(y)` = Σ_t log π_θ(y_t \| y_<t) |
// | ∇_θ log π_θ(a \| s) | `pi.gradLogProb(a, given: s)` |
// | τ ~ p(τ; θ) | `rollout(env, pi, rng: &rng)` → `Trajectory` (states, actions, rewards, logProbs) |
// | J(π) = E_τ[Σ_{t=0}^T γ^t r_t] | `discountedReturn(rewards, gamma:)`; exact: `exactObjective(env, pi, gamma:)` |
// | (I − γP_π)v = r_π, (I − γP_π)ᵀη = μ₀, ∇J = Σ_s η(s) Σ_a Q(s,a) ∇π(a\|s) | `exactEvaluation(env, pi)`: `values`, `qValues`, `visitation`, `gradient`, `transitionMatrix` |
// | τ with p(τ; θ); E[g(τ)], Cov[g(τ)] | `allTrajectories(env, pi, horizon:)`, `exactMoments(all) { g($0) }`, `countTrajectories` |
// | Q^π(s_t, a_t) = E[Σ_{t'=t}^T γ^{t'} r_{t'} \| s_t, a_t] | `exactQ(..., discounting: .fromStart)`; usual γ^{t'−t}: `.fromNow` |
// | ∇J = E[r(τ) ∇_θ log p(τ; θ)] | `reinforceGradient(pi, batch, gamma:)` (exact: `exactObjective(...).gradient`) |
// | reward to go, baselines | `weighting: .rewardToGo(.fromStart)`, `baseline: .constant(b)` / `.stateValue(V)` |
// | Â_t = Σ_l (γλ)^l δ_{t+l}, GAE(λ) | `generalizedAdvantages(tau, value: V, gamma:, lambda:)`, `nStepAdvantage` |
// | GRPO, PPO, KL to a reference | `groupRelativeAdvantages`, `ppoClipObjective`, `klPenalty` |
//
// Environments (`Bandit`, `ShortCorridor`, `GridWorld`, `CartPole`, `TextTask`) share the
// `Environment` protocol; the finite ones (`FiniteEnvironment`) are evaluated exactly. Their
// actions have names (`ShortCorridor.left`, `GridWorld.up`), and every policy says which
// parameter is which (`pi.parameterLabels`, `pi.parameterIndex(state:action:)`).
// Randomness comes only from `RNG(seed:)`, so a lecture run twice prints the same numbers.
// Conventions that libraries disagree on are parameters: `Discounting`, `Averaging`,
// `Deviation` and ε in `groupRelativeAdvantages`, `KLEstimator` (k1/k2/k3/exact),
// `rewardToGo(bootstrap:)` at a time limit, `Adam(epsilon:epsilonPlacement:)`.
//
// ## A worked example: the seed's estimator against the exact gradient
//
// ```swift
// import PolicyGradient
//
// // A text task: 3 tokens, vocabulary {0, 1, 2}, reward only at the end (r_t = 0 for t < T − 1).
// let task = TextTask(vocabularySize: 3, length: 3, reward: .matches(target: [2, 1, 0]))
// var pi = TokenPolicy(vocabularySize: 3, length: 3)
//
// // Exact J and ∇J over all 27 sequences (linear algebra over the 13 prefixes).
// let exact = exactObjective(task, pi)
// print(exact.objective)                       // 0.3333… : a uniform policy matches 1 of 3 tokens
//
// // The seed's Monte-Carlo estimator: (1/N) Σ_i r(τ_i) Σ_t ∇ log π_θ(a_t | s_t), drawn 200 times.
// var rng = RNG(seed: 1)
// let stats = repeatEstimate(200, rng: &rng) { rng in
//     reinforceGradient(pi, rollouts(task, pi, count: 16, rng: &rng), gamma: 1)
// }
// // Every component of stats.mean lies within a few stats.standardError of exact.gradient.
//
// // Learn: REINFORCE with Adam; the exact objective climbs towards 1.
// var adam = Adam(learningRate: 0.1)
// let curve = train(task, &pi, optimizer: &adam, rng: &rng, iterations: 50, batchSize: 16,
//                   evaluate: { exactObjective(task, $0).objective }) { pi, batch in
//     reinforceGradient(pi, batch, gamma: 1, baseline: .constant(batch.map(\.totalReward).reduce(0, +) / 16))
// }
// print(curve.evaluation.last ?? 0)            // close to 1
// ```
//
// Speed: `MLPSoftmax.forward` / `backward`, `softmaxInPlace` and `CartPole.advance` work on
// raw buffers without allocating; `bench/engine` runs the CartPole REINFORCE loop on them
// next to reference numpy and C loops.
