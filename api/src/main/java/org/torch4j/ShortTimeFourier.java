package org.torch4j;

import java.util.Arrays;
import java.util.List;
import org.torch4j.fft.Fft;

/**
 * {@code torch.stft} and {@code torch.istft} (PyTorch 1.13, complex spectra) as composites of views, the FFT
 * ({@link Fft#rfft}, {@link Fft#fft}, {@link Fft#irfft}) and shifted sums (the overlap-add): fast wherever
 * the backend has FFT kernels, correct on every backend, and differentiable to any order through the
 * ordinary autograd. Checks and messages are PyTorch's, including its call-describing prefixes.
 */
final class ShortTimeFourier {
    private ShortTimeFourier() {}

    /** See {@link Torch#stft(Tensor, int, Integer, Integer, Tensor, boolean, String, boolean, Boolean)}. */
    static Tensor stft(Tensor input, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center, String padMode,
            boolean normalized, Boolean onesidedOpt) {
        int hop = hopLength != null ? hopLength : nFft >> 2;
        int win = winLength != null ? winLength : nFft;
        boolean numeric = input.isFloatingPoint() || input.isComplex();
        boolean padded = center && input.dim() >= 1 && input.dim() <= 3;
        // torch pads before it checks, and its messages describe the padded signal
        Tensor self = padded && numeric && input.dim() <= 2 ? centerPad(input, nFft / 2, padMode) : input;
        long[] shown = self.shape();
        if (padded && self == input) shown[shown.length - 1] += 2L * (nFft / 2);
        String prefix = "stft(" + Printer.typeName(input) + Arrays.toString(shown) + ", n_fft=" + nFft + ", hop_length=" + hop + ", win_length="
                + win + ", window=" + (window == null ? "None" : Printer.typeName(window) + "{" + Arrays.toString(window.shape()) + "}")
                + ", normalized=" + (normalized ? 1 : 0) + ", onesided=" + (onesidedOpt == null ? "None" : onesidedOpt ? "1" : "0")
                + ", return_complex=1) : ";
        if (!numeric) throw new IllegalArgumentException(prefix + "expected a tensor of floating point or complex values");
        if (self.dim() < 1 || self.dim() > 2) throw new IllegalArgumentException(prefix + "expected a 1D or 2D tensor");
        Tensor x = self.dim() == 1 ? self.unsqueeze(0) : self;
        long len = x.size(1);
        if (nFft <= 0 || nFft > len) {
            // torch prints win_length as the n_fft it got
            throw new IllegalArgumentException(prefix + "expected 0 < n_fft < " + len + ", but got n_fft=" + win);
        }
        if (hop <= 0) throw new IllegalArgumentException(prefix + "expected hop_length > 0, but got hop_length=" + hop);
        if (win <= 0 || win > nFft) throw new IllegalArgumentException(prefix + "expected 0 < win_length <= n_fft, but got win_length=" + win);
        if (window != null && (window.dim() != 1 || window.size(0) != win)) {
            throw new IllegalArgumentException(prefix + "expected a 1D window tensor of size equal to win_length=" + win
                    + ", but got window with size " + Arrays.toString(window.shape()));
        }
        Tensor w = fullWindow(window, win, nFft, x.isComplex() ? DType.FLOAT32 : x.dtype(), x.device());
        Tensor frames = x.unfold(1, nFft, hop); // [batch, frames, n_fft], a view
        if (w != null) frames = frames.mul(w);
        boolean complexFft = frames.isComplex();
        boolean onesided = onesidedOpt != null ? onesidedOpt : !complexFft;
        if (complexFft && onesided) throw new IllegalArgumentException("Cannot have onesided output if window or input is complex");
        String norm = normalized ? "ortho" : "backward";
        Tensor out = onesided ? Fft.rfft(frames, null, -1, norm) : Fft.fft(frames, null, -1, norm);
        out = out.transpose(1, 2);
        return self.dim() == 1 ? out.squeeze(0) : out;
    }

    /**
     * {@code F.pad(input.view(1, ..., time), [p, p], mode)} as torch.stft's Python wrapper does. Reflect
     * padding is spliced from flipped edges (the same values as {@code Torch.pad}, whose index gather over
     * the whole signal costs about ten times a copy for long audio); complex signals pad their parts.
     */
    private static Tensor centerPad(Tensor input, int p, String mode) {
        long[] shape = input.shape();
        long[] extended = new long[3];
        Arrays.fill(extended, 1);
        System.arraycopy(shape, 0, extended, 3 - shape.length, shape.length);
        Tensor x = input.reshape(extended);
        long n = extended[2];
        Tensor out;
        if (p == 0) {
            out = x;
        } else if (mode.equals("reflect") && p < n) {
            out = Torch.cat(List.of(x.narrow(2, 1, p).flip(2), x, x.narrow(2, n - 1 - p, p).flip(2)), 2);
        } else if (x.isComplex()) {
            long[] pad = {p, p};
            out = Torch.complex(Torch.pad(x.real(), pad, mode, 0), Torch.pad(x.imag(), pad, mode, 0));
        } else {
            out = Torch.pad(x, new long[] {p, p}, mode, 0); // also raises torch's errors (reflect with p >= n)
        }
        long[] back = shape.clone();
        back[back.length - 1] = out.size(2);
        return out.reshape(back);
    }

    /**
     * The window ({@code null}: rectangular) centred in {@code nFft} points, on the signal's device; null when there is
     * nothing to multiply by.
     */
    private static Tensor fullWindow(Tensor window, int win, int nFft, DType dtype, Device device) {
        if (window == null && win == nFft) return null;
        Tensor w = window != null ? window : Torch.ones(new long[] {win}, dtype, device);
        if (win == nFft) return w;
        long left = (nFft - win) / 2;
        DType d = w.dtype();
        return Torch.cat(List.of(Torch.zeros(new long[] {left}, d, w.device()), w, Torch.zeros(new long[] {nFft - win - left}, d, w.device())), 0);
    }

    /** See {@link Torch#istft(Tensor, int, Integer, Integer, Tensor, boolean, boolean, Boolean, Integer)}. */
    static Tensor istft(Tensor input, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center, boolean normalized,
            Boolean onesidedOpt, Integer length, boolean returnComplex) {
        int hop = hopLength != null ? hopLength : nFft >> 2;
        int win = winLength != null ? winLength : nFft;
        // torch reads a real input as the old [..., 2] layout, and asks for sizes -2 and -3 of the real view
        int realDim = input.isComplex() ? input.dim() + 1 : input.dim();
        if (realDim < 3) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + -realDim + ", " + (realDim - 1)
                    + "], but got " + (realDim < 2 ? -2 : -3) + ")");
        }
        Tensor z = input.isComplex() ? input : Torch.viewAsComplex(input);
        String prefix = "istft(" + (z.device().isCpu() ? "CPU" : "CUDA") + Printer.cppName(z.dtype()) + "Type" + Arrays.toString(z.shape())
                + ", n_fft=" + nFft + ", hop_length=" + hop + ", win_length=" + win + ", window="
                + (window == null ? "None" : Printer.typeName(window) + "{" + Arrays.toString(window.shape()) + "}") + ", center=" + (center ? 1 : 0)
                + ", normalized=" + (normalized ? 1 : 0) + ", onesided=" + (onesidedOpt == null ? "None" : onesidedOpt ? "1" : "0") + ", length="
                + (length == null ? "None" : length) + ", return_complex=" + (returnComplex ? 1 : 0) + ")";
        if (!returnComplex && window != null && window.isComplex()) throw new IllegalArgumentException("Complex windows are incompatible with return_complex=False");
        if (z.numel() == 0) throw new IllegalArgumentException(prefix + " : input tensor cannot be empty.");
        if (realDim != 3 && realDim != 4) throw new IllegalArgumentException(prefix + " : expected a tensor with 3 or 4 dimensions, but got " + realDim);
        long fftSize = z.size(-2), frames = z.size(-1);
        boolean onesided = onesidedOpt != null ? onesidedOpt : fftSize != nFft;
        if (onesided && nFft / 2 + 1 != fftSize) {
            // "onsided" is PyTorch 1.13's spelling
            throw new IllegalArgumentException(prefix + " : expected the frequency dimension (3rd to the last) of the input tensor to match n_fft / 2 + 1"
                    + " when onsided=True, but got " + fftSize);
        }
        if (!onesided && nFft != fftSize) {
            throw new IllegalArgumentException(prefix + " : expected the frequency dimension (3rd to the last) of the input tensor to match n_fft when"
                    + " onsided=False, but got " + fftSize);
        }
        if (!(0 < hop && hop <= win)) throw new IllegalArgumentException(prefix + " : expected 0 < hop_length <= win_length");
        if (!(0 < win && win <= nFft)) throw new IllegalArgumentException(prefix + " : expected 0 < win_length <= n_fft");
        if (window != null && (window.dim() != 1 || window.size(0) != win)) {
            throw new IllegalArgumentException(prefix + " : Invalid window shape. window has to be 1D and length of `win_length`");
        }
        if (returnComplex && onesided) throw new IllegalArgumentException("Cannot have onesided output if window or input is complex");
        DType real = z.dtype() == DType.COMPLEX128 ? DType.FLOAT64 : DType.FLOAT32;
        Tensor w = window != null && window.isComplex()
                ? Torch.complex(fullWindow(window.real(), win, nFft, real, z.device()), fullWindow(window.imag(), win, nFft, real, z.device()))
                : fullWindow(window, win, nFft, real, z.device());
        if (w == null) w = Torch.ones(new long[] {nFft}, real, z.device());
        boolean batched = realDim == 4;
        Tensor spec = (batched ? z : z.unsqueeze(0)).transpose(1, 2); // [batch, frames, freq]
        String norm = normalized ? "ortho" : "backward";
        Tensor windowed;
        if (returnComplex) {
            windowed = Fft.ifft(spec, (long) nFft, -1, norm).mul(w); // a complex signal: the full inverse FFT
        } else {
            if (!onesided) spec = spec.narrow(2, 0, nFft / 2 + 1); // the inverse real FFT reads the non-negative half
            windowed = Fft.irfft(spec, (long) nFft, -1, norm).mul(w); // [batch, frames, n_fft]
        }
        long expected = nFft + (long) hop * (frames - 1);
        Tensor y = overlapAdd(windowed, hop);
        Tensor envelope = overlapAdd(w.square().expand(1, frames, nFft), hop).reshape(expected);
        long start = center ? nFft / 2 : 0;
        // PyTorch slices [start, -(n_fft / 2)) when centred: for n_fft 1 that is [0, 0), and fails below
        long end = length != null ? start + length : center ? (nFft / 2 == 0 ? 0 : expected - nFft / 2) : expected;
        long stop = Math.min(Math.max(end, start), expected);
        y = y.narrow(1, start, stop - start);
        envelope = envelope.narrow(0, start, stop - start);
        if (envelope.numel() == 0) {
            throw new IllegalArgumentException("min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim"
                    + " with the 'dim' argument.");
        }
        if (envelope.abs().min().item() < 1e-11) throw new IllegalArgumentException(prefix + " window overlap add min: 1\n[ CPUBoolType{} ]");
        y = y.div(envelope);
        if (end > expected) y = Torch.cat(List.of(y, Torch.zeros(new long[] {y.size(0), end - expected}, y.dtype(), y.device())), 1); // torch warns and pads
        return batched ? y : y.squeeze(0);
    }

    /**
     * The sum of {@code frames [batch, frames, n_fft]} placed {@code hop} apart: {@code [batch, n_fft + hop (frames - 1)]},
     * each position summed from the latest frame to the earliest, as PyTorch 1.13's overlap-add ({@code col2im}, by
     * kernel offset) does: float32 sums of three or more terms depend on the order. With {@code g = gcd(n_fft, hop)},
     * chunk j (of {@code g} values) of frame t lands on block {@code t (hop / g) + j} of the output, so the sum is
     * {@code n_fft / g} shifted planes, one per chunk, each a copy of {@code [batch, frames, g]} spread {@code hop / g}
     * blocks apart, added from the first chunk (the latest frame at any block) to the last.
     */
    private static Tensor overlapAdd(Tensor frames, int hop) {
        long batch = frames.size(0), n = frames.size(1), nFft = frames.size(2);
        if (frames.isComplex()) {
            // the parts overlap-add separately: as a batch twice as large, the part first
            Tensor parts = Torch.viewAsReal(frames).movedim(3, 0).reshape(2 * batch, n, nFft);
            Tensor sum = overlapAdd(parts, hop);
            return Torch.viewAsComplex(sum.reshape(2, batch, sum.size(1)).movedim(0, 2).contiguous());
        }
        long g = gcd(nFft, hop), spread = hop / g, chunks = nFft / g, blocks = spread * (n - 1) + chunks;
        Tensor planes = frames.reshape(batch, n, chunks, g);
        Tensor sum = null;
        for (long j = 0; j < chunks; j++) {
            Tensor chunk = planes.select(2, j); // [batch, n, g]
            if (spread > 1) chunk = Torch.pad(chunk, new long[] {0, (spread - 1) * g}, "constant", 0); // a frame's block, then gaps
            Tensor spaced = chunk.reshape(batch, n * spread * g).narrow(1, 0, ((n - 1) * spread + 1) * g);
            Tensor shifted = Torch.pad(spaced, new long[] {j * g, (chunks - 1 - j) * g}, "constant", 0); // [batch, blocks * g]
            sum = sum == null ? shifted : sum.add(shifted);
        }
        return sum.reshape(batch, blocks * g);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
