package org.torch4j.distributions;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * A mixture of k distributions of one family ({@code torch.distributions.MixtureSameFamily}): a
 * {@link Categorical} over the components (batch shape {@code B}, k categories) and a component
 * distribution of batch shape {@code B + [k]}, whose last batch dim indexes the components. Samples
 * draw the categorical, then every component, and keep the chosen one, in PyTorch's order (so a seeded
 * generator gives PyTorch's numbers where the components' samples do). Not reparameterisable.
 */
public final class MixtureSameFamily extends Distribution {
    private final Categorical mixture;
    private final Distribution component;
    private final int eventNdims;

    /** The mixture of {@code component}'s last batch dim with weights {@code mixture}. */
    public MixtureSameFamily(Categorical mixture, Distribution component) {
        this(mixture, component, null);
    }

    /** As {@link #MixtureSameFamily(Categorical, Distribution)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public MixtureSameFamily(Categorical mixture, Distribution component, Boolean validateArgs) {
        super(checkedBatchShape(mixture, component), component.eventShape(), validateArgs);
        this.mixture = mixture;
        this.component = component;
        this.eventNdims = component.eventShape().length;
    }

    /** The component batch shape without its last dim, after PyTorch's two compatibility checks. */
    private static long[] checkedBatchShape(Categorical mixture, Distribution component) {
        long[] mdbs = mixture.batchShape(), cbs = component.batchShape();
        long[] cdbs = Arrays.copyOf(cbs, Math.max(0, cbs.length - 1));
        for (int i = mdbs.length - 1, j = cdbs.length - 1; i >= 0 && j >= 0; i--, j--) {
            if (mdbs[i] != 1 && cdbs[j] != 1 && mdbs[i] != cdbs[j]) {
                throw new IllegalArgumentException("`mixture_distribution.batch_shape` (" + Util.size(mdbs) + ") is not compatible with "
                        + "`component_distribution.batch_shape`(" + Util.size(cdbs) + ")");
            }
        }
        long km = mixture.numEvents(), kc = cbs.length == 0 ? -1 : cbs[cbs.length - 1];
        if (km != kc) {
            throw new IllegalArgumentException("`mixture_distribution component` (" + km + ") does not equal "
                    + "`component_distribution.batch_shape[-1]` (" + kc + ")");
        }
        return cdbs;
    }

    /** The distribution over components. */
    public Categorical mixtureDistribution() {
        return mixture;
    }

    /** The components, their last batch dim indexing them. */
    public Distribution componentDistribution() {
        return component;
    }

    /** None of its own: the parameters belong to the two distributions, which checked them. */
    @Override
    protected List<Param> params() {
        return List.of();
    }

    /** PyTorch's repr: the two distributions on their own lines. */
    @Override
    public String toString() {
        return "MixtureSameFamily(\n  " + mixture + ",\n  " + component + ")";
    }

    @Override
    public Constraint support() {
        return component.support();
    }

    /**
     * The mixture probabilities shaped to broadcast with the components' moments: PyTorch pads with as
     * many dims as the difference of the two batch shapes' element counts (its {@code numel}, not their
     * lengths), unless the mixture has a single batch element.
     */
    private Tensor padMixture(Tensor x) {
        long distNumel = Arrays.stream(batchShape()).reduce(1, (a, b) -> a * b);
        long catNumel = Arrays.stream(mixture.batchShape()).reduce(1, (a, b) -> a * b);
        int pad = catNumel == 1 ? 0 : (int) (distNumel - catNumel);
        long[] xs = x.shape();
        long[] shape = new long[xs.length + pad + eventNdims];
        Arrays.fill(shape, 1);
        System.arraycopy(xs, 0, shape, 0, xs.length - 1);
        shape[xs.length - 1 + pad] = xs[xs.length - 1];
        return x.reshape(shape);
    }

    private Tensor pad(Tensor x) {
        return x.unsqueeze(-1 - eventNdims);
    }

    @Override
    public Tensor mean() {
        return padMixture(mixture.probs()).mul(component.mean()).sum(-1 - eventNdims);
    }

    /** The law of total variance: the mean of the components' variances plus the variance of their means. */
    @Override
    public Tensor variance() {
        Tensor probs = padMixture(mixture.probs());
        Tensor meanCondVar = probs.mul(component.variance()).sum(-1 - eventNdims);
        Tensor varCondMean = probs.mul(component.mean().sub(pad(mean())).pow(2.0)).sum(-1 - eventNdims);
        return meanCondVar.add(varCondMean);
    }

    @Override
    public Tensor cdf(Tensor value) {
        return component.cdf(pad(value)).mul(mixture.probs()).sum(-1);
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor logProbX = component.logProb(pad(value));
        return logProbX.add(F.logSoftmax(mixture.logits(), -1)).logsumexp(-1);
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            int gatherDim = sampleShape.length + batchShape().length;
            long[] es = eventShape();
            Tensor mixSample = mixture.sample(sampleShape, generator);
            Tensor compSamples = component.sample(sampleShape, generator);
            long[] ms = mixSample.shape();
            long[] r = Arrays.copyOf(ms, ms.length + es.length + 1);
            Arrays.fill(r, ms.length, r.length, 1);
            long[] reps = new long[r.length];
            Arrays.fill(reps, 1);
            System.arraycopy(es, 0, reps, ms.length + 1, es.length);
            Tensor index = mixSample.reshape(r).repeat(reps);
            return compSamples.gather(gatherDim, index).squeeze(gatherDim);
        }
    }

    @Override
    public MixtureSameFamily expand(long... batchShape) {
        long[] comp = Arrays.copyOf(batchShape, batchShape.length + 1);
        comp[batchShape.length] = mixture.numEvents();
        return new MixtureSameFamily(mixture.expand(batchShape), component.expand(comp), validateArgs());
    }
}
