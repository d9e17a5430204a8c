package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Sets each learning rate to its base value times a function of the epoch ({@code LambdaLR}).
 * The functions are not part of the state dict (PyTorch stores {@code None} for plain functions).
 */
public class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> lambdas;

    /** One function for every group. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, lrLambda, -1);
    }

    /** One function for every group, resuming after {@code lastEpoch}. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda, int lastEpoch) {
        this(optimizer, java.util.Collections.nCopies(optimizer.paramGroups().size(), lrLambda), lastEpoch);
    }

    /** One function per group. */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas, int lastEpoch) {
        super(checked(optimizer, lrLambdas), lastEpoch);
        this.lambdas = List.copyOf(lrLambdas);
        initialStep();
    }

    static Optimizer checked(Optimizer optimizer, List<?> lambdas) {
        if (lambdas.size() != optimizer.paramGroups().size()) {
            throw new IllegalArgumentException("Expected " + optimizer.paramGroups().size() + " lr_lambdas, but got "
                    + lambdas.size());
        }
        return optimizer;
    }

    @Override
    protected List<Double> getLr() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < baseLrs.size(); i++) out.add(baseLrs.get(i) * lambdas.get(i).applyAsDouble(lastEpoch));
        return out;
    }
}
