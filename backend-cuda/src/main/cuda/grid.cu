// grid_sample and its gradients (the SPI's gridSample and gridSampleBackward hooks, GridSampleOps.java),
// the CPU backend's arithmetic (GridSampleKernel, GridSampleBackwardKernel) in double: a thread per
// output position lists the taps it reads (offsets in an input plane and weights: 2^d for bilinear, 1 for
// nearest, 16 for bicubic; taps outside the input are dropped, which is zero padding), then runs over the
// channels. The backward (2 spatial dims, bilinear and nearest) adds each channel's output gradient into
// the input gradient at those taps with atomic adds, so taps shared by several positions add in no fixed
// order, and writes the grid gradient: the interpolation's slope times the padding mode's.
#include "common.cuh"

#define BICUBIC_A (-0.75)

__device__ __forceinline__ double unnormalize(double x, long long size, int align) {
    return align ? (x + 1) / 2 * (size - 1) : ((x + 1) * size - 1) / 2;
}

__device__ __forceinline__ double reflect(double x, long long twiceLow, long long twiceHigh) {
    if (twiceLow == twiceHigh) return 0;
    double min = twiceLow / 2.0, span = (twiceHigh - twiceLow) / 2.0;
    double in = fabs(x - min);
    double extra = fmod(in, span);
    return (long long)floor(in / span) % 2 == 0 ? extra + min : span - extra + min;
}

// the padding mode on a pixel position: 0 zeros (unchanged), 1 border (clipped), 2 reflection (mirrored, clipped);
// not inlined, as taps and source: one copy in the PTX instead of one per caller and dtype
__device__ __noinline__ double padded(double x, long long size, int pad, int align) {
    if (pad == 0) return x;
    if (pad == 2) x = align ? reflect(x, 0, 2 * (size - 1)) : reflect(x, -1, 2 * size - 1);
    return fmin((double)(size - 1), fmax(x, 0.0));
}

__device__ __forceinline__ double cubicNear(double x) { return ((BICUBIC_A + 2) * x - (BICUBIC_A + 3)) * x * x + 1; }
__device__ __forceinline__ double cubicFar(double x) {
    return ((BICUBIC_A * x - 5 * BICUBIC_A) * x + 8 * BICUBIC_A) * x - 4 * BICUBIC_A;
}

// The taps of one output position: pos[k] the pixel position along spatial dim k (d of them, unpadded).
__device__ __noinline__ int taps(const double* pos, const long long* size, int d, int kind, int pad, int align, long long* off, double* w) {
    if (kind == 1) {  // nearest, ties to even
        long long flat = 0;
        for (int k = 0; k < d; k++) {
            double x = rint(padded(pos[k], size[k], pad, align));
            if (!(x >= 0 && x < size[k])) return 0;
            flat = flat * size[k] + (long long)x;
        }
        off[0] = flat;
        w[0] = 1;
        return 1;
    }
    if (kind == 2) {  // bicubic (2 dims): 4 x 4 taps, the padding mode on each tap's position
        double y0 = floor(pos[0]), x0 = floor(pos[1]), ty = pos[0] - y0, tx = pos[1] - x0;
        double cy[4] = {cubicFar(ty + 1), cubicNear(ty), cubicNear(1 - ty), cubicFar(2 - ty)};
        double cx[4] = {cubicFar(tx + 1), cubicNear(tx), cubicNear(1 - tx), cubicFar(2 - tx)};
        int n = 0;
        for (int j = 0; j < 4; j++) {
            double y = padded(y0 - 1 + j, size[0], pad, align);
            if (!(y >= 0 && y < size[0])) continue;
            for (int i = 0; i < 4; i++) {
                double x = padded(x0 - 1 + i, size[1], pad, align);
                if (!(x >= 0 && x < size[1])) continue;
                off[n] = (long long)y * size[1] + (long long)x;
                w[n++] = cy[j] * cx[i];
            }
        }
        return n;
    }
    // bilinear: the 2^d corners
    double lo[3], frac[3];
    for (int k = 0; k < d; k++) {
        double x = padded(pos[k], size[k], pad, align);
        lo[k] = floor(x);
        frac[k] = x - lo[k];
    }
    int n = 0;
    for (int corner = 0; corner < 1 << d; corner++) {
        long long flat = 0;
        double weight = 1;
        bool inside = true;
        for (int k = 0; k < d && inside; k++) {
            bool high = (corner >> (d - 1 - k) & 1) == 1;
            long long at = (long long)lo[k] + (high ? 1 : 0);
            if (at < 0 || at >= size[k]) inside = false;
            flat = flat * size[k] + at;
            weight *= high ? frac[k] : 1 - frac[k];
        }
        if (!inside) continue;
        off[n] = flat;
        w[n++] = weight;
    }
    return n;
}

// input [N, C, size...], grid [N, L, d] (x first), out [N, C, L]; g: N, C, d, L, then the d sizes
template <typename T> __device__ void sampleK(const long long* g, int kind, int pad, int align, const T* input, const T* grid, T* out) {
    long long n = g[0], c = g[1], l = g[3];
    int d = (int)g[2];
    long long plane = 1;
    for (int k = 0; k < d; k++) plane *= g[4 + k];
    GRID_LOOP(p, n * l) {
        long long batch = p / l, q = p % l;
        double pos[3];
        for (int k = 0; k < d; k++) pos[k] = unnormalize(toD<T>(grid[p * d + (d - 1 - k)]), g[4 + k], align);
        long long off[16];
        double w[16];
        int count = taps(pos, g + 4, d, kind, pad, align, off, w);
        const T* src = input + batch * c * plane;
        T* dst = out + batch * c * l + q;
        for (long long ch = 0; ch < c; ch++, src += plane, dst += l) {
            double s = 0;
            for (int i = 0; i < count; i++) s += toD<T>(src[off[i]]) * w[i];
            *dst = fromD<T>(s);
        }
    }
}

// A grid value's pixel position under the padding mode, and d position / d grid value in slope: the
// unnormalisation's scale, times -1 where reflection mirrors, times 0 where the position is clipped.
__device__ __noinline__ double source(double v, long long size, int pad, int align, double& slope) {
    double x = unnormalize(v, size, align);
    double s = align ? (size - 1) / 2.0 : size / 2.0;
    if (pad == 2) {
        long long twiceLow = align ? 0 : -1, twiceHigh = align ? 2 * (size - 1) : 2 * size - 1;
        if (twiceLow == twiceHigh) {
            x = 0;
            s = 0;
        } else {
            double min = twiceLow / 2.0, span = (twiceHigh - twiceLow) / 2.0;
            double in = x - min;
            if (in < 0) {
                in = -in;
                s = -s;
            }
            double extra = fmod(in, span);
            if ((long long)floor(in / span) % 2 == 0) {
                x = extra + min;
            } else {
                x = span - extra + min;
                s = -s;
            }
        }
    }
    if (pad != 0) {
        if (x <= 0) {
            x = 0;
            s = 0;
        } else if (x >= size - 1) {
            x = size - 1;
            s = 0;
        }
    }
    slope = s;
    return x;
}

// 2 spatial dims, bilinear (kind 0) or nearest (1); gradInput (added into) and gradGrid may be null
template <typename T> __device__ void sampleBackwardK(long long n, long long c, long long h, long long w, long long l, int kind, int pad,
                                                     int align, const T* gradOut, const T* input, const T* grid, T* gradInput,
                                                     T* gradGrid) {
    long long plane = h * w;
    GRID_LOOP(p, n * l) {
        long long batch = p / l, q = p % l;
        double sx, sy;
        double ix = source(toD<T>(grid[2 * p]), w, pad, align, sx), iy = source(toD<T>(grid[2 * p + 1]), h, pad, align, sy);
        const T* go = gradOut + batch * c * l + q;
        if (kind == 1) {
            double rx = rint(ix), ry = rint(iy);
            if (gradInput && rx >= 0 && rx < w && ry >= 0 && ry < h) {
                T* gi = gradInput + batch * c * plane + (long long)ry * w + (long long)rx;
                for (long long ch = 0; ch < c; ch++) atomicAdd(gi + ch * plane, go[ch * l]);
            }
            if (gradGrid) gradGrid[2 * p] = gradGrid[2 * p + 1] = fromD<T>(0.0);
            continue;
        }
        double fx = floor(ix), fy = floor(iy);
        long long x0 = (long long)fx, y0 = (long long)fy;
        double tx = ix - fx, ty = iy - fy;
        bool inX0 = x0 >= 0 && x0 < w, inX1 = x0 + 1 >= 0 && x0 + 1 < w, inY0 = y0 >= 0 && y0 < h, inY1 = y0 + 1 >= 0 && y0 + 1 < h;
        bool nw = inY0 && inX0, ne = inY0 && inX1, sw = inY1 && inX0, se = inY1 && inX1;
        double wnw = (1 - ty) * (1 - tx), wne = (1 - ty) * tx, wsw = ty * (1 - tx), wse = ty * tx;
        long long corner = batch * c * plane + y0 * w + x0;
        double gx = 0, gy = 0;
        for (long long ch = 0; ch < c; ch++) {
            double g = toD<T>(go[ch * l]);
            long long at = corner + ch * plane;
            if (gradInput) {
                if (nw) atomicAdd(gradInput + at, fromD<T>(wnw * g));
                if (ne) atomicAdd(gradInput + at + 1, fromD<T>(wne * g));
                if (sw) atomicAdd(gradInput + at + w, fromD<T>(wsw * g));
                if (se) atomicAdd(gradInput + at + w + 1, fromD<T>(wse * g));
            }
            if (gradGrid) {
                double vnw = nw ? toD<T>(input[at]) : 0, vne = ne ? toD<T>(input[at + 1]) : 0;
                double vsw = sw ? toD<T>(input[at + w]) : 0, vse = se ? toD<T>(input[at + w + 1]) : 0;
                gx += g * ((1 - ty) * (vne - vnw) + ty * (vse - vsw));
                gy += g * ((1 - tx) * (vsw - vnw) + tx * (vse - vne));
            }
        }
        if (gradGrid) {
            gradGrid[2 * p] = fromD<T>(gx * sx);
            gradGrid[2 * p + 1] = fromD<T>(gy * sy);
        }
    }
}

// The sizes travel as a struct by value: N, C, d, L, then the d spatial sizes.
struct GridSizes { long long v[7]; };

#define GRID_KERNELS(S, T)                                                                                            \
    extern "C" __global__ void grid_sample_##S(GridSizes g, int kind, int pad, int align, const T* input, const T* grid, \
                                               T* out) {                                                              \
        sampleK(g.v, kind, pad, align, input, grid, out);                                                             \
    }                                                                                                                 \
    extern "C" __global__ void grid_sample_backward_##S(long long n, long long c, long long h, long long w, long long l, \
                                                        int kind, int pad, int align, const T* gradOut, const T* input, \
                                                        const T* grid, T* gradInput, T* gradGrid) {                   \
        sampleBackwardK(n, c, h, w, l, kind, pad, align, gradOut, input, grid, gradInput, gradGrid);                  \
    }

GRID_KERNELS(f32, float)
GRID_KERNELS(f64, double)
