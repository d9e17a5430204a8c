package org.torch4j.audio.functional;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.functional.AudioFunctional.Stft;
import org.torch4j.nn.F;

/**
 * {@code torch.istft} (PyTorch 1.13) on a real/imaginary pair: an inverse real DFT of each frame through
 * {@code matmul} with a cached basis, the window applied, the frames overlap-added by {@code F.fold}, and
 * the sum divided by the overlap-added squared window (the least-squares inverse of the STFT). Every
 * step is an ordinary differentiable op, so gradients of any order come from the autograd.
 */
final class Istft {
    private Istft() {}

    private record Key(int nFft, int bins) {}

    /** The inverse basis [2 * bins, n_fft] as float64 values, cached per size (arrays, so no scope can close them). */
    private static final Map<Key, double[]> BASES = new ConcurrentHashMap<>();

    /**
     * Rows {@code k < bins}: {@code c_k cos(2 pi k n / N)}; rows {@code bins + k}: {@code -c_k sin(2 pi k n / N)},
     * with {@code c_k = 2} for the bins that stand for a conjugate pair and 1 for DC and (even N) Nyquist.
     * The sine rows of DC and Nyquist are exactly zero: an inverse real FFT ignores those imaginary parts.
     */
    private static double[] basis(int nFft, int bins) {
        return BASES.computeIfAbsent(new Key(nFft, bins), k -> {
            double[] b = new double[2 * bins * nFft];
            for (int f = 0; f < bins; f++) {
                boolean single = f == 0 || 2 * f == nFft;
                double c = single ? 1 : 2;
                for (int n = 0; n < nFft; n++) {
                    long m = ((long) f * n) % nFft; // exact angle for large indices
                    double angle = 2 * Math.PI * m / nFft;
                    b[f * nFft + n] = c * Math.cos(angle);
                    b[(bins + f) * nFft + n] = single ? 0.0 : -c * Math.sin(angle);
                }
            }
            return b;
        });
    }

    /** The prefix of torch's istft messages: the call as PyTorch prints it. */
    private static String repr(Stft in, int nFft, int hop, int win, Tensor window, boolean center, boolean normalized, Boolean onesided,
            Integer length) {
        String complex = in.real().dtype() == DType.FLOAT64 ? "ComplexDouble" : "ComplexFloat";
        String w = window == null ? "None" : "torch." + (window.dtype() == DType.FLOAT64 ? "Double" : "Float") + "Tensor{"
                + Arrays.toString(window.shape()) + "}";
        return "istft(CPU" + complex + "Type" + Arrays.toString(in.real().shape()) + ", n_fft=" + nFft + ", hop_length=" + hop + ", win_length="
                + win + ", window=" + w + ", center=" + (center ? 1 : 0) + ", normalized=" + (normalized ? 1 : 0) + ", onesided="
                + (onesided == null ? "None" : onesided ? "1" : "0") + ", length=" + (length == null ? "None" : length) + ", return_complex=0)";
    }

    static Tensor istft(Stft in, int nFft, int hop, int win, Tensor window, boolean center, boolean normalized, Boolean onesidedOpt,
            Integer length) {
        Tensor re = in.real(), im = in.imag();
        if (!re.isFloatingPoint() || re.dtype() != im.dtype()) {
            throw new IllegalArgumentException("istft: expected real and imaginary parts of one floating point dtype, but got " + re.dtype()
                    + " and " + im.dtype());
        }
        if (!Arrays.equals(re.shape(), im.shape())) {
            throw new IllegalArgumentException("istft: the real and imaginary parts differ in shape: " + Arrays.toString(re.shape()) + " and "
                    + Arrays.toString(im.shape()));
        }
        // torch views the complex input as real [..., freq, frames, 2] and asks for sizes -2 and -3
        int realDim = re.dim() + 1;
        if (realDim < 3) {
            int asked = realDim < 2 ? -2 : -3;
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + -realDim + ", " + (realDim - 1)
                    + "], but got " + asked + ")");
        }
        String prefix = repr(in, nFft, hop, win, window, center, normalized, onesidedOpt, length);
        if (re.numel() == 0) throw new IllegalArgumentException(prefix + " : input tensor cannot be empty.");
        if (realDim != 3 && realDim != 4) {
            throw new IllegalArgumentException(prefix + " : expected a tensor with 3 or 4 dimensions, but got " + realDim);
        }
        long fftSize = re.size(-2), frames = re.size(-1);
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
        DType dtype = re.dtype();
        Tensor w = window == null ? Torch.ones(new long[] {win}, dtype) : window.to(dtype);
        if (win != nFft) {
            long left = (nFft - win) / 2;
            w = Torch.pad(w, new long[] {left, nFft - win - left}, "constant", 0.0);
        }
        boolean batched = realDim == 4;
        Tensor r = batched ? re : re.unsqueeze(0), i = batched ? im : im.unsqueeze(0);
        int bins = nFft / 2 + 1;
        if (!onesided) { // the inverse real FFT reads only the non-negative frequencies
            r = r.narrow(1, 0, bins);
            i = i.narrow(1, 0, bins);
        }
        // [n_fft, 2 * bins]: the inverse DFT with its normalisation, times the window, as one matrix
        double scale = normalized ? 1 / Math.sqrt(nFft) : 1.0 / nFft;
        Tensor basis = Torch.tensor(basis(nFft, bins), 2L * bins, nFft).to(dtype).mul(scale).mul(w).t();
        Tensor cols = basis.matmul(Torch.cat(java.util.List.of(r, i), 1)); // [B, n_fft, frames]: fold's columns
        long expected = nFft + hop * (frames - 1);
        long[] out = {1, expected}, kernel = {1, nFft}, one = {1, 1}, none = {0, 0}, stride = {1, hop};
        Tensor y = F.fold(cols, out, kernel, one, none, stride).reshape(cols.size(0), expected);
        Tensor envelope = F.fold(w.square().unsqueeze(1).expand(nFft, frames).unsqueeze(0), out, kernel, one, none, stride).reshape(expected);
        long start = center ? nFft / 2 : 0;
        long end = length != null ? start + length : center ? expected - nFft / 2 : expected;
        long stop = Math.min(Math.max(end, start), expected);
        y = y.narrow(1, start, stop - start);
        envelope = envelope.narrow(0, start, stop - start);
        if (envelope.abs().min().item() < 1e-11) {
            throw new IllegalArgumentException(prefix + " window overlap add min: 1\n[ CPUBoolType{} ]");
        }
        y = y.div(envelope);
        if (end > expected) y = Torch.pad(y, new long[] {0, end - expected}, "constant", 0.0); // torch warns and pads
        return batched ? y : y.squeeze(0);
    }
}
