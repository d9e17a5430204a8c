package org.torch4j.vision.ops;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * Stochastic depth ({@code torchvision.ops.StochasticDepth}): in training, zeroes the whole input
 * ({@code "batch"} mode) or whole rows of it ({@code "row"}) with probability {@code p}, and scales
 * what survives by {@code 1 / (1 - p)}. The mask is drawn as torchvision draws it (one
 * {@code bernoulli_} over a tensor of the mask's shape), so a seeded run keeps the same rows.
 */
public class StochasticDepth extends Module {
    private final double p;
    private final String mode;

    /**
     * Stochastic depth with drop probability {@code p} in the given mode.
     *
     * @param p the probability of dropping
     * @param mode {@code "batch"} or {@code "row"}
     */
    public StochasticDepth(double p, String mode) {
        this.p = p;
        this.mode = mode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return stochasticDepth(input, p, mode, training);
    }

    /**
     * The functional form ({@code stochastic_depth}).
     *
     * @param input {@code [N, ...]}, rows along the first dimension
     * @param p the probability of dropping, in [0, 1]
     * @param mode {@code "batch"} or {@code "row"}
     * @param training when false, or when {@code p} is 0, the input is returned as is
     * @return the randomly zeroed and rescaled input
     * @throws IllegalArgumentException for {@code p} outside [0, 1] or an unknown mode
     */
    public static Tensor stochasticDepth(Tensor input, double p, String mode, boolean training) {
        if (p < 0.0 || p > 1.0) throw new IllegalArgumentException("drop probability has to be between 0 and 1, but got " + PyRepr.of(p));
        if (!mode.equals("batch") && !mode.equals("row")) {
            throw new IllegalArgumentException("mode has to be either 'batch' or 'row', but got " + mode);
        }
        if (!training || p == 0.0) return input;
        double survival = 1.0 - p;
        long[] size = new long[input.dim()];
        Arrays.fill(size, 1);
        if (mode.equals("row")) size[0] = input.size(0);
        Tensor noise = input.newEmpty(size).bernoulli_(survival);
        if (survival > 0.0) noise.div_(survival);
        return input.mul(noise);
    }

    @Override
    protected String extraRepr() {
        return "p=" + PyRepr.of(p) + ", mode=" + mode;
    }
}
