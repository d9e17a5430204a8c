package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Elastic deformation ({@code torchvision.transforms.ElasticTransform}): uniform random displacement fields in
 * [-1, 1], smoothed by a Gaussian of standard deviation {@code sigma} and scaled by {@code alpha} (x and y each),
 * drawn as torchvision draws them, then {@link Functional#elasticTransform}.
 */
public final class ElasticTransform implements UnaryOperator<Tensor> {
    private final double[] alpha, sigma;
    private final InterpolationMode mode;
    private final double fill;

    /** torchvision's defaults: alpha 50, sigma 5, bilinear, fill 0. */
    public ElasticTransform() {
        this(new double[] {50.0, 50.0}, new double[] {5.0, 5.0}, InterpolationMode.BILINEAR, 0);
    }

    /** @param alpha [x, y] magnitudes (or one for both); @param sigma [x, y] smoothness (or one for both) */
    public ElasticTransform(double[] alpha, double[] sigma, InterpolationMode mode, double fill) {
        if (alpha.length != 1 && alpha.length != 2) throw new IllegalArgumentException("If alpha is a sequence its length should be 2. Got " + alpha.length);
        if (sigma.length != 1 && sigma.length != 2) throw new IllegalArgumentException("If sigma is a sequence its length should be 2. Got " + sigma.length);
        this.alpha = alpha.length == 1 ? new double[] {alpha[0], alpha[0]} : alpha.clone();
        this.sigma = sigma.length == 1 ? new double[] {sigma[0], sigma[0]} : sigma.clone();
        this.mode = mode;
        this.fill = fill;
    }

    /** One displacement field [1, 1, H, W], blurred and scaled as torchvision's {@code get_params} does. */
    private Tensor field(int h, int w, double a, double s, int size) {
        Tensor d = Torch.rand(1, 1, h, w).mul(2).sub(1);
        if (s > 0.0) {
            int k = (int) (8 * s + 1);
            if (k % 2 == 0) k++;
            d = Functional.gaussianBlur(d, k, k, sigma[0], sigma[1]);
        }
        return d.mul(a).div(size);
    }

    @Override
    public Tensor apply(Tensor img) {
        int h = Functional.height(img), w = Functional.width(img);
        Tensor dx = field(h, w, alpha[0], sigma[0], h), dy = field(h, w, alpha[1], sigma[1], w);
        Tensor displacement = Torch.cat(java.util.List.of(dx, dy), 1).permute(0, 2, 3, 1);
        return Functional.elasticTransform(img, displacement, mode, new double[] {fill});
    }
}
