package org.torch4j.audio.transforms;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.Fade}: multiplies {@code [..., time]} by a fade-in over its first
 * {@code fadeInLen} samples and a fade-out over its last {@code fadeOutLen} samples. The curves are
 * float32, as torchaudio's ({@code torch.linspace(0, 1, n)} shaped by {@code fadeShape}).
 */
public final class Fade extends Module {
    final int fadeInLen, fadeOutLen;
    final String fadeShape;

    /** No fade, linear (torchaudio's defaults). */
    public Fade() {
        this(0, 0, "linear");
    }

    /**
     * A fade of the given lengths and shape.
     *
     * @param fadeInLen samples of fade-in
     * @param fadeOutLen samples of fade-out
     * @param fadeShape "linear", "exponential", "logarithmic", "quarter_sine" or "half_sine"
     */
    public Fade(int fadeInLen, int fadeOutLen, String fadeShape) {
        if (!java.util.List.of("linear", "exponential", "logarithmic", "quarter_sine", "half_sine").contains(fadeShape)) {
            // torchaudio accepts any string and then fades nothing for an unknown one; refusing it is kinder
            throw new IllegalArgumentException("fade_shape must be one of \"linear\", \"exponential\", \"logarithmic\", \"quarter_sine\" or"
                    + " \"half_sine\", got " + fadeShape);
        }
        this.fadeInLen = fadeInLen;
        this.fadeOutLen = fadeOutLen;
        this.fadeShape = fadeShape;
    }

    /** {@code fadeIn(time) * fadeOut(time) * waveform}. */
    @Override
    public Tensor forward(Tensor waveform) {
        long n = waveform.size(-1);
        // fade-in first: a fade longer than the waveform fails in torch.ones(n - len), as in torchaudio
        return fadeIn(n).mul(fadeOut(n)).to(waveform.device()).mul(waveform);
    }

    private static Tensor ramp(int len) {
        return Torch.linspace(0, 1, len).to(DType.FLOAT32);
    }

    private Tensor fadeIn(long n) {
        Tensor f = ramp(fadeInLen);
        f = switch (fadeShape) {
            case "exponential" -> f.sub(1).exp2().mul(f);
            case "logarithmic" -> f.add(0.1).log10().add(1);
            case "quarter_sine" -> f.mul(Math.PI / 2).sin();
            case "half_sine" -> f.mul(Math.PI).sub(Math.PI / 2).sin().div(2).add(0.5);
            default -> f;
        };
        return Torch.cat(java.util.List.of(f, Torch.ones(new long[] {n - fadeInLen}, DType.FLOAT32))).clamp(0.0, 1.0);
    }

    private Tensor fadeOut(long n) {
        Tensor f = ramp(fadeOutLen);
        f = switch (fadeShape) {
            case "exponential" -> f.neg().exp2().mul(f.rsub(1));
            case "logarithmic" -> f.rsub(1.1).log10().add(1);
            case "quarter_sine" -> f.mul(Math.PI / 2).add(Math.PI / 2).sin();
            case "half_sine" -> f.mul(Math.PI).add(Math.PI / 2).sin().div(2).add(0.5);
            default -> f.neg().add(1);
        };
        return Torch.cat(java.util.List.of(Torch.ones(new long[] {n - fadeOutLen}, DType.FLOAT32), f)).clamp(0.0, 1.0);
    }
}
