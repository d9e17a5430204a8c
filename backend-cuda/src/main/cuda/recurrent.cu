// The pointwise part of one step of an LSTM, GRU or Elman layer and its derivative (the SPI's
// recurrentCell hook, CudaBackend.recurrentCell): one thread per (row, hidden unit), in one launch where
// the api's composition takes a dozen. Every operation is computed in double and rounded to T in the
// order the composition (nn.RecurrentCells) writes it, with the elementwise kernels' arithmetic, so the
// results are bit-identical to the composed ops on this device. Rows are n, the hidden size H; gate
// blocks are stacked along a row ([n, kH]); the bias ([kH], b_hh) may be absent (a null address).
#include "common.cuh"

template <typename T> __device__ __forceinline__ double R(double x) { return toD<T>(fromD<T>(x)); }
// Products and sums the compiler may not fuse into one rounding (the composition rounds each)
__device__ __forceinline__ double M(double a, double b) { return __dmul_rn(a, b); }
__device__ __forceinline__ double A(double a, double b) { return __dadd_rn(a, b); }
__device__ __forceinline__ double S(double a, double b) { return __dsub_rn(a, b); }

__device__ __forceinline__ double sigmoidR(double x) { return 1 / (1 + exp(-x)); }
__device__ __forceinline__ double reluR(double x) { return x != x ? x : fmax(x, 0.0); }

// hh + bias for gate block k, column j of row r (hh alone without a bias), rounded as the composition's add
template <typename T> __device__ __forceinline__ double hhb(const T* hh, const T* bias, long long r, long long h, int blocks, int k,
                                                           long long j) {
    double v = toD<T>(hh[(r * blocks + k) * h + j]);
    return bias ? R<T>(A(v, toD<T>(bias[k * h + j]))) : v;
}

template <typename T> __device__ __forceinline__ double at(const T* a, long long r, long long h, int blocks, int k, long long j) {
    return toD<T>(a[(r * blocks + k) * h + j]);
}

template <typename T> __device__ __forceinline__ void put(T* a, long long r, long long h, int blocks, int k, long long j, double v) {
    a[(r * blocks + k) * h + j] = fromD<T>(v);
}

// pre = x + (hh + bias); i, f, o = sigmoid, g = tanh; c = f * cPrev + i * g; h = o * tanh(c); act = i, f, g, o, tanh(c)
template <typename T> __device__ void lstmK(long long n, long long h, const T* x, const T* hh, const T* bias, const T* cp, T* ho,
                                            T* c, T* act) {
    GRID_LOOP(t, n * h) {
        long long r = t / h, j = t % h;
        double g4[4];
#pragma unroll
        for (int k = 0; k < 4; k++) {
            double pre = R<T>(A(at(x, r, h, 4, k, j), hhb(hh, bias, r, h, 4, k, j)));
            g4[k] = R<T>(k == 2 ? tanh(pre) : sigmoidR(pre));
        }
        double cn = R<T>(A(R<T>(M(g4[1], toD<T>(cp[t]))), R<T>(M(g4[0], g4[2]))));
        double tc = R<T>(tanh(cn));
        c[t] = fromD<T>(cn);
        ho[t] = fromD<T>(M(g4[3], tc));
#pragma unroll
        for (int k = 0; k < 4; k++) put(act, r, h, 5, k, j, g4[k]);
        put(act, r, h, 5, 4, j, tc);
    }
}

// r, z = sigmoid(x + (hh + bias)); hn = (hh + bias)_n; n = tanh(x_n + r * hn); h = (1 - z) * n + z * hPrev; act = r, z, n, hn
template <typename T> __device__ void gruK(long long n, long long h, const T* x, const T* hh, const T* bias, const T* hp, T* ho,
                                           T* act) {
    GRID_LOOP(t, n * h) {
        long long r = t / h, j = t % h;
        double rg = R<T>(sigmoidR(R<T>(A(at(x, r, h, 3, 0, j), hhb(hh, bias, r, h, 3, 0, j)))));
        double zg = R<T>(sigmoidR(R<T>(A(at(x, r, h, 3, 1, j), hhb(hh, bias, r, h, 3, 1, j)))));
        double hn = hhb(hh, bias, r, h, 3, 2, j);
        double ng = R<T>(tanh(R<T>(A(at(x, r, h, 3, 2, j), R<T>(M(rg, hn))))));
        ho[t] = fromD<T>(A(R<T>(M(R<T>(S(1, zg)), ng)), R<T>(M(zg, toD<T>(hp[t])))));
        put(act, r, h, 4, 0, j, rg);
        put(act, r, h, 4, 1, j, zg);
        put(act, r, h, 4, 2, j, ng);
        put(act, r, h, 4, 3, j, hn);
    }
}

// h = tanh or relu of x + (hh + bias)
template <typename T> __device__ void elmanK(long long n, long long h, int relu, const T* x, const T* hh, const T* bias, T* ho) {
    GRID_LOOP(t, n * h) {
        long long r = t / h, j = t % h;
        double pre = R<T>(A(toD<T>(x[t]), hhb(hh, bias, r, h, 1, 0, j)));
        ho[t] = fromD<T>(relu ? reluR(pre) : tanh(pre));
    }
}

// dgates from dh and dc (the gradient of c from later steps), and dc replaced by the gradient of cPrev
template <typename T> __device__ void lstmBackwardK(long long n, long long h, const T* dh, T* dc, const T* act, const T* cp,
                                                    T* dg) {
    GRID_LOOP(t, n * h) {
        long long r = t / h, j = t % h;
        double i = at(act, r, h, 5, 0, j), f = at(act, r, h, 5, 1, j), g = at(act, r, h, 5, 2, j), o = at(act, r, h, 5, 3, j);
        double tc = at(act, r, h, 5, 4, j), d = toD<T>(dh[t]);
        double total = R<T>(A(toD<T>(dc[t]), R<T>(M(R<T>(M(d, o)), R<T>(S(1, R<T>(M(tc, tc))))))));
        put(dg, r, h, 4, 0, j, M(R<T>(M(total, g)), R<T>(M(i, R<T>(S(1, i))))));
        put(dg, r, h, 4, 1, j, M(R<T>(M(total, toD<T>(cp[t]))), R<T>(M(f, R<T>(S(1, f))))));
        put(dg, r, h, 4, 2, j, M(R<T>(M(total, i)), R<T>(S(1, R<T>(M(g, g))))));
        put(dg, r, h, 4, 3, j, M(R<T>(M(d, tc)), R<T>(M(o, R<T>(S(1, o))))));
        dc[t] = fromD<T>(M(total, f));
    }
}

// dx and dhh (that of hh + bias: its n block times r) from dh; z * dh into dhPrev, which may be dh itself
template <typename T> __device__ void gruBackwardK(long long n, long long h, const T* dh, T* dhp, const T* act, const T* hp, T* dx,
                                                   T* dhh) {
    GRID_LOOP(t, n * h) {
        long long r = t / h, j = t % h;
        double rg = at(act, r, h, 4, 0, j), zg = at(act, r, h, 4, 1, j), ng = at(act, r, h, 4, 2, j), hn = at(act, r, h, 4, 3, j);
        double d = toD<T>(dh[t]);
        double dn = R<T>(M(R<T>(M(d, R<T>(S(1, zg)))), R<T>(S(1, R<T>(M(ng, ng))))));
        double dr = R<T>(M(R<T>(M(dn, hn)), R<T>(M(rg, R<T>(S(1, rg))))));
        double dz = R<T>(M(R<T>(M(d, R<T>(S(toD<T>(hp[t]), ng)))), R<T>(M(zg, R<T>(S(1, zg))))));
        put(dx, r, h, 3, 0, j, dr);
        put(dx, r, h, 3, 1, j, dz);
        put(dx, r, h, 3, 2, j, dn);
        put(dhh, r, h, 3, 0, j, dr);
        put(dhh, r, h, 3, 1, j, dz);
        put(dhh, r, h, 3, 2, j, M(dn, rg));
        dhp[t] = fromD<T>(M(d, zg));
    }
}

// dpre from dh and the step's output h: dh (1 - h^2) for tanh, dh [h > 0] for relu
template <typename T> __device__ void elmanBackwardK(long long n, long long h, int relu, const T* dh, const T* ho, T* dpre) {
    GRID_LOOP(t, n * h) {
        double d = toD<T>(dh[t]), y = toD<T>(ho[t]);
        dpre[t] = fromD<T>(relu ? M(d, y > 0 ? 1.0 : 0.0) : M(d, R<T>(S(1, R<T>(M(y, y))))));
    }
}

#define RECURRENT_KERNELS(S, T)                                                                                       \
    extern "C" __global__ void rnn_lstm_##S(long long n, long long h, const T* x, const T* hh, const T* bias,          \
                                            const T* cp, T* ho, T* c, T* act) {                                       \
        lstmK(n, h, x, hh, bias, cp, ho, c, act);                                                                     \
    }                                                                                                                 \
    extern "C" __global__ void rnn_gru_##S(long long n, long long h, const T* x, const T* hh, const T* bias,           \
                                           const T* hp, T* ho, T* act) {                                              \
        gruK(n, h, x, hh, bias, hp, ho, act);                                                                         \
    }                                                                                                                 \
    extern "C" __global__ void rnn_elman_##S(long long n, long long h, int relu, const T* x, const T* hh,             \
                                             const T* bias, T* ho) {                                                  \
        elmanK(n, h, relu, x, hh, bias, ho);                                                                          \
    }                                                                                                                 \
    extern "C" __global__ void rnn_lstm_backward_##S(long long n, long long h, const T* dh, T* dc, const T* act,       \
                                                     const T* cp, T* dg) {                                            \
        lstmBackwardK(n, h, dh, dc, act, cp, dg);                                                                     \
    }                                                                                                                 \
    extern "C" __global__ void rnn_gru_backward_##S(long long n, long long h, const T* dh, T* dhp, const T* act,      \
                                                    const T* hp, T* dx, T* dhh) {                                     \
        gruBackwardK(n, h, dh, dhp, act, hp, dx, dhh);                                                                \
    }                                                                                                                 \
    extern "C" __global__ void rnn_elman_backward_##S(long long n, long long h, int relu, const T* dh, const T* ho,    \
                                                      T* dpre) {                                                      \
        elmanBackwardK(n, h, relu, dh, ho, dpre);                                                                     \
    }

RECURRENT_KERNELS(f32, float)
RECURRENT_KERNELS(f64, double)
RECURRENT_KERNELS(f16, f16)
RECURRENT_KERNELS(bf16, bf16)
