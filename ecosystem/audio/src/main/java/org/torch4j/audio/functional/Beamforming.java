package org.torch4j.audio.functional;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.Linalg;

/**
 * Multi-channel beamforming of {@code torchaudio.functional} (0.13): power spectral density matrices ({@link #psd}),
 * relative transfer functions ({@link #rtfEvd}, {@link #rtfPower}), MVDR weights ({@link #mvdrWeightsSouden},
 * {@link #mvdrWeightsRtf}) and their application ({@link #applyBeamforming}), on complex STFTs, written with
 * differentiable tensor operations (complex einsum, solve, eigh) as torchaudio's are.
 */
public final class Beamforming {
    private Beamforming() {}

    /**
     * The power spectral density matrix of a multi-channel STFT ({@code psd}): {@code specgram} [..., channel, freq,
     * time] complex; {@code mask} [..., freq, time] weights the frames (normalised to sum 1 per frequency when
     * {@code normalize}; null for equal weights, unnormalised); returns [..., freq, channel, channel].
     *
     * @throws IllegalArgumentException if the mask's shape does not match the spectrogram's
     */
    public static Tensor psd(Tensor specgram, Tensor mask, boolean normalize, double eps) {
        Tensor spec = specgram.transpose(-3, -2); // [..., freq, channel, time]
        Tensor psd = Torch.einsum("...ct,...et->...tce", spec, spec.conj());
        if (mask != null) {
            long[] expected = spec.shape().clone();
            long[] maskShape = mask.shape();
            boolean ok = maskShape.length == expected.length - 1
                    && Arrays.equals(Arrays.copyOf(maskShape, maskShape.length - 1), Arrays.copyOf(expected, expected.length - 2))
                    && maskShape[maskShape.length - 1] == expected[expected.length - 1];
            if (!ok) {
                throw new IllegalArgumentException("The dimensions of mask except the channel dimension should be the same as specgram."
                        + "Found " + Arrays.toString(maskShape) + " for mask and " + Arrays.toString(specgram.shape()) + " for specgram.");
            }
            Tensor m = normalize ? mask.div(mask.sum(new int[] {-1}, true).add(eps)) : mask;
            psd = psd.mul(m.unsqueeze(-1).unsqueeze(-1));
        }
        return psd.sum(new int[] {-3}, false);
    }

    private static Tensor trace(Tensor m) {
        return m.diagonal(0, -2, -1).sum(new int[] {-1}, false);
    }

    /** torchaudio's {@code _tik_reg}: {@code mat + (trace(mat).real * reg + eps) I}. */
    private static Tensor tikhonov(Tensor mat, double reg, double eps) {
        long c = mat.size(-1);
        Tensor epsilon = trace(mat).real().unsqueeze(-1).unsqueeze(-1).mul(reg).add(eps);
        return mat.add(epsilon.mul(Torch.eye(c).to(mat)));
    }

    private static void checkPsd(Tensor s, Tensor n) {
        if (s.dim() < 3 || n.dim() < 3) {
            throw new IllegalArgumentException("Expected at least 3D Tensor (..., freq, channel, channel) for psd_s and psd_n. Found "
                    + Arrays.toString(s.shape()) + " for psd_s and " + Arrays.toString(n.shape()) + " for psd_n.");
        }
        if (!s.isComplex() || !n.isComplex()) {
            throw new IllegalArgumentException("The type of psd_s and psd_n must be ``torch.cfloat`` or ``torch.cdouble``. Found "
                    + s.dtype().torchName() + " for psd_s and " + n.dtype().torchName() + " for psd_n.");
        }
        if (!Arrays.equals(s.shape(), n.shape())) {
            throw new IllegalArgumentException("The dimensions of psd_s and psd_n should be the same. Found " + Arrays.toString(s.shape())
                    + " and " + Arrays.toString(n.shape()) + ".");
        }
        if (s.size(-1) != s.size(-2)) throw new IllegalArgumentException("The last two dimensions of psd_s should be the same. Found " + Arrays.toString(s.shape()) + ".");
    }

    /** The weights' column for a reference channel, given as an index or as a one-hot / soft vector [..., channel]. */
    private static Tensor select(Tensor ws, Object reference, Tensor like) {
        if (reference instanceof Integer c) return ws.select(-1, c);
        Tensor r = ((Tensor) reference).to(like.dtype());
        return Torch.einsum("...c,...c->...", ws, r.unsqueeze(-2).unsqueeze(-2));
    }

    /**
     * MVDR weights after Souden et al. ({@code mvdr_weights_souden}): {@code (psdN^-1 psdS) / trace(psdN^-1 psdS)} at
     * the reference channel (an index, or a [..., channel] weighting), psdN loaded with {@code diagEps} times its trace
     * when {@code diagonalLoading}; [..., freq, channel].
     */
    public static Tensor mvdrWeightsSouden(Tensor psdS, Tensor psdN, Object referenceChannel, boolean diagonalLoading, double diagEps, double eps) {
        checkPsd(psdS, psdN);
        Tensor n = diagonalLoading ? tikhonov(psdN, diagEps, 1e-8) : psdN;
        Tensor numerator = Linalg.solve(n, psdS);
        Tensor ws = numerator.div(trace(numerator).unsqueeze(-1).unsqueeze(-1).add(eps));
        return select(ws, referenceChannel, n);
    }

    /**
     * MVDR weights from a relative transfer function ({@code mvdr_weights_rtf}): {@code psdN^-1 rtf / (rtf^H psdN^-1
     * rtf)}, scaled by the reference channel's conjugate rtf when a reference (index or weighting) is given.
     */
    public static Tensor mvdrWeightsRtf(Tensor rtf, Tensor psdN, Object referenceChannel, boolean diagonalLoading, double diagEps, double eps) {
        if (rtf.dim() < 2 || psdN.dim() < 3 || !rtf.isComplex() || !psdN.isComplex()) {
            throw new IllegalArgumentException("Expected a complex rtf (..., freq, channel) and psd_n (..., freq, channel, channel). Found "
                    + Arrays.toString(rtf.shape()) + " " + rtf.dtype().torchName() + " and " + Arrays.toString(psdN.shape()) + " " + psdN.dtype().torchName() + ".");
        }
        if (!Arrays.equals(rtf.shape(), Arrays.copyOf(psdN.shape(), psdN.dim() - 1))) {
            throw new IllegalArgumentException("The dimensions of rtf and the dimensions withou the last dimension of psd_n should be the same. Found "
                    + Arrays.toString(rtf.shape()) + " for rtf and " + Arrays.toString(psdN.shape()) + " for psd_n.");
        }
        Tensor n = diagonalLoading ? tikhonov(psdN, diagEps, 1e-8) : psdN;
        Tensor numerator = Linalg.solve(n, rtf.unsqueeze(-1)).squeeze(-1);
        Tensor denominator = Torch.einsum("...d,...d->...", rtf.conj(), numerator);
        Tensor weights = numerator.div(denominator.real().unsqueeze(-1).add(eps));
        if (referenceChannel == null) return weights;
        Tensor scale = referenceChannel instanceof Integer c ? rtf.select(-1, c).conj()
                : Torch.einsum("...c,...c->...", rtf.conj(), ((Tensor) referenceChannel).to(n.dtype()).unsqueeze(-2));
        return weights.mul(scale.unsqueeze(-1));
    }

    /** The relative transfer function as the principal eigenvector of psdS ({@code rtf_evd}), [..., freq, channel]. */
    public static Tensor rtfEvd(Tensor psdS) {
        if (!psdS.isComplex()) throw new IllegalArgumentException("The type of psd_s must be ``torch.cfloat`` or ``torch.cdouble``. Found " + psdS.dtype().torchName() + ".");
        Tensor v = Linalg.eigh(psdS).eigenvectors();
        return v.select(-1, v.size(-1) - 1);
    }

    /**
     * The relative transfer function by power iteration ({@code rtf_power}): {@code psdN^-1 psdS} at the reference
     * channel, iterated {@code nIter - 2} times and multiplied by psdS (by psdN when {@code nIter} is 1).
     */
    public static Tensor rtfPower(Tensor psdS, Tensor psdN, Object referenceChannel, int nIter, boolean diagonalLoading, double diagEps) {
        checkPsd(psdS, psdN);
        if (nIter <= 0) throw new IllegalArgumentException("The number of iteration must be greater than 0.");
        Tensor n = diagonalLoading ? tikhonov(psdN, diagEps, 1e-8) : psdN;
        Tensor phi = Linalg.solve(n, psdS);
        Tensor rtf = select(phi, referenceChannel, n).unsqueeze(-1);
        if (nIter >= 2) {
            for (int i = 0; i < nIter - 2; i++) rtf = phi.matmul(rtf);
            rtf = psdS.matmul(rtf);
        } else {
            rtf = n.matmul(rtf);
        }
        return rtf.squeeze(-1);
    }

    /** The enhanced single-channel STFT {@code sum_c conj(w[f, c]) X[c, f, t]} ({@code apply_beamforming}), [..., freq, time]. */
    public static Tensor applyBeamforming(Tensor beamformWeights, Tensor specgram) {
        if (!beamformWeights.isComplex() || !specgram.isComplex()) {
            throw new IllegalArgumentException("The type of beamform_weights and specgram must be ``torch.cfloat`` or ``torch.cdouble``. Found "
                    + beamformWeights.dtype().torchName() + " for beamform_weights and " + specgram.dtype().torchName() + " for specgram.");
        }
        return Torch.einsum("...fc,...cft->...ft", beamformWeights.conj(), specgram);
    }
}
