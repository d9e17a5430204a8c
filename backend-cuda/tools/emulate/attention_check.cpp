// Runs attention.cu's kernels on the host (fake/: one emulated block of 256 threads, as FusedOps launches, and of 64 for the
// tiled kernels, 128 for the tiled backward of 64 features) against a plain
// double-precision rendering of the SPI's attention contract: forward, lse, and the three gradients,
// for float64, float32, float16 and bfloat16, with and without causal masking, additive masks with broadcast strides, a
// fully masked row (NaN, as the composition), and E, Ev up to 32 * MAXF. Built and run by ../emulate-kernels.
#include <cstdio>
#include <random>
#include <type_traits>
#include <vector>
#include "attention.cu"
#include "check.h"

static int tiled = 0;  // cases that also ran the tiled forward

struct Case { long long b, l, s, e, ev; int causal; int mask; };  // mask: 0 none, 1 per-batch float, 2 [L, S] broadcast with a dead row

template <typename T> static void run(const Case& c, double tol) {
    typedef typename Acc<T>::type A;
    std::mt19937_64 rng(c.b * 1000 + c.l * 100 + c.s * 10 + c.e + c.mask);
    std::normal_distribution<double> nd;
    auto rnd = [&](long long n) { std::vector<double> v(n); for (auto& x : v) x = nd(rng); return rounded<T>(v); };
    std::vector<double> q = rnd(c.b * c.l * c.e), k = rnd(c.b * c.s * c.e), v = rnd(c.b * c.s * c.ev), g = rnd(c.b * c.l * c.ev);
    long long msb = 0, msl = 0, mss = 0;
    std::vector<double> mask;
    if (c.mask == 1) { mask = rnd(c.b * c.l * c.s); msb = c.l * c.s; msl = c.s; mss = 1; }
    if (c.mask == 2) {
        mask = rnd(c.l * c.s); msl = c.s; mss = 1;
        for (long long j = 0; j < c.s; j++) mask[1 * c.s + j] = -INFINITY;  // row 1 sees no key
        mask[2 * c.s + 0] = -INFINITY;
    }
    double scale = 1 / std::sqrt((double)c.e);
    // reference, in double
    std::vector<double> out(c.b * c.l * c.ev), lse(c.b * c.l), dq(q.size()), dk(k.size()), dv(v.size());
    for (long long b = 0; b < c.b; b++) for (long long i = 0; i < c.l; i++) {
        std::vector<double> x(c.s), p(c.s), dp(c.s);
        double mx = -INFINITY;
        for (long long j = 0; j < c.s; j++) {
            double d = 0;
            for (long long f = 0; f < c.e; f++) d += q[(b * c.l + i) * c.e + f] * k[(b * c.s + j) * c.e + f];
            x[j] = d * scale + (c.mask ? mask[b * msb + i * msl + j * mss] : 0);
            if (c.causal && j > i) x[j] = -INFINITY;
            mx = std::fmax(mx, x[j]);
        }
        double m = std::isinf(mx) ? 0 : mx, sum = 0;
        for (long long j = 0; j < c.s; j++) sum += std::exp(x[j] - m);
        lse[b * c.l + i] = m + std::log(sum);
        double dsum = 0;
        for (long long j = 0; j < c.s; j++) {
            p[j] = std::exp(x[j] - m) / sum;
            double d = 0;
            for (long long f = 0; f < c.ev; f++) {
                out[(b * c.l + i) * c.ev + f] += p[j] * v[(b * c.s + j) * c.ev + f];
                d += g[(b * c.l + i) * c.ev + f] * v[(b * c.s + j) * c.ev + f];
            }
            dp[j] = d;
            dsum += p[j] * d;
        }
        for (long long j = 0; j < c.s; j++) {
            double ds = p[j] * (dp[j] - dsum);
            for (long long f = 0; f < c.e; f++) {
                dq[(b * c.l + i) * c.e + f] += scale * ds * k[(b * c.s + j) * c.e + f];
                dk[(b * c.s + j) * c.e + f] += scale * ds * q[(b * c.l + i) * c.e + f];
            }
            for (long long f = 0; f < c.ev; f++) dv[(b * c.s + j) * c.ev + f] += p[j] * g[(b * c.l + i) * c.ev + f];
        }
    }
    // the kernels
    std::vector<T> tq = typed<T>(q), tk = typed<T>(k), tv = typed<T>(v), tg = typed<T>(g), tm = typed<T>(mask), tout(out.size()), tdq(q.size()),
            tdk(k.size()), tdv(v.size());
    std::vector<A> tlse(lse.size()), dsums(lse.size());
    const T* mp = c.mask ? tm.data() : nullptr;
    runBlock(256, [&] { attentionK<T>(c.b, c.l, c.s, c.e, c.ev, scale, c.causal, mp, msb, msl, mss, tout.data(), tlse.data(), tq.data(), tk.data(), tv.data()); });
    runBlock(256, [&] { attentionDqK<T>(c.b, c.l, c.s, c.e, c.ev, scale, c.causal, mp, msb, msl, mss, tdq.data(), dsums.data(), tg.data(), tq.data(), tk.data(), tv.data(), tout.data(), tlse.data()); });
    runBlock(256, [&] { attentionDkvK<T>(c.b, c.l, c.s, c.e, c.ev, scale, c.causal, mp, msb, msl, mss, tdk.data(), tdv.data(), tg.data(), tq.data(), tk.data(), tv.data(), tlse.data(), dsums.data()); });
    std::vector<double> glse(tlse.begin(), tlse.end());
    char ctx[96];
    std::snprintf(ctx, sizeof ctx, "(b=%lld l=%lld s=%lld e=%lld ev=%lld causal=%d mask=%d)", c.b, c.l, c.s, c.e, c.ev, c.causal, c.mask);
    expectClose("out", ctx, out, back(tout), tol);
    expectClose("lse", ctx, lse, glse, tol);
    if (!std::is_same<A, double>::value && c.e <= 64 && c.ev <= 64) {
        // the tiled forward FusedOps takes for these heads: one block of TILE_ROWS threads walking every row block
        std::vector<T> tiledOut(out.size());
        std::vector<float> tiledLse(lse.size());
        if (c.e <= 32 && c.ev <= 32) {
            runBlock(TILE_ROWS, [&] { attentionTiledK<T, 32>(c.b, c.l, c.s, c.e, c.ev, scale, c.causal, mp, msb, msl, mss, tiledOut.data(),
                                                             tiledLse.data(), tq.data(), tk.data(), tv.data()); });
        } else {
            runBlock(TILE_ROWS, [&] { attentionTiledK<T, 64>(c.b, c.l, c.s, c.e, c.ev, scale, c.causal, mp, msb, msl, mss, tiledOut.data(),
                                                             tiledLse.data(), tq.data(), tk.data(), tv.data()); });
        }
        expectClose("tiled out", ctx, out, back(tiledOut), tol);
        expectClose("tiled lse", ctx, lse, std::vector<double>(tiledLse.begin(), tiledLse.end()), tol);
        // the tiled backward from the tiled forward's out and lse: a thread per row for 32 features, a pair for 64
        std::vector<T> tiledDq(q.size()), tiledDk(k.size()), tiledDv(v.size());
        std::vector<float> tiledDsum(lse.size());
        if (c.e <= 32 && c.ev <= 32) {
            runBlock(TILE_ROWS, [&] { attentionDqTiledK<T, 32>(c.b, c.l, c.s, c.e, c.ev, scale, c.causal, mp, msb, msl, mss, tiledDq.data(),
                                                               tiledDsum.data(), tg.data(), tq.data(), tk.data(), tv.data(), tiledOut.data(),
                                                               tiledLse.data()); });
            runBlock(TILE_ROWS, [&] { attentionDkvTiledK<T, 32>(c.b, c.l, c.s, c.e, c.ev, scale, c.causal, mp, msb, msl, mss, tiledDk.data(),
                                                                tiledDv.data(), tg.data(), tq.data(), tk.data(), tv.data(), tiledLse.data(),
                                                                tiledDsum.data()); });
        } else {
            runBlock(2 * TILE_ROWS, [&] { attentionDqTiledK<T, 64>(c.b, c.l, c.s, c.e, c.ev, scale, c.causal, mp, msb, msl, mss, tiledDq.data(),
                                                                   tiledDsum.data(), tg.data(), tq.data(), tk.data(), tv.data(), tiledOut.data(),
                                                                   tiledLse.data()); });
            runBlock(2 * TILE_ROWS, [&] { attentionDkvTiledK<T, 64>(c.b, c.l, c.s, c.e, c.ev, scale, c.causal, mp, msb, msl, mss, tiledDk.data(),
                                                                    tiledDv.data(), tg.data(), tq.data(), tk.data(), tv.data(), tiledLse.data(),
                                                                    tiledDsum.data()); });
        }
        expectClose("tiled dq", ctx, dq, back(tiledDq), tol);
        expectClose("tiled dk", ctx, dk, back(tiledDk), tol);
        expectClose("tiled dv", ctx, dv, back(tiledDv), tol);
        tiled++;
    }
    expectClose("dq", ctx, dq, back(tdq), tol);
    expectClose("dk", ctx, dk, back(tdk), tol);
    expectClose("dv", ctx, dv, back(tdv), tol);
}

int main() {
    std::vector<Case> cases = {{2, 5, 7, 3, 4, 0, 0}, {1, 9, 6, 40, 33, 1, 0}, {3, 4, 5, 70, 2, 0, 1}, {2, 6, 6, 8, 8, 0, 2},
                               {1, 3, 300, 256, 256, 0, 0}, {2, 40, 40, 64, 64, 1, 0}, {1, 12, 5, 16, 16, 1, 0},
                               {2, 70, 45, 20, 24, 1, 0}, {1, 66, 33, 40, 64, 0, 1}};  // two row blocks, two key tiles
    for (const Case& c : cases) {
        run<double>(c, 1e-12);
        run<float>(c, 2e-5);
        run<f16>(c, 3e-3);   // operands and results rounded to float16, arithmetic in float
        run<bf16>(c, 2e-2);
    }
    std::printf("attention kernels on the emulated block: %zu cases x 4 dtypes x 5 results, %d tiled forwards and backwards, %d failures\n",
                cases.size(), tiled, failures);
    return failures == 0 ? 0 : 1;
}
