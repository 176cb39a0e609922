# %% [markdown]
# # Reinforcement Learning (Python twin of lecture 23, for bench/site)
#
# The same computations, on the same problem sizes, as the cells of
# `lectures/23-reinforcement-learning.md`, written with vectorised numpy.
# Text task: vocabulary 3, length 3, reward = fraction of tokens matching (2, 1, 0).

# %%
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from IPython.display import SVG, display
import io
import pg


def show_plot(fig):
    """Draw a figure as SVG into the output, as the lecture site does."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    display(SVG(buf.getvalue()))


rng = np.random.default_rng(23)
target = np.array([2, 1, 0])
reward = pg.matches_reward(target)
rewards_of = lambda y: pg.sparse_rewards(y, reward)
pi = pg.TokenPolicy(3, 3)
pi.theta = rng.normal(0, 0.5, pi.theta.shape)

J, gradJ, count = pg.exact(pi, rewards_of)
fd = pg.finite_difference_gradient(pi.theta, lambda th: pg.exact(pi.with_theta(th), rewards_of)[0])
print("trajectories enumerated:", count)
print("parameters θ:", pi.size)
print("exact J =", J)
pg.check_close("Σ_τ p r ∇log p equals finite differences of J", gradJ, fd, 1e-8)

# %%
sentences = pg.all_sentences(3, 3)
p_all = np.exp(pi.logprob(sentences))
scores_all = pi.step_scores(sentences)
R_all = reward(sentences)
single_all = R_all[:, None] * scores_all.sum(axis=1)
mean_single, sigma2 = pg.moments(p_all, single_all)
pg.check_close("the 27 probabilities p(τ; θ) sum to 1", p_all.sum(), 1, 1e-12)
pg.check_close("E[r(τ) ∇log p(τ)] by enumeration equals exact ∇J", mean_single, gradJ, 1e-12)

# %%
def single(y):
    """r(τ) Σ_t ∇log π(a_t|s_t) for each sampled sentence."""
    return reward(y)[:, None] * pi.step_scores(y).sum(axis=1)


draws = single(pi.sample(4000, rng))
pg.check_estimate("REINFORCE draws average to the exact ∇J", draws, gradJ)
shown = np.argsort(-np.abs(gradJ))[:5]
se = draws.std(axis=0, ddof=1) / np.sqrt(len(draws))
print(f"{'θ index':>8} {'exact ∂J/∂θ':>12} {'mean of 4000':>12} {'std error':>10}")
for i in shown:
    print(f"{i:>8} {gradJ[i]:>12.4f} {draws[:, i].mean():>12.4f} {se[i]:>10.4f}")

# %%
ns = [4, 16, 64, 256, 1024]
rms, scaled = [], []
for n in ns:
    g = single(pi.sample(30 * n, rng)).reshape(30, n, -1).mean(axis=1)
    rms.append(np.sqrt(((g - gradJ) ** 2).sum(axis=1).mean()))
# For the check, many more runs at small N: N‖ĝ_N − ∇J‖² is skewed, and its mean needs a few hundred runs.
for n in [1, 4, 16]:
    g = single(pi.sample(200 * n, rng)).reshape(200, n, -1).mean(axis=1)
    scaled.extend(n * ((g - gradJ) ** 2).sum(axis=1))
fig, ax = plt.subplots()
ax.set_xscale("log"); ax.set_yscale("log")
ax.scatter(ns, rms, label="measured")
ax.plot(ns, np.sqrt(sigma2 / np.array(ns)), label="σ/√N (exact σ)")
ax.set_title("Error of the REINFORCE estimate"); ax.set_xlabel("trajectories N"); ax.set_ylabel("‖ĝ − ∇J‖")
ax.legend()
show_plot(fig)
pg.check_estimate("N‖ĝ_N − ∇J‖² averages the exact σ²", np.array(scaled)[:, None], sigma2)

# %%
signed = lambda y: 2 * reward(y) - 1


def one_step(y, rate=0.5):
    y = np.array([y])
    r = signed(y)[0]
    moved = pi.with_theta(pi.theta.ravel() + rate * r * pi.step_scores(y).sum(axis=1)[0])
    probs = lambda q: np.exp(np.take_along_axis(q.token_logprobs(y), y[..., None], axis=-1)[0, :, 0])
    return probs(pi), probs(moved)


high, low = one_step([2, 1, 0]), one_step([0, 0, 1])
for y, (before, after) in [([2, 1, 0], high), ([0, 0, 1], low)]:
    for k in range(3):
        print(y if k == 0 else "", signed(np.array([y]))[0] if k == 0 else "", k, f"{before[k]:.3f}", f"{after[k]:.3f}")
pg.check("high reward: every action's probability goes up", np.all(high[0] < high[1]))
pg.check("low reward: every action's probability goes down", np.all(low[0] > low[1]))

# %%
zero = sentences[np.argmax(R_all == 0)]
print("sentence", zero, "has r(τ) =", reward(zero[None])[0])
pg.check_close("a zero-reward trajectory leaves θ unchanged", single(zero[None])[0], 0, 0)

# %%
k = shown[0]
component = draws[:, k]
exact_second = p_all @ single_all[:, k] ** 2
wrong_sign = p_all[single_all[:, k] * gradJ[k] < 0].sum()
sd_k = np.sqrt(exact_second - gradJ[k] ** 2)
fig, ax = plt.subplots()
ax.hist(component, bins=40, label="4000 single estimates")
ax.axvline(gradJ[k], label=f"exact ∂J/∂θ_{k}", color="k")
ax.axvline(component.mean(), label="mean of the estimates", color="r")
ax.set_title(f"Single-trajectory estimates of ∂J/∂θ_{k}"); ax.legend()
show_plot(fig)
print(f"exact ∂J/∂θ_{k} =", gradJ[k], " sd of one estimate =", sd_k)
print("probability that one estimate has the wrong sign:", wrong_sign)
pg.check_estimate("single estimates of ∂J/∂θ_k average to the exact value", component[:, None], gradJ[k])

# %%
def dense_rewards(target):
    return lambda y: (y == np.asarray(target)).astype(float)


horizons = range(1, 9)
variances = [[], [], []]
worst_bias = [0.0, 0.0, 0.0]
rows = []
for T in horizons:
    tgt = np.arange(T) % 2
    q = pg.TokenPolicy(2, T)
    q.theta = rng.normal(0, 0.5, q.theta.shape)
    _, truth, _ = pg.exact(q, dense_rewards(tgt))
    y = pg.all_sentences(2, T)
    p = np.exp(q.logprob(y))
    r = dense_rewards(tgt)(y)
    S = q.step_scores(y)
    V, _ = pg.prefix_values(q, r, p, y)
    rtg = pg.reward_to_go(r)
    weights = [np.repeat(r.sum(axis=1, keepdims=True), T, axis=1), rtg, rtg - V]
    row = [T, len(y)]
    for j, w in enumerate(weights):
        mean, var = pg.moments(p, np.einsum("nt,ntp->np", w, S))
        variances[j].append(var)
        worst_bias[j] = max(worst_bias[j], np.abs(mean - truth).max())
        row.append(var)
    rows.append(row)
fig, ax = plt.subplots()
ax.set_yscale("log")
for v, label in zip(variances, ["total return r(τ)", "reward to go", "reward to go − V(s_t)"]):
    ax.plot(list(horizons), v, label=label)
ax.set_title("Variance of one-trajectory gradient estimates"); ax.set_xlabel("horizon T"); ax.legend()
show_plot(fig)
print(f"{'T':>3} {'sentences':>9} {'var r(τ)':>10} {'var rtg':>10} {'var rtg−V':>10}")
for row in rows:
    print(f"{row[0]:>3} {row[1]:>9} {row[2]:>10.3f} {row[3]:>10.3f} {row[4]:>10.3f}")
pg.check("r(τ) weighting is unbiased at every T", worst_bias[0] < 1e-10)
pg.check("reward to go is unbiased at every T", worst_bias[1] < 1e-10)
pg.check("reward to go with baseline V is unbiased at every T", worst_bias[2] < 1e-10)
pg.check("reward to go has less variance than r(τ) for T ≥ 2",
         all(variances[1][i] < variances[0][i] for i in range(1, len(horizons))))
pg.check("the baseline lowers the variance further at every T",
         all(variances[2][i] < variances[1][i] for i in range(len(horizons))))

# %%
tgt6 = np.array([0, 1, 0, 1, 0, 1])
q6 = pg.TokenPolicy(2, 6)
q6.theta = rng.normal(0, 0.5, q6.theta.shape)
y6 = pg.all_sentences(2, 6)
p6 = np.exp(q6.logprob(y6))
V6_all, _ = pg.prefix_values(q6, dense_rewards(tgt6)(y6), p6, y6)
ys = q6.sample(2000, rng)
index = ys @ (2 ** np.arange(5, -1, -1))  # row of each sample in the lexicographic enumeration
r6 = dense_rewards(tgt6)(ys)
baseline_draws = np.einsum("nt,ntp->np", pg.reward_to_go(r6) - V6_all[index], q6.step_scores(ys))
pg.check_estimate("sampled reward to go − V averages to the exact ∇J (T = 6)", baseline_draws,
                  pg.exact(q6, dense_rewards(tgt6))[1])

# %%
batch = pi.sample(20, rng)
rb = rewards_of(batch)
pg.check("sparse reward: reward to go equals r(τ) at every step",
         np.array_equal(pg.reward_to_go(rb), np.repeat(rb.sum(axis=1, keepdims=True), 3, axis=1)))

# %%
total = p_all.sum()
yv = np.array([[2, 1, 0]])
token_sum = np.take_along_axis(pi.token_logprobs(yv), yv[..., None], axis=-1).sum()
print("Σ_y π(y) =", total)
print("log π(y) =", pi.logprob(yv)[0], " Σ_t log π(y_t | y_<t) =", token_sum)
pg.check_close("Σ_y π_θ(y) = 1 over all 27 sentences", total, 1, 1e-12)
pg.check_close("log π_θ(y) = Σ_t log π_θ(y_t | y_<t)", pi.logprob(yv)[0], token_sum, 1e-12)
hits = (pi.sample(4000, rng) == yv).all(axis=1).astype(float)
pg.check_estimate("token-by-token sampling draws y with probability π_θ(y)", hits[:, None], np.exp(pi.logprob(yv)[0]))

# %%
gamma = 0.9
pg.check_close("sparse reward: Σ_t γ^t r_t = γ² r_2", pg.discounted_return(np.array([[0, 0, 1.0]]), gamma)[0], 0.81, 1e-15)
exact_J = pg.exact(pi, rewards_of, gamma)[0]
returns = pg.discounted_return(rewards_of(pi.sample(4000, rng)), gamma)
print("exact J =", exact_J, " Monte-Carlo J =", returns.mean())
pg.check_estimate("Monte-Carlo J matches exact J (γ = 0.9)", returns[:, None], exact_J)

# %%
reward4 = pg.matches_reward([3, 1, 0, 2])
all4 = pg.all_sentences(4, 4)
R4 = reward4(all4)


def learning_curve(seed, with_baseline, iterations=40):
    r = np.random.default_rng(seed)
    q = pg.TokenPolicy(4, 4)
    b, seen = 0.0, 0
    curve = []
    for _ in range(iterations):
        curve.append(np.exp(q.logprob(all4)) @ R4)
        y = q.sample(16, r)
        R = reward4(y)
        g = ((R - (b if with_baseline else 0.0))[:, None] * q.step_scores(y).sum(axis=1)).mean(axis=0)
        seen += len(R)
        b += (R.sum() - len(R) * b) / seen
        q.theta += 2.0 * g.reshape(q.theta.shape)
    curve.append(np.exp(q.logprob(all4)) @ R4)
    return np.array(curve)


seeds = [23 * 1000 + s for s in range(5)]
plain = np.array([learning_curve(s, False) for s in seeds])
based = np.array([learning_curve(s, True) for s in seeds])
fig, ax = plt.subplots()
its = np.arange(41)
for runs, label in [(plain, "r(τ)"), (based, "r(τ) − b, b = mean of past returns")]:
    m, s = runs.mean(axis=0), runs.std(axis=0)
    ax.plot(its, m, label=label)
    ax.fill_between(its, m - s, m + s, alpha=0.3)
ax.axhline(1, label="best possible J", color="k")
ax.set_title("REINFORCE on the 4-token text task"); ax.set_xlabel("update"); ax.set_ylabel("exact J(θ)"); ax.legend()
show_plot(fig)
print("J at start = 0.25; after 40 updates: without baseline", plain[:, -1].mean(), ", with baseline", based[:, -1].mean())
pg.check("REINFORCE raises J from 0.25 (mean of 5 seeds, no baseline)", plain[:, -1].mean() > 0.4)
pg.check("REINFORCE raises J from 0.25 (mean of 5 seeds, with baseline)", based[:, -1].mean() > 0.4)

# %%
r_all = rewards_of(sentences)
_, Q_start = pg.prefix_values(pi, r_all, p_all, sentences, gamma)
_, Q_now = pg.prefix_values(pi, r_all, p_all, sentences, gamma, discount_from_now=True)
row = 2 * 9 + 1 * 3  # first sentence with prefix (2, 1)
q_start, q_now = Q_start[row, 1], Q_now[row, 1]


def sampled_returns(n, from_now):
    y = pi.sample(n, rng, prefix=(2, 1))
    w = gamma ** (np.arange(3) - (1 if from_now else 0))
    return rewards_of(y)[:, 1:] @ w[1:]


mc_start, mc_now = sampled_returns(3000, False), sampled_returns(3000, True)
print(f"γ^{{t'}}    exact Q = {q_start:.4f}  Monte-Carlo (3000) = {mc_start.mean():.4f}")
print(f"γ^{{t'−t}}  exact Q = {q_now:.4f}  Monte-Carlo (3000) = {mc_now.mean():.4f}")
pg.check_estimate("Monte-Carlo Q (γ^{t'}) matches exact Q", mc_start[:, None], q_start)
pg.check_estimate("Monte-Carlo Q (γ^{t'−t}) matches exact Q", mc_now[:, None], q_now)

# %%
worst = np.abs(Q_start - gamma ** np.arange(3) * Q_now).max()
pg.check_close("Q with γ^{t'} = γ^t · Q with γ^{t'−t}, at all 13 prefixes × 3 tokens", worst, 0, 1e-14)

# %%
gradJ9 = pg.exact(pi, rewards_of, gamma)[1]
with_start, _ = pg.moments(p_all, np.einsum("nt,ntp->np", Q_start, scores_all))
with_now, _ = pg.moments(p_all, np.einsum("nt,ntp->np", Q_now, scores_all))
norm = np.linalg.norm
bias_now = norm(with_now - gradJ9)
print(f"γ^{{t'}}   bias {norm(with_start - gradJ9):.2e}  ‖∇J‖ {norm(gradJ9):.4f}")
print(f"γ^{{t'−t}} bias {bias_now:.2e}  ‖∇J‖ {norm(gradJ9):.4f}")
pg.check_close("E[Σ_t ∇log π Q^π_{γ^{t'}}] = ∇J exactly", with_start, gradJ9, 1e-12)
pg.check("with Q^π_{γ^{t'−t}} the same sum is biased", bias_now > 0.01 * norm(gradJ9))
yq = pi.sample(2000, rng)
index = yq @ np.array([9, 3, 1])
q_draws = np.einsum("nt,ntp->np", Q_start[index], pi.step_scores(yq))
pg.check_estimate("sampled Σ_t ∇log π Q^π_{γ^{t'}} averages to ∇J", q_draws, gradJ9)

# %%
print(f"{sum(pg.check.results)} passed, {len(pg.check.results) - sum(pg.check.results)} failed")
assert all(pg.check.results)
