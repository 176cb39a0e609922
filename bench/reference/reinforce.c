/* REINFORCE with reward to go on CartPole, in plain C on one thread: the speed
 * limit bench/engine compares the engine against. Same loop and constants as
 * bench/EngineBench/main.swift and bench/reference/reinforce_numpy.py:
 *   CartPole (Gymnasium CartPole-v1 constants, Euler steps, reward 1 per step,
 *   end when |x| > 2.4 or |theta| > 12 degrees, truncated at 500 steps, start ~ U(-0.05, 0.05)^4);
 *   policy 4 -> 64 (tanh) -> 2 logits -> softmax, PyTorch's default init U(-1/sqrt(fan_in), 1/sqrt(fan_in));
 *   loss = -(1/N) sum_t G_t log pi(a_t|s_t) over the N steps of a batch, G_t the reward to go;
 *   one Adam step per batch (lr 1e-2, betas 0.9/0.999, eps 1e-8); double precision.
 * Random numbers: xoshiro256** seeded through splitmix64, so trajectories differ
 * from the engine's; compare steps per second, not returns.
 *
 * Build: cc -O2 -o reinforce bench/reference/reinforce.c -lm
 * Run:   ./reinforce --seed 1 [--updates 60] [--batch 16] [--gamma 1.0] [--lr 0.01]
 * Prints: episodes_per_second=<x> env_steps_per_second=<y> final_avg_return=<z>
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { IN = 4, HID = 64, OUT = 2, MAX_STEPS = 500 };
enum { NW1 = IN * HID, NB1 = HID, NW2 = HID * OUT, NB2 = OUT, NPARAM = NW1 + NB1 + NW2 + NB2 };

/* xoshiro256** */
static uint64_t state[4];
static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next_u64(void) {
    uint64_t result = rotl(state[1] * 5, 7) * 9, t = state[1] << 17;
    state[2] ^= state[0]; state[3] ^= state[1]; state[1] ^= state[2]; state[0] ^= state[3];
    state[2] ^= t; state[3] = rotl(state[3], 45);
    return result;
}
static void seed_rng(uint64_t seed) {
    for (int i = 0; i < 4; i++) {
        uint64_t z = (seed += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        state[i] = z ^ (z >> 31);
    }
}
static double uniform(double lo, double hi) { return lo + (hi - lo) * ((double)(next_u64() >> 11) * 0x1.0p-53); }

/* Parameters in one array: W1[IN][HID], b1[HID], W2[HID][OUT], b2[OUT]; Adam's moments beside them. */
static double P[NPARAM], G[NPARAM], M[NPARAM], V[NPARAM];
static double *const W1 = P, *const B1 = P + NW1, *const W2 = P + NW1 + NB1, *const B2 = P + NW1 + NB1 + NW2;

/* One CartPole step from s with action a; returns 1 when the episode ends. */
static int cartpole_step(double s[4], int a) {
    const double gravity = 9.8, mass_cart = 1.0, mass_pole = 0.1, half_length = 0.5, force_mag = 10.0, tau = 0.02;
    const double total = mass_cart + mass_pole, pole_moment = mass_pole * half_length;
    double force = a == 1 ? force_mag : -force_mag, c = cos(s[2]), sn = sin(s[2]);
    double temp = (force + pole_moment * s[3] * s[3] * sn) / total;
    double theta_acc = (gravity * sn - c * temp) / (half_length * (4.0 / 3.0 - mass_pole * c * c / total));
    double x_acc = temp - pole_moment * theta_acc * c / total;
    s[0] += tau * s[1]; s[1] += tau * x_acc; s[2] += tau * s[3]; s[3] += tau * theta_acc;
    return fabs(s[0]) > 2.4 || fabs(s[2]) > 12 * 2 * M_PI / 360;
}

/* h = tanh(W1^T s + b1), p = softmax(W2^T h + b2) */
static void forward(const double *s, double *h, double *p) {
    for (int j = 0; j < HID; j++) {
        double z = B1[j];
        for (int i = 0; i < IN; i++) z += s[i] * W1[i * HID + j];
        h[j] = tanh(z);
    }
    double z[OUT];
    for (int k = 0; k < OUT; k++) {
        z[k] = B2[k];
        for (int j = 0; j < HID; j++) z[k] += h[j] * W2[j * OUT + k];
    }
    double m = z[0] > z[1] ? z[0] : z[1], e0 = exp(z[0] - m), e1 = exp(z[1] - m);
    p[0] = e0 / (e0 + e1); p[1] = e1 / (e0 + e1);
}

/* Adds to G the gradient through one step, given dL/dlogits. */
static void backward(const double *s, const double *h, const double *dz) {
    double dh[HID];
    for (int k = 0; k < OUT; k++) G[NW1 + NB1 + NW2 + k] += dz[k];
    for (int j = 0; j < HID; j++) {
        double back = 0;
        for (int k = 0; k < OUT; k++) {
            G[NW1 + NB1 + j * OUT + k] += h[j] * dz[k];
            back += W2[j * OUT + k] * dz[k];
        }
        dh[j] = back * (1 - h[j] * h[j]);
    }
    for (int j = 0; j < HID; j++) G[NW1 + j] += dh[j];
    for (int i = 0; i < IN; i++)
        for (int j = 0; j < HID; j++) G[i * HID + j] += s[i] * dh[j];
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int main(int argc, char **argv) {
    uint64_t seed = 0;
    int updates = 60, batch = 16;
    double gamma = 1.0, lr = 1e-2;
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && !strcmp(argv[i], "--seed")) seed = strtoull(argv[++i], 0, 10);
        else if (i + 1 < argc && !strcmp(argv[i], "--updates")) updates = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--batch")) batch = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--gamma")) gamma = atof(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--lr")) lr = atof(argv[++i]);
        else { fprintf(stderr, "unknown argument %s\n", argv[i]); return 2; }
    }
    seed_rng(seed);
    double bound1 = 1 / sqrt(IN), bound2 = 1 / sqrt(HID);
    for (int i = 0; i < NW1 + NB1; i++) P[i] = uniform(-bound1, bound1);
    for (int i = NW1 + NB1; i < NPARAM; i++) P[i] = uniform(-bound2, bound2);

    int cap = batch * MAX_STEPS;
    double *obs = malloc(sizeof(double) * cap * IN), *hid = malloc(sizeof(double) * cap * HID);
    double *prob = malloc(sizeof(double) * cap * OUT), *ret = malloc(sizeof(double) * cap);
    int *act = malloc(sizeof(int) * cap);
    if (!obs || !hid || !prob || !ret || !act) { fprintf(stderr, "out of memory\n"); return 1; }

    long episodes = 0, steps = 0;
    double last_average = 0, b1t = 1, b2t = 1, t0 = now();
    for (int u = 0; u < updates; u++) {
        int n = 0;
        double return_sum = 0;
        for (int e = 0; e < batch; e++) {
            double s[4];
            for (int i = 0; i < 4; i++) s[i] = uniform(-0.05, 0.05);
            int start = n;
            for (int t = 0; t < MAX_STEPS; t++) {
                forward(s, hid + n * HID, prob + n * OUT);
                int a = uniform(0, 1) < prob[n * OUT + 1];
                memcpy(obs + n * IN, s, sizeof s);
                act[n++] = a;
                if (cartpole_step(s, a)) break;
            }
            double running = 0;  /* reward to go G_t = 1 + gamma G_{t+1} */
            for (int i = n - 1; i >= start; i--) ret[i] = running = 1 + gamma * running;
            return_sum += n - start;
        }
        episodes += batch;
        steps += n;
        last_average = return_sum / batch;

        /* dL/dz = -(G_t / N)(onehot(a_t) - pi) */
        memset(G, 0, sizeof G);
        for (int i = 0; i < n; i++) {
            double dz[OUT];
            for (int k = 0; k < OUT; k++) dz[k] = -ret[i] / n * ((act[i] == k) - prob[i * OUT + k]);
            backward(obs + i * IN, hid + i * HID, dz);
        }
        b1t *= 0.9; b2t *= 0.999;
        for (int i = 0; i < NPARAM; i++) {
            M[i] = 0.9 * M[i] + 0.1 * G[i];
            V[i] = 0.999 * V[i] + 0.001 * G[i] * G[i];
            P[i] -= lr * (M[i] / (1 - b1t)) / (sqrt(V[i] / (1 - b2t)) + 1e-8);
        }
    }
    double dt = now() - t0;
    printf("episodes_per_second=%.2f env_steps_per_second=%.1f final_avg_return=%.2f\n",
           episodes / dt, steps / dt, last_average);
    free(obs); free(hid); free(prob); free(ret); free(act);
    return 0;
}
