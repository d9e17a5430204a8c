// Runs fused.cu's softmax, layer-norm and batch-norm kernels on the host (fake/: one emulated block with
// FusedOps' launch shapes: 256 threads with a warp per line up to 1024 elements, else 512 with a block per
// line; 512 for the layer norm's column sums, 256 for batch norm) against plain double-precision renderings of the
// SPI hooks' contracts (the CPU backend's rules: an infinite maximum counts as 0, NaN spoils its line).
// Built and run by ../emulate-kernels.
#include <cstdio>
#include <random>
#include "fused.cu"
#include "check.h"

static std::mt19937_64 rng(42);
static std::vector<double> normal(size_t n, double scale) {
    std::normal_distribution<double> nd;
    std::vector<double> v(n);
    for (auto& x : v) x = scale * nd(rng);
    return v;
}

template <typename T> static void softmaxCase(long long rows, long long n, int isLog, double tol) {
    char ctx[64];
    std::snprintf(ctx, sizeof ctx, "%s rows=%lld n=%lld", isLog ? "log" : "", rows, n);
    std::vector<double> x = rounded<T>(normal(rows * n, 3)), y(rows * n), g = rounded<T>(normal(rows * n, 1)), gi(rows * n);
    if (rows > 1) for (long long j = 0; j < n; j++) x[n + j] = -INFINITY;    // a line of -inf: NaN
    if (rows > 2) x[2 * n + n / 2] = NAN;                                      // NaN spoils its line
    for (long long r = 0; r < rows; r++) {
        double mx = -INFINITY;
        for (long long j = 0; j < n; j++) mx = std::isnan(x[r * n + j]) || std::isnan(mx) ? NAN : std::fmax(mx, x[r * n + j]);
        double m = std::isinf(mx) ? 0 : mx, sum = 0;
        for (long long j = 0; j < n; j++) sum += std::exp(x[r * n + j] - m);
        for (long long j = 0; j < n; j++) y[r * n + j] = isLog ? x[r * n + j] - m - std::log(sum) : std::exp(x[r * n + j] - m) / sum;
    }
    std::vector<double> yr = rounded<T>(y);   // the backward reads the forward's rounded output
    for (long long r = 0; r < rows; r++) {
        double s = 0;
        for (long long j = 0; j < n; j++) s += isLog ? g[r * n + j] : g[r * n + j] * yr[r * n + j];
        for (long long j = 0; j < n; j++) gi[r * n + j] = isLog ? g[r * n + j] - std::exp(yr[r * n + j]) * s : yr[r * n + j] * (g[r * n + j] - s);
    }
    std::vector<T> tx = typed<T>(x), ty(rows * n), tg = typed<T>(g), tyr = typed<T>(yr), tgi(rows * n);
    unsigned threads = n <= 1024 ? 256 : 512;
    int group = n <= 1024 ? 32 : (int)threads;
    runBlock(threads, [&] { softmaxK<T>(rows, n, group, isLog, ty.data(), tx.data()); });
    runBlock(threads, [&] { softmaxBackwardK<T>(rows, n, group, isLog, tgi.data(), tg.data(), tyr.data()); });
    expectClose("softmax", ctx, y, back(ty), tol);
    expectClose("softmax backward", ctx, gi, back(tgi), tol);
}

template <typename T> static void layerNormCase(long long rows, long long n, bool affine, double tol) {
    char ctx[64];
    std::snprintf(ctx, sizeof ctx, "rows=%lld n=%lld affine=%d", rows, n, affine);
    double eps = 1e-5;
    std::vector<double> x = rounded<T>(normal(rows * n, 2)), w = rounded<T>(normal(n, 1)), b = rounded<T>(normal(n, 1));
    std::vector<double> g = rounded<T>(normal(rows * n, 1));
    for (long long j = 0; j < n; j++) x[j] += 100;   // a large mean against the spread
    std::vector<double> y(rows * n), mean(rows), rstd(rows), gi(rows * n), gw(n), gb(n);
    for (long long r = 0; r < rows; r++) {
        double s = 0, q = 0;
        for (long long j = 0; j < n; j++) s += x[r * n + j];
        double mu = s / n;
        for (long long j = 0; j < n; j++) q += (x[r * n + j] - mu) * (x[r * n + j] - mu);
        double rs = 1 / std::sqrt(q / n + eps);
        mean[r] = mu;
        rstd[r] = rs;
        for (long long j = 0; j < n; j++) y[r * n + j] = (x[r * n + j] - mu) * rs * (affine ? w[j] : 1) + (affine ? b[j] : 0);
    }
    std::vector<double> mr = rounded<T>(mean), rr = rounded<T>(rstd);
    for (long long r = 0; r < rows; r++) {
        double a = 0, c = 0;
        for (long long j = 0; j < n; j++) {
            double gwj = g[r * n + j] * (affine ? w[j] : 1), xh = (x[r * n + j] - mr[r]) * rr[r];
            a += gwj;
            c += gwj * xh;
        }
        for (long long j = 0; j < n; j++) {
            double gwj = g[r * n + j] * (affine ? w[j] : 1), xh = (x[r * n + j] - mr[r]) * rr[r];
            gi[r * n + j] = rr[r] * (gwj - a / n - xh * c / n);
            gw[j] += g[r * n + j] * xh;
            gb[j] += g[r * n + j];
        }
    }
    std::vector<T> tx = typed<T>(x), tw = typed<T>(w), tb = typed<T>(b), tg = typed<T>(g), ty(rows * n), tm(rows), tr(rows),
            tmr = typed<T>(mr), trr = typed<T>(rr), tgi(rows * n), tgw(n), tgb(n);
    unsigned threads = n <= 1024 ? 256 : 512;
    int group = n <= 1024 ? 32 : (int)threads;
    const T* pw = affine ? tw.data() : nullptr;
    runBlock(threads, [&] { layerNormK<T>(rows, n, group, eps, ty.data(), tm.data(), tr.data(), tx.data(), pw, affine ? tb.data() : nullptr); });
    runBlock(threads, [&] { layerNormBackwardK<T>(rows, n, group, tgi.data(), tg.data(), tx.data(), tmr.data(), trr.data(), pw); });
    runBlock(512, [&] { layerNormParamGradK<T>(rows, n, tgw.data(), tgb.data(), tg.data(), tx.data(), tmr.data(), trr.data()); });
    expectClose("layer norm", ctx, y, back(ty), tol);
    expectClose("layer norm mean", ctx, mean, back(tm), tol);
    expectClose("layer norm rstd", ctx, rstd, back(tr), tol);
    expectClose("layer norm backward", ctx, gi, back(tgi), tol * 10);
    expectClose("layer norm weight gradient", ctx, gw, back(tgw), tol);
    expectClose("layer norm bias gradient", ctx, gb, back(tgb), tol);
}

template <typename T> static void batchNormCase(long long n, long long c, long long p, bool affine, double tol) {
    char ctx[64];
    std::snprintf(ctx, sizeof ctx, "n=%lld c=%lld p=%lld affine=%d", n, c, p, affine);
    double eps = 1e-5;
    long long total = n * c * p;
    std::vector<double> x = rounded<T>(normal(total, 2)), w = rounded<T>(normal(c, 1)), b = rounded<T>(normal(c, 1)), g = rounded<T>(normal(total, 1));
    std::vector<double> y(total), mean(c), var(c), gi(total), gw(c), gb(c), invstd(c);
    for (long long ch = 0; ch < c; ch++) {
        double s = 0, q = 0, cnt = (double)n * p;
        for (long long i = 0; i < n; i++) for (long long j = 0; j < p; j++) s += x[(i * c + ch) * p + j];
        double mu = s / cnt;
        for (long long i = 0; i < n; i++) for (long long j = 0; j < p; j++) q += (x[(i * c + ch) * p + j] - mu) * (x[(i * c + ch) * p + j] - mu);
        mean[ch] = mu;
        var[ch] = q / cnt;
        invstd[ch] = 1 / std::sqrt(var[ch] + eps);
        for (long long i = 0; i < n; i++) for (long long j = 0; j < p; j++) {
            long long at = (i * c + ch) * p + j;
            y[at] = (x[at] - mu) * invstd[ch] * (affine ? w[ch] : 1) + (affine ? b[ch] : 0);
        }
    }
    std::vector<double> mr = rounded<T>(mean), ir = rounded<T>(invstd);
    for (long long ch = 0; ch < c; ch++) {
        double s = 0, d = 0, cnt = (double)n * p;
        for (long long i = 0; i < n; i++) for (long long j = 0; j < p; j++) {
            long long at = (i * c + ch) * p + j;
            s += g[at];
            d += (x[at] - mr[ch]) * g[at];
        }
        gw[ch] = d * ir[ch];
        gb[ch] = s;
        for (long long i = 0; i < n; i++) for (long long j = 0; j < p; j++) {
            long long at = (i * c + ch) * p + j;
            gi[at] = (g[at] - s / cnt - (x[at] - mr[ch]) * d * ir[ch] * ir[ch] / cnt) * ir[ch] * (affine ? w[ch] : 1);
        }
    }
    std::vector<T> tx = typed<T>(x), tw = typed<T>(w), tb = typed<T>(b), tg = typed<T>(g), ty(total), tm(c), tv(c), tmr = typed<T>(mr),
            tir = typed<T>(ir), tgi(total), tgw(c), tgb(c);
    const T* pw = affine ? tw.data() : nullptr;
    // FusedOps.Slabs' split, here three slabs per channel cut inside planes; one block walks every (channel, slab)
    long long slabs = 3, len = (n * p + slabs - 1) / slabs;
    std::vector<double> partial(2 * c * slabs);
    runBlock(256, [&] { batchNormStatsK<T>(n, c, p, slabs, len, partial.data(), tx.data()); });
    runBlock(256, [&] { batchNormApplyK<T, T>(n, c, p, slabs, len, eps, ty.data(), tm.data(), tv.data(), partial.data(), tx.data(), pw,
                                             affine ? tb.data() : nullptr); });
    runBlock(256, [&] { batchNormBackwardSumsK<T, T>(n, c, p, slabs, len, partial.data(), tg.data(), tx.data(), tmr.data()); });
    runBlock(256, [&] { batchNormBackwardApplyK<T, T>(n, c, p, slabs, len, tgi.data(), tgw.data(), tgb.data(), partial.data(), tg.data(),
                                                     tx.data(), tmr.data(), tir.data(), pw); });
    expectClose("batch norm", ctx, y, back(ty), tol);
    expectClose("batch norm mean", ctx, mean, back(tm), tol);
    expectClose("batch norm var", ctx, var, back(tv), tol);
    expectClose("batch norm backward", ctx, gi, back(tgi), tol * 10);
    expectClose("batch norm weight gradient", ctx, gw, back(tgw), tol);
    expectClose("batch norm bias gradient", ctx, gb, back(tgb), tol);
}

template <typename T> static void all(double tol) {
    for (int isLog = 0; isLog < 2; isLog++) {
        softmaxCase<T>(1, 1, isLog, tol);
        softmaxCase<T>(5, 3, isLog, tol);
        softmaxCase<T>(11, 33, isLog, tol);
        softmaxCase<T>(4, 1024, isLog, tol);
        softmaxCase<T>(3, 1500, isLog, tol);
    }
    layerNormCase<T>(7, 33, true, tol);
    layerNormCase<T>(9, 5, false, tol);
    layerNormCase<T>(3, 1300, true, tol);
    layerNormCase<T>(40, 70, true, tol);
    batchNormCase<T>(3, 4, 25, true, tol);
    batchNormCase<T>(2, 3, 700, false, tol);
}

int main() {
    all<double>(1e-12);
    all<float>(2e-5);
    std::printf("fused kernels on the emulated block: %d results checked, %d failures\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
