package org.torch4j.fft;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * {@code torch.fft}: discrete Fourier transforms with PyTorch 1.13's arguments, defaults, result dtypes and
 * errors. Optional arguments are overloads; the full forms take {@code null} for PyTorch's {@code None}:
 * <ul>
 *   <li>{@code n} / {@code s}: the signal size along each transformed dim; the input is zero-padded or
 *       trimmed to it (for the inverse real transforms: the output's size, default {@code 2 (m - 1)});
 *       a size of -1 in {@code s} keeps the input's;</li>
 *   <li>{@code dim}: the dims to transform (1-d: -1; 2-d: {-2, -1}; n-d: the last {@code s.length}, or all);</li>
 *   <li>{@code norm}: {@code "backward"} (the default: the inverse divides by n), {@code "ortho"} (both
 *       by sqrt(n)) or {@code "forward"} (the forward divides by n).</li>
 * </ul>
 * Real inputs of the complex transforms are promoted to complex, integer and bool inputs to the default
 * dtype first; float32 gives complex64 and float64 complex128. Every transform is differentiable, twice.
 *
 * <pre>{@code
 * Tensor x = Torch.randn(8);
 * Tensor X = Fft.rfft(x);                  // complex64 [5]
 * Tensor back = Fft.irfft(X, 8L, -1, null); // x again
 * }</pre>
 */
public final class Fft {
    private Fft() {}

    private static final int[] LAST_TWO = {-2, -1};

    // ---- one dimension ----------------------------------------------------------------------------

    /** The DFT along the last dim ({@code torch.fft.fft}). */
    public static Tensor fft(Tensor input) {
        return fft(input, null, -1, null);
    }

    /** The DFT of n points (zero-padded or trimmed) along the last dim. */
    public static Tensor fft(Tensor input, long n) {
        return fft(input, n, -1, null);
    }

    /** The DFT of n points along {@code dim}. */
    public static Tensor fft(Tensor input, long n, int dim) {
        return fft(input, (Long) n, dim, null);
    }

    /** The DFT: {@code X[k] = sum_j x[j] exp(-2 pi i jk / n)}, scaled as {@code norm} says; n null for the input's size. */
    public static Tensor fft(Tensor input, Long n, int dim, String norm) {
        return c2c(input, n, dim, norm, true);
    }

    /** The inverse DFT along the last dim ({@code torch.fft.ifft}). */
    public static Tensor ifft(Tensor input) {
        return ifft(input, null, -1, null);
    }

    /** The inverse DFT of n points along the last dim. */
    public static Tensor ifft(Tensor input, long n) {
        return ifft(input, n, -1, null);
    }

    /** The inverse DFT of n points along {@code dim}. */
    public static Tensor ifft(Tensor input, long n, int dim) {
        return ifft(input, (Long) n, dim, null);
    }

    /** The inverse DFT: {@code x[j] = (1/n) sum_k X[k] exp(2 pi i jk / n)} with the default norm. */
    public static Tensor ifft(Tensor input, Long n, int dim, String norm) {
        return c2c(input, n, dim, norm, false);
    }

    /** The DFT of a real signal along the last dim, its n/2 + 1 non-redundant coefficients ({@code torch.fft.rfft}). */
    public static Tensor rfft(Tensor input) {
        return rfft(input, null, -1, null);
    }

    /** The real DFT of n points along the last dim. */
    public static Tensor rfft(Tensor input, long n) {
        return rfft(input, n, -1, null);
    }

    /** The real DFT of n points along {@code dim}. */
    public static Tensor rfft(Tensor input, long n, int dim) {
        return rfft(input, (Long) n, dim, null);
    }

    /** The real DFT; a complex input raises PyTorch's "rfft expects a real input tensor" error. */
    public static Tensor rfft(Tensor input, Long n, int dim, String norm) {
        Tensor x = realInput("rfft", input);
        int d = wrap(dim, x);
        long points = points(n != null ? n : x.size(d));
        Norm nm = Norm.of(norm);
        Tensor y = Transforms.r2c(resize(x, d, points), d);
        return Torch.viewAsComplex(scale(y, nm.scale(points, true)));
    }

    /** The inverse of {@link #rfft} along the last dim: 2 (m - 1) reals ({@code torch.fft.irfft}). */
    public static Tensor irfft(Tensor input) {
        return irfft(input, null, -1, null);
    }

    /** The inverse of {@link #rfft} with n real outputs along the last dim. */
    public static Tensor irfft(Tensor input, long n) {
        return irfft(input, n, -1, null);
    }

    /** The inverse of {@link #rfft} with n real outputs along {@code dim}. */
    public static Tensor irfft(Tensor input, long n, int dim) {
        return irfft(input, (Long) n, dim, null);
    }

    /**
     * The inverse of {@link #rfft}: the input is the first half of a Hermitian spectrum, trimmed or padded to
     * n/2 + 1 coefficients (n defaults to {@code 2 (m - 1)}); the imaginary parts of the zero-frequency and
     * Nyquist terms are ignored.
     */
    public static Tensor irfft(Tensor input, Long n, int dim, String norm) {
        return c2r(input, false, n, dim, norm, false);
    }

    /** The DFT of a Hermitian-symmetric signal given by its first half, along the last dim ({@code torch.fft.hfft}). */
    public static Tensor hfft(Tensor input) {
        return hfft(input, null, -1, null);
    }

    /** {@link #hfft} with n real outputs along the last dim. */
    public static Tensor hfft(Tensor input, long n) {
        return hfft(input, n, -1, null);
    }

    /** {@link #hfft} with n real outputs along {@code dim}. */
    public static Tensor hfft(Tensor input, long n, int dim) {
        return hfft(input, (Long) n, dim, null);
    }

    /** The DFT of a Hermitian signal (a real result): {@link #irfft} of the conjugate, scaled as a forward transform. */
    public static Tensor hfft(Tensor input, Long n, int dim, String norm) {
        return c2r(input, true, n, dim, norm, true);
    }

    /** The inverse of {@link #hfft} along the last dim ({@code torch.fft.ihfft}). */
    public static Tensor ihfft(Tensor input) {
        return ihfft(input, null, -1, null);
    }

    /** {@link #ihfft} of n points along the last dim. */
    public static Tensor ihfft(Tensor input, long n) {
        return ihfft(input, n, -1, null);
    }

    /** {@link #ihfft} of n points along {@code dim}. */
    public static Tensor ihfft(Tensor input, long n, int dim) {
        return ihfft(input, (Long) n, dim, null);
    }

    /** The inverse of {@link #hfft}: the conjugate of the real DFT, scaled as an inverse transform. */
    public static Tensor ihfft(Tensor input, Long n, int dim, String norm) {
        Tensor x = realInput("ihfft", input);
        int d = wrap(dim, x);
        long points = points(n != null ? n : x.size(d));
        Norm nm = Norm.of(norm);
        Tensor y = Transforms.r2c(resize(x, d, points), d);
        return Torch.viewAsComplex(conj(scale(y, nm.scale(points, false))));
    }

    // ---- two and n dimensions -----------------------------------------------------------------------

    /** The 2-d DFT over the last two dims ({@code torch.fft.fft2}). */
    public static Tensor fft2(Tensor input) {
        return fftn(input, null, LAST_TWO, null);
    }

    /** The 2-d DFT with signal sizes {@code s} over the last two dims. */
    public static Tensor fft2(Tensor input, long[] s) {
        return fftn(input, s, LAST_TWO, null);
    }

    /** The 2-d DFT over {@code dim} (null: the last two). */
    public static Tensor fft2(Tensor input, long[] s, int[] dim, String norm) {
        return fftn(input, s, dim == null ? LAST_TWO : dim, norm);
    }

    /** The 2-d inverse DFT over the last two dims ({@code torch.fft.ifft2}). */
    public static Tensor ifft2(Tensor input) {
        return ifftn(input, null, LAST_TWO, null);
    }

    /** The 2-d inverse DFT with signal sizes {@code s}. */
    public static Tensor ifft2(Tensor input, long[] s) {
        return ifftn(input, s, LAST_TWO, null);
    }

    /** The 2-d inverse DFT over {@code dim} (null: the last two). */
    public static Tensor ifft2(Tensor input, long[] s, int[] dim, String norm) {
        return ifftn(input, s, dim == null ? LAST_TWO : dim, norm);
    }

    /** The 2-d real DFT over the last two dims, halved along the last ({@code torch.fft.rfft2}). */
    public static Tensor rfft2(Tensor input) {
        return rfftn(input, null, LAST_TWO, null);
    }

    /** The 2-d real DFT with signal sizes {@code s}. */
    public static Tensor rfft2(Tensor input, long[] s) {
        return rfftn(input, s, LAST_TWO, null);
    }

    /** The 2-d real DFT over {@code dim} (null: the last two). */
    public static Tensor rfft2(Tensor input, long[] s, int[] dim, String norm) {
        return rfftn(input, s, dim == null ? LAST_TWO : dim, norm);
    }

    /** The inverse of {@link #rfft2} ({@code torch.fft.irfft2}). */
    public static Tensor irfft2(Tensor input) {
        return irfftn(input, null, LAST_TWO, null);
    }

    /** The inverse of {@link #rfft2} with output sizes {@code s}. */
    public static Tensor irfft2(Tensor input, long[] s) {
        return irfftn(input, s, LAST_TWO, null);
    }

    /** The inverse of {@link #rfft2} over {@code dim} (null: the last two). */
    public static Tensor irfft2(Tensor input, long[] s, int[] dim, String norm) {
        return irfftn(input, s, dim == null ? LAST_TWO : dim, norm);
    }

    /** The DFT over every dim ({@code torch.fft.fftn}). */
    public static Tensor fftn(Tensor input) {
        return fftn(input, null, null, null);
    }

    /** The DFT over the last {@code s.length} dims with signal sizes {@code s}. */
    public static Tensor fftn(Tensor input, long[] s) {
        return fftn(input, s, null, null);
    }

    /** The DFT over {@code dim} (null: the last {@code s.length}, or all), sizes {@code s} (null: the input's). */
    public static Tensor fftn(Tensor input, long[] s, int[] dim, String norm) {
        return c2cn(input, s, dim, norm, true);
    }

    /** The inverse DFT over every dim ({@code torch.fft.ifftn}). */
    public static Tensor ifftn(Tensor input) {
        return ifftn(input, null, null, null);
    }

    /** The inverse DFT over the last {@code s.length} dims with signal sizes {@code s}. */
    public static Tensor ifftn(Tensor input, long[] s) {
        return ifftn(input, s, null, null);
    }

    /** The inverse DFT over {@code dim} with sizes {@code s}, as {@link #fftn} takes them. */
    public static Tensor ifftn(Tensor input, long[] s, int[] dim, String norm) {
        return c2cn(input, s, dim, norm, false);
    }

    /** The real DFT over every dim, halved along the last ({@code torch.fft.rfftn}). */
    public static Tensor rfftn(Tensor input) {
        return rfftn(input, null, null, null);
    }

    /** The real DFT over the last {@code s.length} dims with signal sizes {@code s}. */
    public static Tensor rfftn(Tensor input, long[] s) {
        return rfftn(input, s, null, null);
    }

    /** The real DFT over {@code dim}: a real DFT along the last of them, then complex DFTs along the others. */
    public static Tensor rfftn(Tensor input, long[] s, int[] dim, String norm) {
        return Torch.viewAsComplex(r2cn("rfftn", input, s, dim, norm, true));
    }

    /** The inverse of {@link #rfftn} over every dim ({@code torch.fft.irfftn}). */
    public static Tensor irfftn(Tensor input) {
        return irfftn(input, null, null, null);
    }

    /** The inverse of {@link #rfftn} over the last {@code s.length} dims with output sizes {@code s}. */
    public static Tensor irfftn(Tensor input, long[] s) {
        return irfftn(input, s, null, null);
    }

    /**
     * The inverse of {@link #rfftn} over {@code dim}: inverse complex DFTs along all but the last, then the
     * Hermitian inverse along the last, whose output size defaults to {@code 2 (m - 1)}.
     */
    public static Tensor irfftn(Tensor input, long[] s, int[] dim, String norm) {
        return c2rn("irfftn", input, false, s, dim, norm, false);
    }

    /** The 2-d DFT of a Hermitian-symmetric signal over the last two dims ({@code torch.fft.hfft2}); a real result. */
    public static Tensor hfft2(Tensor input) {
        return hfftn(input, null, LAST_TWO, null);
    }

    /** {@link #hfft2} with output sizes {@code s}. */
    public static Tensor hfft2(Tensor input, long[] s) {
        return hfftn(input, s, LAST_TWO, null);
    }

    /** {@link #hfft2} over {@code dim} (null: the last two). */
    public static Tensor hfft2(Tensor input, long[] s, int[] dim, String norm) {
        return hfftn(input, s, dim == null ? LAST_TWO : dim, norm);
    }

    /** The inverse of {@link #hfft2} ({@code torch.fft.ihfft2}): half a spectrum of a real input. */
    public static Tensor ihfft2(Tensor input) {
        return ihfftn(input, null, LAST_TWO, null);
    }

    /** {@link #ihfft2} with signal sizes {@code s}. */
    public static Tensor ihfft2(Tensor input, long[] s) {
        return ihfftn(input, s, LAST_TWO, null);
    }

    /** {@link #ihfft2} over {@code dim} (null: the last two). */
    public static Tensor ihfft2(Tensor input, long[] s, int[] dim, String norm) {
        return ihfftn(input, s, dim == null ? LAST_TWO : dim, norm);
    }

    /** The DFT of a Hermitian-symmetric signal over every dim, given by its half along the last ({@code torch.fft.hfftn}). */
    public static Tensor hfftn(Tensor input) {
        return hfftn(input, null, null, null);
    }

    /** {@link #hfftn} over the last {@code s.length} dims with output sizes {@code s}. */
    public static Tensor hfftn(Tensor input, long[] s) {
        return hfftn(input, s, null, null);
    }

    /**
     * {@link #hfftn} over {@code dim}: {@link #irfftn} of the conjugate, scaled as a forward transform, so a
     * real result whose last transformed dim defaults to {@code 2 (m - 1)}.
     */
    public static Tensor hfftn(Tensor input, long[] s, int[] dim, String norm) {
        return c2rn("hfftn", input, true, s, dim, norm, true);
    }

    /** The inverse of {@link #hfftn} over every dim ({@code torch.fft.ihfftn}). */
    public static Tensor ihfftn(Tensor input) {
        return ihfftn(input, null, null, null);
    }

    /** {@link #ihfftn} over the last {@code s.length} dims with signal sizes {@code s}. */
    public static Tensor ihfftn(Tensor input, long[] s) {
        return ihfftn(input, s, null, null);
    }

    /** {@link #ihfftn} over {@code dim}: the conjugate of {@link #rfftn}, scaled as an inverse transform. */
    public static Tensor ihfftn(Tensor input, long[] s, int[] dim, String norm) {
        return Torch.viewAsComplex(conj(r2cn("ihfftn", input, s, dim, norm, false)));
    }

    // ---- frequencies and shifts --------------------------------------------------------------------

    /** The sample frequencies of {@link #fft} of n points with spacing 1 ({@code torch.fft.fftfreq}). */
    public static Tensor fftfreq(long n) {
        return fftfreq(n, 1.0, Torch.getDefaultDtype());
    }

    /** The sample frequencies of {@link #fft} of n points with sample spacing d. */
    public static Tensor fftfreq(long n, double d) {
        return fftfreq(n, d, Torch.getDefaultDtype());
    }

    /**
     * {@code [0, 1, ..., (n-1)/2, -(n/2), ..., -1] / (d n)} in the floating {@code dtype} (PyTorch 1.13's
     * arange, which it builds on, refuses complex dtypes, and so does this).
     */
    public static Tensor fftfreq(long n, double d, DType dtype) {
        DType real = freqDtype("fftfreq", dtype);
        Tensor k = Torch.arange(n).add(n / 2).remainder(Math.max(n, 1)).sub(n / 2);
        return k.to(real).mul(1.0 / (n * d));
    }

    /** The sample frequencies of {@link #rfft} of n points with spacing 1 ({@code torch.fft.rfftfreq}). */
    public static Tensor rfftfreq(long n) {
        return rfftfreq(n, 1.0, Torch.getDefaultDtype());
    }

    /** The sample frequencies of {@link #rfft} of n points with sample spacing d. */
    public static Tensor rfftfreq(long n, double d) {
        return rfftfreq(n, d, Torch.getDefaultDtype());
    }

    /** {@code [0, 1, ..., n/2] / (d n)} in the floating {@code dtype}. */
    public static Tensor rfftfreq(long n, double d, DType dtype) {
        DType real = freqDtype("rfftfreq", dtype);
        return Torch.arange(n / 2 + 1).to(real).mul(1.0 / (n * d));
    }

    /** Moves the zero frequency to the centre of every dim ({@code torch.fft.fftshift}). */
    public static Tensor fftshift(Tensor input) {
        return shift(input, null, false);
    }

    /** Moves the zero frequency to the centre of {@code dims}: a roll by half the size. */
    public static Tensor fftshift(Tensor input, int... dims) {
        return shift(input, dims, false);
    }

    /** The inverse of {@link #fftshift} over every dim ({@code torch.fft.ifftshift}). */
    public static Tensor ifftshift(Tensor input) {
        return shift(input, null, true);
    }

    /** The inverse of {@link #fftshift} over {@code dims}. */
    public static Tensor ifftshift(Tensor input, int... dims) {
        return shift(input, dims, true);
    }

    // ---- the shared steps, each checking in PyTorch's order ------------------------------------------

    /** fft and ifft: the dtype, the dim, the number of points, the norm. */
    private static Tensor c2c(Tensor input, Long n, int dim, String norm, boolean forward) {
        Tensor z = complexLayout(input);
        int d = wrap(dim, input);
        long points = points(n != null ? n : input.size(d));
        Norm nm = Norm.of(norm);
        Tensor y = Transforms.c2c(resize(z, d, points), d, !forward);
        return Torch.viewAsComplex(scale(y, nm.scale(points, forward)));
    }

    /**
     * irfft and hfft ({@code conjugate}: of the conjugate layout): the Hermitian inverse of {@code input}, n outputs
     * (default 2 (m - 1)).
     */
    private static Tensor c2r(Tensor input, boolean conjugate, Long n, int dim, String norm, boolean forward) {
        Tensor z = conjugate ? conj(complexLayout(input)) : complexLayout(input);
        int d = wrap(dim, input);
        long points = points(n != null ? n : 2 * (input.size(d) - 1));
        Norm nm = Norm.of(norm);
        Tensor x = Transforms.c2r(resize(z, d, points / 2 + 1), d, points);
        return scale(x, nm.scale(points, forward));
    }

    /**
     * rfftn and ihfftn: the layout of the real DFT over {@code dim} of a real input, halved along the last of
     * them (a real DFT there, complex DFTs along the others), scaled as a forward or an inverse transform.
     */
    private static Tensor r2cn(String function, Tensor input, long[] s, int[] dim, String norm, boolean forward) {
        if (input.isComplex()) {  // (PyTorch's rfftn says "real-valued")
            throw new IllegalArgumentException(function + (function.equals("rfftn") ? " expects a real-valued input tensor, but got "
                    : " expects a real input tensor, but got ") + Internals.get().cppName(input.dtype()));
        }
        Shape p = Shape.of(input, s, dim, false);
        if (p.dims().length == 0) throw new IllegalArgumentException(function + " must transform at least one axis");
        Tensor x = realFloating(input);
        Norm nm = Norm.of(norm);
        int last = p.dims().length - 1;
        for (int i = 0; i <= last; i++) x = resize(x, p.dims()[i], p.sizes()[i]);
        Tensor y = Transforms.r2c(x, p.dims()[last]);
        for (int i = 0; i < last; i++) y = Transforms.c2c(y, p.dims()[i], false);
        return scale(y, nm.scale(p.points(), forward));
    }

    /**
     * irfftn and hfftn: inverse complex DFTs of the layout {@code z} of {@code input} along all but the last
     * of {@code dim}, then the Hermitian inverse along the last (output size default {@code 2 (m - 1)}),
     * scaled as an inverse or a forward transform.
     */
    private static Tensor c2rn(String function, Tensor input, boolean conjugate, long[] s, int[] dim, String norm, boolean forward) {
        Shape p = Shape.of(input, s, dim, true);
        if (p.dims().length == 0) throw new IllegalArgumentException(function + " must transform at least one axis");
        Tensor z = conjugate ? conj(complexLayout(input)) : complexLayout(input);
        Norm nm = Norm.of(norm);
        int last = p.dims().length - 1;
        Tensor y = z;
        for (int i = 0; i < last; i++) y = resize(y, p.dims()[i], p.sizes()[i]);
        long n = p.sizes()[last];
        y = resize(y, p.dims()[last], n / 2 + 1);
        for (int i = 0; i < last; i++) y = Transforms.c2c(y, p.dims()[i], true);
        Tensor x = Transforms.c2r(y, p.dims()[last], n);
        return scale(x, nm.scale(p.points(), forward));
    }

    private static Tensor c2cn(Tensor input, long[] s, int[] dim, String norm, boolean forward) {
        Shape p = Shape.of(input, s, dim, false);
        Tensor y = complexLayout(input);
        Norm nm = Norm.of(norm);
        for (int i = 0; i < p.dims().length; i++) y = resize(y, p.dims()[i], p.sizes()[i]);
        for (int d : p.dims()) y = Transforms.c2c(y, d, !forward);
        return Torch.viewAsComplex(scale(y, nm.scale(p.points(), forward)));
    }

    /** A dim of {@code x} made non-negative; a 0-dim tensor has no points to transform. */
    private static int wrap(int dim, Tensor x) {
        int d = Internals.get().wrapDim(dim, x.dim());
        if (x.dim() == 0) points(0);
        return d;
    }

    static long points(long n) {
        if (n < 1) throw new IllegalArgumentException("Invalid number of data points (" + n + ") specified");
        return n;
    }

    /** {@code t} zero-padded or trimmed to n along {@code dim}. */
    private static Tensor resize(Tensor t, int dim, long n) {
        long size = t.size(dim);
        if (n == size) return t;
        if (n < size) return t.narrow(dim, 0, n);
        long[] shape = t.shape();
        shape[dim] = n - size;
        return Torch.cat(List.of(t, Torch.zeros(shape, t.dtype(), t.device())), dim);
    }

    private static Tensor scale(Tensor t, double factor) {
        return factor == 1 ? t : t.mul(factor);
    }

    /** The conjugate of a real layout: its imaginary parts negated. */
    private static Tensor conj(Tensor layout) {
        return layout.mul(Torch.tensor(new double[] {1, -1}, 2).to(layout));
    }

    /** The real layout of {@code x} as a complex tensor: real inputs get zero imaginary parts. */
    private static Tensor complexLayout(Tensor x) {
        if (x.isComplex()) return Torch.viewAsReal(x);
        Tensor r = realFloating(x);
        return Torch.stack(List.of(r, Torch.zerosLike(r)), -1);
    }

    private static Tensor realInput(String function, Tensor x) {
        if (x.isComplex()) {
            throw new IllegalArgumentException(function + " expects a real input tensor, but got " + Internals.get().cppName(x.dtype()));
        }
        return realFloating(x);
    }

    /** float32 and float64 as they are, integers and bool in the default dtype; half precision has no FFT here. */
    private static Tensor realFloating(Tensor x) {
        DType t = x.dtype();
        if (t == DType.FLOAT32 || t == DType.FLOAT64) return x;
        if (t == DType.FLOAT16 || t == DType.BFLOAT16) {
            throw new IllegalArgumentException("Unsupported dtype " + Internals.get().cppName(t));
        }
        return x.to(Torch.getDefaultDtype());
    }

    private static DType freqDtype(String function, DType dtype) {
        if (!dtype.isFloatingPoint() && !dtype.isComplex()) {
            throw new IllegalArgumentException(function + " requires a floating point or complex dtype");
        }
        if (dtype.isComplex()) {
            throw new IllegalArgumentException("\"arange_cpu\" not implemented for '" + Internals.get().cppName(dtype) + "'");
        }
        return dtype;
    }

    private static Tensor shift(Tensor input, int[] dims, boolean inverse) {
        int rank = input.dim();
        int[] ds = dims == null ? null : dims.clone();
        if (ds == null || ds.length == 0) {
            ds = new int[rank];
            for (int i = 0; i < rank; i++) ds[i] = i;
        }
        long[] shifts = new long[ds.length];
        for (int i = 0; i < ds.length; i++) {
            ds[i] = Internals.get().wrapDim(ds[i], rank);
            long size = input.size(ds[i]);
            shifts[i] = inverse ? (size + 1) / 2 : size / 2;
        }
        return input.isComplex()
                ? Torch.viewAsComplex(Torch.viewAsReal(input).roll(shifts, ds))
                : input.roll(shifts, ds);
    }
}
