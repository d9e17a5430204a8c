package org.torch4j.vision.ops;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;

/**
 * DropBlock ({@code torchvision.ops.DropBlock2d}, Ghiasi et al. 2018): in training, zeroes square blocks of each
 * feature map and rescales the rest so that the mean is kept. Block centres are drawn with one
 * {@code bernoulli_} as torchvision draws them, so a seeded run drops torchvision's blocks.
 */
public class DropBlock2d extends Module {
    /** The probability of an element being dropped. */
    public final double p;
    /** The side of the dropped blocks. */
    public final long blockSize;
    /** Whether the input itself is scaled. */
    public final boolean inplace;
    /** Added to the kept count's denominator for stability. */
    public final double eps;

    /** With torchvision's defaults: not in place, {@code eps = 1e-6}. */
    public DropBlock2d(double p, long blockSize) {
        this(p, blockSize, false, 1e-6);
    }

    /**
     * A DropBlock layer.
     *
     * @param p the probability of an element being dropped
     * @param blockSize the side of the dropped blocks
     * @param inplace whether to scale the input itself (default false)
     * @param eps added to the denominator of the rescaling (default 1e-6)
     */
    public DropBlock2d(double p, long blockSize, boolean inplace, double eps) {
        this.p = p;
        this.blockSize = blockSize;
        this.inplace = inplace;
        this.eps = eps;
    }

    @Override
    public Tensor forward(Tensor input) {
        return dropBlock2d(input, p, blockSize, inplace, eps, training);
    }

    /** {@link #dropBlock2d(Tensor, double, long, boolean, double, boolean)} in training, not in place, {@code eps = 1e-6}. */
    public static Tensor dropBlock2d(Tensor input, double p, long blockSize) {
        return dropBlock2d(input, p, blockSize, false, 1e-6, true);
    }

    /**
     * The functional form ({@code torchvision.ops.drop_block2d}).
     *
     * @param input {@code [N, C, H, W]}
     * @param p the probability of an element being dropped, in [0, 1]
     * @param blockSize the side of the blocks, at most the smaller side of the input; torchvision's arithmetic
     *     keeps the shape only for odd sizes (an even one fails, as there, on the mismatched mask)
     * @param inplace whether to scale {@code input} itself
     * @param eps added to the denominator of the rescaling
     * @param training when false, or when {@code p} is 0, the input is returned as is
     * @return the input with blocks zeroed, scaled by {@code numel / (eps + kept)}
     * @throws IllegalArgumentException for {@code p} outside [0, 1] or an input that is not 4-d
     */
    public static Tensor dropBlock2d(Tensor input, double p, long blockSize, boolean inplace, double eps, boolean training) {
        return dropBlock(input, p, blockSize, inplace, eps, training, 2);
    }

    /** drop_block2d and drop_block3d: blocks over the last {@code rank} dims. */
    static Tensor dropBlock(Tensor input, double p, long blockSize, boolean inplace, double eps, boolean training, int rank) {
        if (p < 0.0 || p > 1.0) throw new IllegalArgumentException("drop probability has to be between 0 and 1, but got " + PyRepr.of(p) + ".");
        if (input.dim() != rank + 2) {
            throw new IllegalArgumentException("input should be " + (rank + 2) + " dimensional. Got " + input.dim() + " dimensions.");
        }
        if (!training || p == 0.0) return input;
        long block = blockSize;
        for (int i = 2; i < rank + 2; i++) block = Math.min(block, input.size(i));
        // gamma as torchvision computes it: (p * D * H * W) / (block ** rank * ((D - block + 1) * ...)), left to right
        double numerator = p;
        long cells = 1, blockVolume = 1;
        long[] noiseShape = input.shape().clone();
        for (int i = 2; i < rank + 2; i++) {
            numerator *= input.size(i);
            cells *= input.size(i) - block + 1;
            blockVolume *= block;
            noiseShape[i] = input.size(i) - block + 1;
        }
        double gamma = numerator / (double) (blockVolume * cells);
        Tensor noise = input.newEmpty(noiseShape).bernoulli_(gamma);
        long half = block / 2;
        long[] pad = new long[2 * rank], kernel = new long[rank], ones = new long[rank], padding = new long[rank];
        java.util.Arrays.fill(pad, half);
        java.util.Arrays.fill(kernel, block);
        java.util.Arrays.fill(ones, 1);
        java.util.Arrays.fill(padding, half);
        noise = F.pad(noise, pad, "constant", 0.0);
        noise = rank == 2 ? F.maxPool2d(noise, kernel, ones, padding, ones, false) : F.maxPool3d(noise, kernel, ones, padding, ones, false);
        noise = noise.rsub(1.0);
        // Python's numel / tensor is tensor.reciprocal() * numel
        Tensor scale = noise.sum().add(eps).reciprocal().mul((double) noise.numel());
        return inplace ? input.mul_(noise).mul_(scale) : input.mul(noise).mul(scale);
    }

    @Override
    protected String extraRepr() {
        return "p=" + PyRepr.of(p) + ", block_size=" + blockSize + ", inplace=" + (inplace ? "True" : "False");
    }
}
