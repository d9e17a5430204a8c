package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Multiplies each learning rate by a function of the epoch, every epoch after the first ({@code MultiplicativeLR}). */
public class MultiplicativeLR extends LRScheduler {
    private final List<IntToDoubleFunction> lambdas;

    /** One function for every group. */
    public MultiplicativeLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, java.util.Collections.nCopies(optimizer.paramGroups().size(), lrLambda), -1);
    }

    /** One function per group, resuming after {@code lastEpoch}. */
    public MultiplicativeLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas, int lastEpoch) {
        super(LambdaLR.checked(optimizer, lrLambdas), lastEpoch);
        this.lambdas = List.copyOf(lrLambdas);
        initialStep();
    }

    @Override
    protected List<Double> getLr() {
        if (lastEpoch <= 0) return currentLrs();
        List<ParamGroup> groups = optimizer.paramGroups();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) out.add(groups.get(i).lr() * lambdas.get(i).applyAsDouble(lastEpoch));
        return out;
    }
}
