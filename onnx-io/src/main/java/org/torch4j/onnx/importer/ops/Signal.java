package org.torch4j.onnx.importer.ops;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.ElemType;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/**
 * DFT and STFT as matmuls with cosine and sine matrices (complex values as a trailing axis of 2),
 * the window functions and MelWeightMatrix.
 */
public final class Signal {
    private Signal() {}

    public static void register(OpRegistry.Builder r) {
        r.single("DFT", c -> {
            Tensor x = c.in(0);
            int axis = Util.axis(c.i("axis", 1), x.dim());
            long n = c.has(1) ? c.in(1).itemLong() : x.size(axis);
            return dft(x, axis, n, c.i("onesided", 0) != 0, c.i("inverse", 0) != 0);
        });
        r.single("STFT", c -> {
            Tensor x = c.in(0), window = c.opt(2);
            long step = c.in(1).itemLong();
            long length = c.has(3) ? c.in(3).itemLong() : window.size(0);
            Tensor frames = x.unfold(1, length, step).movedim(3, 2);          // [batch, frames, length, 1|2]
            if (window != null) frames = frames.mul(window.to(x.dtype()).reshape(length, 1));
            return dft(frames, 2, length, c.i("onesided", 1) != 0, false);
        });
        r.single("HannWindow", c -> window(c, new double[] {0.5, -0.5, 0}));
        r.single("HammingWindow", c -> window(c, new double[] {25.0 / 46, -21.0 / 46, 0}));
        r.single("BlackmanWindow", c -> window(c, new double[] {0.42, -0.5, 0.08}));
        r.single("MelWeightMatrix", Signal::melWeights);
    }

    /** The DFT of [.., n, .., 1|2] along {@code axis}, padded or cut to {@code n}; output [.., k, .., 2]. */
    static Tensor dft(Tensor x, int axis, long n, boolean onesided, boolean inverse) {
        long len = x.size(axis);
        if (len > n) x = x.narrow(axis, 0, n);
        if (len < n) x = Util.padAxis(x, axis, 0, n - len);
        Tensor re = x.select(x.dim() - 1, 0).movedim(axis, -1);
        Tensor im = x.size(x.dim() - 1) > 1 ? x.select(x.dim() - 1, 1).movedim(axis, -1) : null;
        long k = onesided ? n / 2 + 1 : n;
        double[] cos = new double[(int) (n * k)], sin = new double[(int) (n * k)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double angle = 2 * Math.PI * ((long) i * j % n) / n;
                cos[(int) (i * k + j)] = Math.cos(angle);
                sin[(int) (i * k + j)] = (inverse ? 1 : -1) * Math.sin(angle);
            }
        }
        Tensor c = Torch.tensor(cos, n, k).to(x), s = Torch.tensor(sin, n, k).to(x);
        Tensor outRe = re.matmul(c), outIm = re.matmul(s);
        if (im != null) {
            outRe = outRe.sub(im.matmul(s));
            outIm = outIm.add(im.matmul(c));
        }
        if (inverse) {
            outRe = outRe.div(n);
            outIm = outIm.div(n);
        }
        return Torch.stack(List.of(outRe.movedim(-1, axis), outIm.movedim(-1, axis)), x.dim() - 1);
    }

    /** A cosine-sum window {@code a0 + a1 cos(2 pi n / N) + a2 cos(4 pi n / N)}. */
    private static Tensor window(OpCall c, double[] a) {
        long size = c.in(0).itemLong();
        double denom = c.i("periodic", 1) != 0 ? size : size - 1;
        double[] w = new double[(int) size];
        for (int i = 0; i < size; i++) {
            w[i] = a[0] + a[1] * Math.cos(2 * Math.PI * i / denom) + a[2] * Math.cos(4 * Math.PI * i / denom);
        }
        return Torch.tensor(w, size).to(ElemType.toDType((int) c.i("output_datatype", ElemType.FLOAT))).to(c.in(0).device());
    }

    /** Triangular filters on the mel scale, [dft_length/2 + 1, num_mel_bins]. */
    private static Tensor melWeights(OpCall c) {
        int bins = (int) c.in(0).itemLong();
        long dftLength = c.in(1).itemLong(), sampleRate = c.in(2).itemLong();
        double low = c.in(3).item(), high = c.in(4).item();
        int spectrogram = (int) (dftLength / 2 + 1);
        double lowMel = 2595 * Math.log10(1 + low / 700), highMel = 2595 * Math.log10(1 + high / 700);
        double step = (highMel - lowMel) / (bins + 2);
        long[] points = new long[bins + 2];
        for (int i = 0; i < bins + 2; i++) {
            double hz = 700 * (Math.pow(10, (i * step + lowMel) / 2595) - 1);
            points[i] = (long) Math.floor((dftLength + 1) * hz / sampleRate);
        }
        double[] w = new double[spectrogram * bins];
        for (int i = 0; i < bins; i++) {
            long left = points[i], center = points[i + 1], right = points[i + 2];
            if (center == left) {
                w[(int) (center * bins + i)] = 1;
            } else {
                for (long j = left; j <= center; j++) w[(int) (j * bins + i)] = (double) (j - left) / (center - left);
            }
            for (long j = center; j < right; j++) w[(int) (j * bins + i)] = (double) (right - j) / (right - center);
        }
        return Torch.tensor(w, spectrogram, bins).to(ElemType.toDType((int) c.i("output_datatype", ElemType.FLOAT))).to(c.in(0).device());
    }

}
