#!/usr/bin/env python3
"""REINFORCE with reward to go on CartPole in numpy: the reference bench/engine
compares the engine against. Same loop and constants as bench/EngineBench/main.swift
and bench/reference/reinforce.c (see there), vectorised the way numpy is fast: the
episodes of a batch step in lock-step, the policy's forward pass is one
(B, 4) @ (4, 64) product per time step, and the backward pass is three products
over all N steps of the batch.

Usage: python3 bench/reference/reinforce_numpy.py --seed 1 [--updates 60] [--batch 16] [--gamma 1.0] [--lr 0.01]
Prints: episodes_per_second=<x> env_steps_per_second=<y> final_avg_return=<z>
"""
import argparse
import math
import time

import numpy as np

GRAVITY, MASS_CART, MASS_POLE, HALF_LENGTH, FORCE, TAU = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
TOTAL, POLE_MOMENT = MASS_CART + MASS_POLE, MASS_POLE * HALF_LENGTH
THETA_LIMIT, X_LIMIT, MAX_STEPS, HIDDEN = 12 * 2 * math.pi / 360, 2.4, 500, 64


def cartpole_step(s, a):
    """Steps the rows of s (n, 4) with actions a (n,) in place; returns which episodes ended."""
    force = np.where(a == 1, FORCE, -FORCE)
    c, sn = np.cos(s[:, 2]), np.sin(s[:, 2])
    temp = (force + POLE_MOMENT * s[:, 3] ** 2 * sn) / TOTAL
    theta_acc = (GRAVITY * sn - c * temp) / (HALF_LENGTH * (4.0 / 3.0 - MASS_POLE * c * c / TOTAL))
    x_acc = temp - POLE_MOMENT * theta_acc * c / TOTAL
    s[:, 0] += TAU * s[:, 1]
    s[:, 1] += TAU * x_acc
    s[:, 2] += TAU * s[:, 3]
    s[:, 3] += TAU * theta_acc
    return (np.abs(s[:, 0]) > X_LIMIT) | (np.abs(s[:, 2]) > THETA_LIMIT)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--updates", type=int, default=60)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--gamma", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=1e-2)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    b1, b2 = 1 / math.sqrt(4), 1 / math.sqrt(HIDDEN)
    params = [rng.uniform(-b1, b1, (4, HIDDEN)), rng.uniform(-b1, b1, HIDDEN),
              rng.uniform(-b2, b2, (HIDDEN, 2)), rng.uniform(-b2, b2, 2)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1_t = beta2_t = 1.0

    episodes = steps = 0
    last_average = 0.0
    start = time.perf_counter()
    for _ in range(args.updates):
        w1, c1, w2, c2 = params
        s = rng.uniform(-0.05, 0.05, (args.batch, 4))
        alive = np.arange(args.batch)
        obs, hid, prob, act, who = [], [], [], [], []
        for _ in range(MAX_STEPS):
            h = np.tanh(s @ w1 + c1)
            z = h @ w2 + c2
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            a = (rng.random(len(alive)) < p[:, 1]).astype(np.int64)
            obs.append(s.copy()); hid.append(h); prob.append(p); act.append(a); who.append(alive)
            ended = cartpole_step(s, a)
            s, alive = s[~ended], alive[~ended]
            if len(alive) == 0:
                break
        # Reward to go per episode: G_t = 1 + gamma G_{t+1}, computed backwards over time.
        g = np.zeros(args.batch)
        rtg = [None] * len(who)
        for t in range(len(who) - 1, -1, -1):
            g_t = np.zeros(args.batch)
            g_t[who[t]] = 1 + args.gamma * g[who[t]]
            g = g_t
            rtg[t] = g_t[who[t]]
        lengths = np.bincount(np.concatenate(who), minlength=args.batch)
        n = int(lengths.sum())
        episodes += args.batch
        steps += n
        last_average = float(lengths.mean())

        x, h, p, a, ret = (np.concatenate(obs), np.concatenate(hid), np.concatenate(prob),
                           np.concatenate(act), np.concatenate(rtg))
        dz = p.copy()
        dz[np.arange(n), a] -= 1.0
        dz *= (ret / n)[:, None]  # dL/dz = -(G_t / N)(onehot(a_t) - pi)
        dh = (dz @ w2.T) * (1 - h * h)
        grads = [x.T @ dh, dh.sum(axis=0), h.T @ dz, dz.sum(axis=0)]
        beta1_t *= 0.9
        beta2_t *= 0.999
        for i, grad in enumerate(grads):
            m[i] = 0.9 * m[i] + 0.1 * grad
            v[i] = 0.999 * v[i] + 0.001 * grad * grad
            params[i] = params[i] - args.lr * (m[i] / (1 - beta1_t)) / (np.sqrt(v[i] / (1 - beta2_t)) + 1e-8)
    seconds = time.perf_counter() - start
    print(f"episodes_per_second={episodes / seconds:.2f} env_steps_per_second={steps / seconds:.1f} "
          f"final_avg_return={last_average:.2f}")


if __name__ == "__main__":
    main()
