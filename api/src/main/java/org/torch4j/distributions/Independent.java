package org.torch4j.distributions;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;

/**
 * Reinterprets the rightmost {@code reinterpretedBatchNdims} batch dims of a distribution as event
 * dims ({@code torch.distributions.Independent}): {@code logProb} and {@code entropy} sum over them.
 * For example a {@code Normal} of batch shape [3] becomes a distribution over vectors of length 3.
 */
public final class Independent extends Distribution {
    private final Distribution base;
    private final int reinterpretedBatchNdims;

    /** {@code base} with its last {@code reinterpretedBatchNdims} batch dims made event dims. */
    public Independent(Distribution base, int reinterpretedBatchNdims) {
        this(base, reinterpretedBatchNdims, null);
    }

    /** As {@link #Independent(Distribution, int)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Independent(Distribution base, int reinterpretedBatchNdims, Boolean validateArgs) {
        super(split(base, reinterpretedBatchNdims, true), split(base, reinterpretedBatchNdims, false), validateArgs);
        this.base = base;
        this.reinterpretedBatchNdims = reinterpretedBatchNdims;
    }

    private static long[] split(Distribution base, int n, boolean batch) {
        long[] batchShape = base.batchShape();
        if (n > batchShape.length) {
            throw new IllegalArgumentException("Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), actual "
                    + n + " vs " + batchShape.length);
        }
        long[] shape = Util.concat(batchShape, base.eventShape());
        int cut = batchShape.length - n;
        return batch ? Arrays.copyOf(shape, cut) : Arrays.copyOfRange(shape, cut, shape.length);
    }

    /** The underlying distribution. */
    public Distribution baseDist() {
        return base;
    }

    /** How many batch dims became event dims. */
    public int reinterpretedBatchNdims() {
        return reinterpretedBatchNdims;
    }

    @Override
    protected List<Param> params() {
        return List.of();
    }

    @Override
    public Constraint support() {
        return reinterpretedBatchNdims == 0 ? base.support() : Constraint.independent(base.support(), reinterpretedBatchNdims);
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    public Tensor mean() {
        return base.mean();
    }

    @Override
    public Tensor mode() {
        return base.mode();
    }

    @Override
    public Tensor variance() {
        return base.variance();
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        return base.sample(sampleShape, generator);
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        return base.rsample(sampleShape, generator);
    }

    /** The base's log-probabilities summed over the reinterpreted dims (the base validates the value). */
    @Override
    public Tensor logProb(Tensor value) {
        return Util.sumRightmost(base.logProb(value), reinterpretedBatchNdims);
    }

    @Override
    public Tensor entropy() {
        return Util.sumRightmost(base.entropy(), reinterpretedBatchNdims);
    }

    @Override
    public Independent expand(long... batchShape) {
        long[] event = eventShape();
        long[] baseBatch = Util.concat(batchShape, Arrays.copyOf(event, reinterpretedBatchNdims));
        return new Independent(base.expand(baseBatch), reinterpretedBatchNdims, validateArgs());
    }

    /** {@code Independent(<base>, n)}, as PyTorch. */
    @Override
    public String toString() {
        return "Independent(" + base + ", " + reinterpretedBatchNdims + ")";
    }
}
