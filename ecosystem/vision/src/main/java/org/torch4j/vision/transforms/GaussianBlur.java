package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Gaussian blur with a standard deviation drawn uniformly from {@code sigma}
 * ({@code torch.empty(1).uniform_(lo, hi)}) ({@code torchvision.transforms.GaussianBlur}).
 */
public final class GaussianBlur implements UnaryOperator<Tensor> {
    private final int kx, ky;
    private final double sigmaLo, sigmaHi;

    /** A square kernel of {@code kernelSize} taps, sigma in (0.1, 2.0). */
    public GaussianBlur(int kernelSize) {
        this(kernelSize, kernelSize, 0.1, 2.0);
    }

    /** A {@code kx} (width) x {@code ky} (height) kernel, odd sizes; sigma drawn from [sigmaLo, sigmaHi]. */
    public GaussianBlur(int kx, int ky, double sigmaLo, double sigmaHi) {
        if (kx <= 0 || ky <= 0 || kx % 2 == 0 || ky % 2 == 0) throw new IllegalArgumentException("Kernel size value should be an odd and positive number.");
        if (sigmaLo <= 0 || sigmaHi < sigmaLo) throw new IllegalArgumentException("sigma values should be positive and of the form (min, max).");
        this.kx = kx;
        this.ky = ky;
        this.sigmaLo = sigmaLo;
        this.sigmaHi = sigmaHi;
    }

    /** The blurred image. */
    @Override
    public Tensor apply(Tensor img) {
        double sigma = Torch.empty(1).uniform_(sigmaLo, sigmaHi).item();
        return Functional.gaussianBlur(img, kx, ky, sigma, sigma);
    }
}
