package org.torch4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Efficient softmax approximation for many classes ({@code torch.nn.AdaptiveLogSoftmaxWithLoss}, Grave et al.):
 * the frequent classes below {@code cutoffs[0]} and one entry per cluster share a head layer; each cluster of rarer
 * classes has a tail of two bias-free layers, the hidden size divided by {@code divValue} per cluster.
 */
public class AdaptiveLogSoftmaxWithLoss extends Module {
    /**
     * The output of {@link #forward(Tensor, Tensor)}.
     *
     * @param output each row's log-probability of its target, {@code (N)} (a scalar for unbatched input)
     * @param loss the negated mean of {@code output}, a scalar
     */
    public record Output(Tensor output, Tensor loss) {}

    private final long inFeatures, nClasses, shortlistSize;
    private final long[] cutoffs;
    private final double divValue;
    private final boolean headBias;
    private final Linear head;
    private final ModuleList tail;

    /** {@code AdaptiveLogSoftmaxWithLoss(inFeatures, nClasses, cutoffs)}: div_value 4, no head bias. */
    public AdaptiveLogSoftmaxWithLoss(long inFeatures, long nClasses, long... cutoffs) {
        this(inFeatures, nClasses, cutoffs, 4.0, false);
    }

    /**
     * Every option of PyTorch's constructor: a head {@code in_features} to {@code cutoffs[0] + cutoffs.length} and,
     * for cluster i, a tail {@code in_features} to {@code floor(in_features / divValue^(i+1))} to the cluster's size;
     * forward maps {@code (N, inFeatures)} and targets {@code (N)} to outputs {@code (N)} and a scalar loss.
     *
     * @param inFeatures the number of input features
     * @param nClasses the number of classes
     * @param cutoffs the cluster boundaries: increasing, unique, each in {@code [1, nClasses - 1]}
     * @param divValue the divisor of each successive tail's hidden size (PyTorch's default 4.0)
     * @param headBias whether the head has a bias (default false)
     * @throws IllegalArgumentException if the cutoffs break those rules, as PyTorch words it
     */
    public AdaptiveLogSoftmaxWithLoss(long inFeatures, long nClasses, long[] cutoffs, double divValue, boolean headBias) {
        boolean ok = cutoffs.length > 0;
        for (int i = 0; i < cutoffs.length && ok; i++) ok = cutoffs[i] > 0 && cutoffs[i] <= nClasses - 1 && (i == 0 || cutoffs[i] > cutoffs[i - 1]);
        if (!ok) {
            throw new IllegalArgumentException("cutoffs should be a sequence of unique, positive integers sorted in an increasing order, "
                    + "where each value is between 1 and n_classes-1");
        }
        this.inFeatures = inFeatures;
        this.nClasses = nClasses;
        this.cutoffs = java.util.Arrays.copyOf(cutoffs, cutoffs.length + 1);
        this.cutoffs[cutoffs.length] = nClasses;
        this.divValue = divValue;
        this.headBias = headBias;
        this.shortlistSize = cutoffs[0];
        this.head = registerModule("head", new Linear(inFeatures, shortlistSize + cutoffs.length, headBias));
        this.tail = registerModule("tail", new ModuleList());
        for (int i = 0; i < cutoffs.length; i++) {
            long hidden = (long) Math.floor(inFeatures / Math.pow(divValue, i + 1));
            tail.add(Sequential.of(new Linear(inFeatures, hidden, false), new Linear(hidden, this.cutoffs[i + 1] - this.cutoffs[i], false)));
        }
    }

    /**
     * The log-probability of each row's target class and the loss {@code -mean} of them ({@code forward(input, target)}):
     * input [N, in_features] with target [N], or input [in_features] with a 0-d target.
     */
    public Output forward(Tensor input, Tensor target) {
        if (target.dim() == 1) {
            if (input.size(0) != target.size(0)) {
                throw new IllegalArgumentException("Input and target should have the same size in the batch dimension.");
            }
            if (input.dim() != 2) {
                throw new IllegalArgumentException("1D target tensor expects 2D input tensors, but found inputs with size "
                        + Py.size(input.shape()));
            }
        } else if (target.dim() == 0) {
            if (input.dim() != 1) {
                throw new IllegalArgumentException("0D target tensor expects 1D input tensors, but found inputs with size "
                        + Py.size(input.shape()));
            }
        } else {
            throw new IllegalArgumentException("0D or 1D target tensor expected, multi-target not supported");
        }
        boolean batched = target.dim() > 0;
        Tensor x = batched ? input : input.unsqueeze(0), t = batched ? target : target.unsqueeze(0);
        if (t.numel() > 0 && (t.min().itemLong() < 0 || t.max().itemLong() >= nClasses)) {
            throw new IllegalArgumentException("Target values should be in [0, " + (nClasses - 1) + "], but values in range ["
                    + t.min().itemLong() + ", " + t.max().itemLong() + "] were found. ");
        }
        // the head's entry of each row: its class in the shortlist, else its cluster's entry
        Tensor headIndex = t.toLong();
        Tensor clusterPart = Torch.zerosLike(x.select(1, 0));
        for (int i = 1; i < cutoffs.length; i++) {
            long low = cutoffs[i - 1], high = cutoffs[i];
            Tensor in = t.ge(low).logicalAnd(t.lt(high));
            headIndex = headIndex.where(in.logicalNot(), Torch.fullLike(headIndex, shortlistSize + i - 1));
            // every row through the tail, kept only where the target is in this cluster (the others add 0)
            Tensor relative = t.sub(low).clamp(0, high - low - 1).toLong();
            Tensor local = F.logSoftmax(tail.get(i - 1).call(x), 1).gather(1, relative.unsqueeze(1)).squeeze(1);
            clusterPart = clusterPart.add(local.mul(in.to(x.dtype())));
        }
        Tensor headLogProb = F.logSoftmax(head.call(x), 1);
        Tensor output = clusterPart.add(headLogProb.gather(1, headIndex.unsqueeze(1)).squeeze(1));
        Tensor loss = output.neg().mean();
        return new Output(batched ? output : output.squeeze(0), loss);
    }

    /** {@link #forward(Tensor, Tensor)} with the hooks around it. */
    public Output call(Tensor input, Tensor target) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, target);
    }

    /** The log-probabilities of every class, [N, n_classes] (or [n_classes] for one row) ({@code log_prob}). */
    public Tensor logProb(Tensor input) {
        boolean batched = input.dim() > 1;
        Tensor x = batched ? input : input.unsqueeze(0);
        Tensor headLogProb = F.logSoftmax(head.call(x), 1);
        List<Tensor> parts = new ArrayList<>();
        parts.add(headLogProb.narrow(1, 0, shortlistSize));
        for (int i = 0; i + 1 < cutoffs.length; i++) {
            Tensor cluster = F.logSoftmax(tail.get(i).call(x), 1);
            parts.add(cluster.add(headLogProb.narrow(1, shortlistSize + i, 1)));
        }
        Tensor out = Torch.cat(parts, 1);
        return batched ? out : out.squeeze(0);
    }

    /** The most likely class of each row ({@code predict}), int64. */
    public Tensor predict(Tensor input) {
        Tensor lp = logProb(input);
        return lp.argmax(lp.dim() - 1, false).to(DType.INT64);
    }
}
