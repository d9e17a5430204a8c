package org.torch4j.audio.transforms;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;
import org.torch4j.optim.SGD;

/**
 * {@code torchaudio.transforms.InverseMelScale} (0.13): a linear spectrogram {@code [..., n_stft, time]}
 * estimated from a mel spectrogram {@code [..., n_mels, time]} by torchaudio's algorithm: start from
 * {@code torch.rand} values, then SGD (lr 0.1, momentum 0.9) on the mean over frames of the squared
 * mel error, clamping to non-negative values after each step, until the loss is below
 * {@code toleranceLoss}, changes by less than {@code toleranceChange}, or {@code maxIter} steps ran.
 * The random start comes from {@link Builder#generator} (default: the default generator), the same
 * numbers as torchaudio after {@code torch.manual_seed}, so the result is torchaudio's. The filter bank is
 * the buffer {@code fb} {@code [n_stft, n_mels]}, as {@link MelScale}'s.
 */
public final class InverseMelScale extends Module {
    final int nMels, maxIter;
    final double toleranceLoss, toleranceChange, lr, momentum;
    final Generator generator;

    InverseMelScale(Builder b) {
        double fMax = b.fMax != null && b.fMax != 0 ? b.fMax : (double) (b.sampleRate / 2); // torchaudio: f_max or sample_rate // 2
        if (b.fMin > fMax) throw new IllegalArgumentException("Require f_min: " + b.fMin + " <= f_max: " + fMax);
        this.nMels = b.nMels;
        this.maxIter = b.maxIter;
        this.toleranceLoss = b.toleranceLoss;
        this.toleranceChange = b.toleranceChange;
        this.lr = b.lr;
        this.momentum = b.momentum;
        this.generator = b.generator;
        registerBuffer("fb", AudioFunctional.melscaleFbanks(b.nStft, b.fMin, fMax, b.nMels, b.sampleRate, b.norm, b.melScale));
    }

    /** The options for spectrograms of {@code nStft} bins ({@code n_fft / 2 + 1}), with torchaudio's defaults. */
    public static Builder builder(int nStft) {
        return new Builder(nStft);
    }

    /** The filter bank {@code [n_stft, n_mels]}. */
    public Tensor fb() {
        return buffer("fb");
    }

    /** The estimated linear spectrogram {@code [..., n_stft, time]} of {@code melspec [..., n_mels, time]}. */
    @Override
    public Tensor forward(Tensor melspec) {
        long[] shape = melspec.shape();
        if (shape.length < 2) throw new IllegalArgumentException("InverseMelScale expects [..., n_mels, time], got " + shape.length + " dims");
        long mels = shape[shape.length - 2], time = shape[shape.length - 1];
        Tensor target = melspec.reshape(-1, mels, time).transpose(1, 2); // [B, time, n_mels]
        if (nMels != mels) throw new IllegalArgumentException("Expected an input with " + nMels + " mel bins. Found: " + mels);
        Tensor fb = fb();
        long freq = fb.size(0);
        Tensor spec = Torch.zeros(new long[] {target.size(0), time, freq}, melspec.dtype(), melspec.device())
                .uniform_(0, 1, generator == null ? Torch.defaultGenerator() : generator).requiresGrad_(true);
        SGD optim = new SGD(List.of(spec), SGD.options(lr).momentum(momentum));
        double loss = Double.POSITIVE_INFINITY;
        try (var grad = Torch.enableGrad()) {
            for (int i = 0; i < maxIter; i++) {
                try (var scope = Torch.scope()) {
                    optim.zeroGrad();
                    Tensor diff = target.sub(spec.matmul(fb));
                    Tensor newLoss = diff.pow(2).sum(-1).mean();
                    newLoss.backward();
                    optim.step();
                    try (var ng = Torch.noGrad()) {
                        spec.clampMin_(0); // torchaudio: specgram.data = specgram.data.clamp(min=0)
                    }
                    double l = newLoss.item();
                    if (l < toleranceLoss || Math.abs(loss - l) < toleranceChange) break;
                    loss = l;
                }
            }
        }
        Tensor out;
        try (var ng = Torch.noGrad()) {
            out = spec.detach().clampMin(0).transpose(1, 2);
        }
        long[] outShape = shape.clone();
        outShape[outShape.length - 2] = freq;
        return out.reshape(outShape);
    }

    /** InverseMelScale options, named as torchaudio's keyword arguments. */
    public static final class Builder {
        final int nStft;
        int nMels = 128, sampleRate = 16000, maxIter = 100000;
        double fMin = 0.0, toleranceLoss = 1e-5, toleranceChange = 1e-8, lr = 0.1, momentum = 0.9;
        Double fMax;
        String norm, melScale = "htk";
        Generator generator;

        Builder(int nStft) {
            this.nStft = nStft;
        }

        /** Mel bins (default 128). */
        public Builder nMels(int v) {
            nMels = v;
            return this;
        }

        /** Sample rate (default 16000). */
        public Builder sampleRate(int v) {
            sampleRate = v;
            return this;
        }

        /** Lowest frequency (default 0). */
        public Builder fMin(double v) {
            fMin = v;
            return this;
        }

        /** Highest frequency (default {@code sampleRate / 2}). */
        public Builder fMax(Double v) {
            fMax = v;
            return this;
        }

        /** The most SGD steps (default 100000). */
        public Builder maxIter(int v) {
            maxIter = v;
            return this;
        }

        /** Stop once the loss is below this (default 1e-5). */
        public Builder toleranceLoss(double v) {
            toleranceLoss = v;
            return this;
        }

        /** Stop once the loss changes by less than this (default 1e-8). */
        public Builder toleranceChange(double v) {
            toleranceChange = v;
            return this;
        }

        /** torchaudio's {@code sgdargs}: learning rate and momentum (default 0.1 and 0.9). */
        public Builder sgd(double lr, double momentum) {
            this.lr = lr;
            this.momentum = momentum;
            return this;
        }

        /** Filter-bank normalisation: null (default) or "slaney". */
        public Builder norm(String v) {
            norm = v;
            return this;
        }

        /** "htk" (default) or "slaney". */
        public Builder melScale(String v) {
            melScale = v;
            return this;
        }

        /** The random source of the starting point (default: the default generator). */
        public Builder generator(Generator v) {
            generator = v;
            return this;
        }

        /** The module. */
        public InverseMelScale build() {
            return new InverseMelScale(this);
        }
    }
}
