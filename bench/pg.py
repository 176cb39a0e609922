"""Vectorised numpy helpers for the Python twin of lecture 23 (bench/lecture23.ipynb).

The autoregressive token policy has one row of logits per position t and previous
token (row 0 for the start), so its parameters have shape (length, vocab + 1, vocab).
Small tasks are handled by enumerating every sentence as a row of an int array;
sampling draws whole batches token by token.
"""
import numpy as np


def log_softmax(z):
    """Numerically stable log-softmax over the last axis."""
    m = z.max(axis=-1, keepdims=True)
    s = z - m
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def all_sentences(vocab, length):
    """Every sentence of `length` tokens, lexicographic order, shape (vocab**length, length)."""
    grids = np.indices((vocab,) * length).reshape(length, -1).T
    return np.ascontiguousarray(grids)


def previous_rows(y):
    """Row index (previous token + 1, or 0 at the start) for every position of y (..., length)."""
    prev = np.zeros_like(y)
    prev[..., 1:] = y[..., :-1] + 1
    return prev


class TokenPolicy:
    """pi(y_t | y_<t) = softmax(theta[t, previous token + 1])."""

    def __init__(self, vocab, length, theta=None):
        self.vocab, self.length = vocab, length
        self.theta = np.zeros((length, vocab + 1, vocab)) if theta is None else np.asarray(theta, float)

    @property
    def size(self):
        return self.theta.size

    def with_theta(self, flat):
        return TokenPolicy(self.vocab, self.length, np.reshape(flat, self.theta.shape))

    def token_logprobs(self, y):
        """log pi(. | y_<t) for each sentence and position: shape (N, T, vocab)."""
        t = np.arange(y.shape[1])
        return log_softmax(self.theta[t, previous_rows(y)])

    def logprob(self, y):
        """log pi(y) for each sentence (N,)."""
        lp = self.token_logprobs(y)
        return np.take_along_axis(lp, y[..., None], axis=-1)[..., 0].sum(axis=1)

    def step_scores(self, y):
        """grad_theta log pi(y_t | y_<t) for every sentence and step: shape (N, T, P)."""
        n, T = y.shape
        probs = np.exp(self.token_logprobs(y))
        d = -probs
        d[np.arange(n)[:, None], np.arange(T)[None, :], y] += 1.0
        out = np.zeros((n, T, T, self.vocab + 1, self.vocab))
        out[np.arange(n)[:, None], np.arange(T)[None, :], np.arange(T)[None, :], previous_rows(y)] = d
        return out.reshape(n, T, -1)

    def sample(self, n, rng, prefix=()):
        """n sentences drawn token by token, continuing a fixed prefix."""
        y = np.empty((n, self.length), dtype=int)
        y[:, :len(prefix)] = prefix
        for t in range(len(prefix), self.length):
            prev = y[:, t - 1] + 1 if t > 0 else np.zeros(n, dtype=int)
            p = np.exp(log_softmax(self.theta[t, prev]))
            u = rng.random((n, 1))
            y[:, t] = np.minimum((p.cumsum(axis=1) < u).sum(axis=1), self.vocab - 1)
        return y


def matches_reward(target):
    """Fraction of tokens equal to the target, paid at the last token (sparse)."""
    target = np.asarray(target)
    return lambda y: (y == target).mean(axis=-1)


def sparse_rewards(y, reward):
    """Per-step rewards (N, T): zero everywhere but the last token."""
    r = np.zeros(y.shape)
    r[:, -1] = reward(y)
    return r


def discounted_return(r, gamma):
    """sum_t gamma^t r_t for each row of r (N, T)."""
    return r @ gamma ** np.arange(r.shape[1])


def reward_to_go(r, gamma=1.0):
    """sum_{t' >= t} gamma^{t'} r_{t'} (discounted from the start), shape (N, T)."""
    w = r * gamma ** np.arange(r.shape[1])
    return np.cumsum(w[:, ::-1], axis=1)[:, ::-1]


def exact(policy, rewards_fn, gamma=1.0):
    """Exact J and grad J by enumerating every sentence; rewards_fn(y) gives (N, T) rewards."""
    y = all_sentences(policy.vocab, policy.length)
    p = np.exp(policy.logprob(y))
    R = discounted_return(rewards_fn(y), gamma)
    score = policy.step_scores(y).sum(axis=1)
    return p @ R, (p * R) @ score, len(y)


def finite_difference_gradient(theta, f, h=1e-5):
    """Central differences of f at theta (flat)."""
    theta = np.asarray(theta, float).ravel()
    g = np.empty_like(theta)
    for i in range(theta.size):
        up, down = theta.copy(), theta.copy()
        up[i] += h
        down[i] -= h
        g[i] = (f(up) - f(down)) / (2 * h)
    return g


def moments(p, g):
    """E[g] and the total variance E||g - Eg||^2 under probabilities p (N,), g (N, P)."""
    mean = p @ g
    return mean, p @ (g * g).sum(axis=1) - mean @ mean


def prefix_values(policy, rewards, p, y, gamma=1.0, discount_from_now=False):
    """Exact expected future reward after each step's prefix, by enumeration.

    Returns V (N, T): V[n, t] = E[sum_{t' >= t} w r_{t'} | y_<t] and
    Q (N, T): Q[n, t] = E[sum_{t' >= t} w r_{t'} | y_<=t], for the enumerated
    sentences y in lexicographic order (so a prefix of length k is a block of
    vocab**(T-k) consecutive rows). w = gamma^{t'} or gamma^{t'-t}.
    """
    n, T = y.shape
    V = np.empty((n, T))
    Q = np.empty((n, T))
    for t in range(T):
        if discount_from_now:
            rtg = rewards[:, t:] @ gamma ** np.arange(T - t)
        else:
            rtg = rewards[:, t:] @ gamma ** np.arange(t, T)
        for k, out in ((t, V), (t + 1, Q)):
            block = policy.vocab ** (T - k)
            pb = p.reshape(-1, block)
            cond = (pb * rtg.reshape(-1, block)).sum(axis=1) / pb.sum(axis=1)
            out[:, t] = np.repeat(cond, block)
    return V, Q


def check(name, ok):
    """Print a pass/fail line and count the result."""
    check.results.append(bool(ok))
    print(("PASS " if ok else "FAIL ") + name)
    return ok


check.results = []


def check_close(name, actual, expected, tol):
    return check(name, np.max(np.abs(np.asarray(actual) - np.asarray(expected))) <= tol)


def check_estimate(name, samples, expected, sigmas=4.0):
    """Every component of the sample mean lies within `sigmas` standard errors of the exact value."""
    s = np.asarray(samples, float)
    mean = s.mean(axis=0)
    se = s.std(axis=0, ddof=1) / np.sqrt(len(s))
    err = np.abs(mean - expected)
    return check(name, np.all((err <= sigmas * se) | (err <= 1e-12)))
