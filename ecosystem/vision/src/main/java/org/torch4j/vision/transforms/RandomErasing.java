package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Random Erasing (Zhong et al. 2017; {@code torchvision.transforms.RandomErasing}): with probability {@code p}, a
 * rectangle of a random share ({@code scale}) of the area and aspect ratio ({@code ratio}, drawn in log space) is set
 * to {@code value}: one value, one per channel, or null for standard normal noise. Up to ten tries find a rectangle
 * that fits; otherwise the image is returned as it is. Draws as torchvision's, so seeded results match.
 */
public final class RandomErasing implements UnaryOperator<Tensor> {
    private final double p;
    private final double[] scale, ratio, value;
    private final boolean inplace;

    /** torchvision's defaults: p 0.5, scale [0.02, 0.33], ratio [0.3, 3.3], value 0. */
    public RandomErasing() {
        this(0.5, new double[] {0.02, 0.33}, new double[] {0.3, 3.3}, new double[] {0}, false);
    }

    /**
     * @param value one value, one per channel, or null for random normal values ({@code value="random"})
     * @throws IllegalArgumentException for a scale or ratio range that is not increasing, or a scale outside [0, 1]
     */
    public RandomErasing(double p, double[] scale, double[] ratio, double[] value, boolean inplace) {
        this.p = Draws.checkProbability(p);
        if (scale.length != 2 || ratio.length != 2) throw new IllegalArgumentException("Scale and ratio should be of kind (min, max)");
        if (scale[0] > scale[1] || ratio[0] > ratio[1]) throw new IllegalArgumentException("Scale and ratio should be of kind (min, max)");
        if (scale[0] < 0 || scale[1] > 1) throw new IllegalArgumentException("Scale should be between 0 and 1");
        this.scale = scale.clone();
        this.ratio = ratio.clone();
        this.value = value == null ? null : value.clone();
        this.inplace = inplace;
    }

    @Override
    public Tensor apply(Tensor img) {
        if (!Draws.tensorBelow(p)) return img;
        int c = (int) img.size(-3), h = (int) img.size(-2), w = (int) img.size(-1);
        if (value != null && value.length != 1 && value.length != c) {
            throw new IllegalArgumentException("If value is a sequence, it should have either a single value or " + c + " (number of input channels)");
        }
        Tensor logRatio = Torch.tensor(new float[] {(float) ratio[0], (float) ratio[1]}, 2).log(); // torch.log(torch.tensor(ratio))
        double logLo = logRatio.get(0).item(), logHi = logRatio.get(1).item();
        for (int attempt = 0; attempt < 10; attempt++) {
            double eraseArea = (double) h * w * Torch.empty(1).uniform_(scale[0], scale[1]).item();
            double aspect = Torch.empty(1).uniform_(logLo, logHi).exp().item();
            int eh = (int) Math.rint(Math.sqrt(eraseArea * aspect)), ew = (int) Math.rint(Math.sqrt(eraseArea / aspect));
            if (!(eh < h && ew < w)) continue;
            Tensor v = (value == null ? Torch.empty(new long[] {c, eh, ew}, DType.FLOAT32).normal_(0, 1)
                    : Torch.tensor(value, value.length).view(-1, 1, 1)).to(img.device());
            int i = (int) Torch.randint(0, h - eh + 1, 1).item();
            int j = (int) Torch.randint(0, w - ew + 1, 1).item();
            return Functional.erase(img, i, j, eh, ew, v, inplace);
        }
        return img;
    }
}
