package org.torch4j;

/**
 * The window functions of the {@code torch} namespace ({@code hann_window}, {@code hamming_window},
 * {@code blackman_window}, {@code bartlett_window}, {@code kaiser_window}), computed as PyTorch 1.13's factories
 * compute them: tensor ops in the requested floating dtype, in the same order, so float32 windows round as
 * PyTorch's do: each Python number rounded to the dtype first (as a tensor-scalar op rounds its scalar), the cosine
 * correctly rounded (PyTorch's vectorized float32 cosine is within an ulp of it). A periodic window of length N is the first N points of the symmetric window of length N + 1
 * (what spectral analysis wants); the symmetric one is what filter design wants.
 */
final class SignalWindows {

    private SignalWindows() {}

    /** PyTorch's default window dtype and its checks; null when the window is trivially empty or one point. */
    private static Tensor trivial(String name, long length, DType dtype) {
        if (length < 0) throw new IllegalArgumentException(name + " requires non-negative window_length, got window_length=" + length);
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(name + " expects floating point dtypes, got: " + dtype.torchName());
        }
        if (length == 0) return Torch.zeros(new long[] {0}, dtype, Device.CPU);
        if (length == 1) return Torch.ones(new long[] {1}, dtype, Device.CPU);
        return null;
    }

    /** {@code 0, 1, ..., n - 1} in {@code dtype}. */
    private static Tensor positions(long n, DType dtype) {
        return Torch.arange(n).to(dtype);
    }

    /** {@code v} as a scalar operand of a {@code dtype} op: rounded to float32 for float32 tensors, as PyTorch rounds it. */
    private static double scalar(double v, DType dtype) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }

    /** The cosine, correctly rounded to float32 for float32 tensors (through float64) rather than the backend's float kernel. */
    private static Tensor cos(Tensor x) {
        return x.dtype() == DType.FLOAT32 ? x.to(DType.FLOAT64).cos().to(DType.FLOAT32) : x.cos();
    }

    private static Tensor finish(Tensor window, boolean periodic, long length) {
        return periodic ? window.narrow(0, 0, length).contiguous() : window;
    }

    static Tensor hamming(String name, long length, boolean periodic, double alpha, double beta, DType dtype) {
        Tensor t = trivial(name, length, dtype);
        if (t != null) return t;
        long n = periodic ? length + 1 : length;
        Tensor w = cos(positions(n, dtype).mul(scalar(Math.PI * 2.0 / (n - 1), dtype))).mul(scalar(-beta, dtype)).add(scalar(alpha, dtype));
        return finish(w, periodic, length);
    }

    static Tensor blackman(long length, boolean periodic, DType dtype) {
        Tensor t = trivial("blackman_window", length, dtype);
        if (t != null) return t;
        long n = periodic ? length + 1 : length;
        Tensor x = positions(n, dtype).mul(scalar(Math.PI / (n - 1), dtype));
        Tensor w = cos(x.mul(4.0)).mul(scalar(0.08, dtype)).sub(cos(x.mul(2.0)).mul(0.5)).add(scalar(0.42, dtype));
        return finish(w, periodic, length);
    }

    static Tensor bartlett(long length, boolean periodic, DType dtype) {
        Tensor t = trivial("bartlett_window", length, dtype);
        if (t != null) return t;
        long n = periodic ? length + 1 : length;
        Tensor w = positions(n, dtype).mul(2.0 / (n - 1));
        long firstHalf = ((n - 1) >> 1) + 1;
        w.narrow(0, firstHalf, n - firstHalf).mul_(-1.0).add_(2.0);
        return finish(w, periodic, length);
    }

    static Tensor kaiser(long length, boolean periodic, double beta, DType dtype) {
        Tensor t = trivial("kaiser_window", length, dtype);
        if (t != null) return t;
        long n = periodic ? length + 1 : length;
        double alpha = (n - 1) / 2.0;
        // I0(beta sqrt(1 - ((k - alpha) / alpha)^2)) / I0(beta)
        Tensor r = positions(n, dtype).sub(alpha).div(alpha);
        Tensor w = r.mul(r).neg().add(1.0).sqrt().mul(beta).i0().div(Torch.full(new long[0], beta, dtype, Device.CPU).i0());
        return finish(w, periodic, length);
    }
}
