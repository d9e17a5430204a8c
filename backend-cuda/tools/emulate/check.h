// What the kernel check programs share: conversions between double references and a dtype's values, and the
// comparison that counts failures. Included after the kernel source (it uses common.cuh's toD and fromD).
#pragma once
#include <cstdio>
#include <vector>

inline int failures = 0, checks = 0;

// got against want: NaN where want is NaN, infinities exact, else within tol times want's largest finite magnitude
// (at least 1). Prints the first differing element and counts one failure.
inline void expectClose(const char* what, const char* ctx, const std::vector<double>& want, const std::vector<double>& got, double tol) {
    checks++;
    double scale = 1;
    for (double w : want) if (std::isfinite(w)) scale = std::fmax(scale, std::fabs(w));
    for (size_t i = 0; i < want.size(); i++) {
        bool same = std::isnan(want[i]) ? std::isnan(got[i]) : std::isinf(want[i]) ? want[i] == got[i] : std::fabs(want[i] - got[i]) <= tol * scale;
        if (!same) {
            std::printf("FAIL %s %s element %zu: %.17g vs %.17g\n", what, ctx, i, got[i], want[i]);
            failures++;
            return;
        }
    }
}

template <typename T> std::vector<T> typed(const std::vector<double>& d) {
    std::vector<T> t(d.size());
    for (size_t i = 0; i < d.size(); i++) t[i] = fromD<T>(d[i]);
    return t;
}

template <typename T> std::vector<double> back(const std::vector<T>& t) {
    std::vector<double> d(t.size());
    for (size_t i = 0; i < t.size(); i++) d[i] = toD<T>(t[i]);
    return d;
}

// d rounded to T's precision and back.
template <typename T> std::vector<double> rounded(const std::vector<double>& d) { return back<T>(typed<T>(d)); }
