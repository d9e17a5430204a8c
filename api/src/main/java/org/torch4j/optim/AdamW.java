package org.torch4j.optim;

import java.util.List;
import org.torch4j.Tensor;

/**
 * Adam with decoupled weight decay ({@code torch.optim.AdamW}): each step first scales the
 * parameters by {@code 1 - lr * weight_decay}, then takes Adam's step (default weight decay 0.01).
 */
public class AdamW extends Adam {

    /** Options with learning rate {@code lr} and AdamW's defaults (weight decay 0.01). */
    public static Options options(double lr) {
        return Adam.options(lr).weightDecay(0.01);
    }

    /** Options with PyTorch's defaults (lr 1e-3, weight decay 0.01). */
    public static Options options() {
        return options(1e-3);
    }

    /** AdamW with PyTorch's defaults. */
    public AdamW(List<? extends Tensor> params) {
        this(params, options());
    }

    /** AdamW with learning rate {@code lr} and weight decay 0.01. */
    public AdamW(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** AdamW with the given options. */
    public AdamW(List<? extends Tensor> params, Options o) {
        super(params, o);
    }

    private AdamW(Options defaults, List<ParamGroup> groups) {
        super(defaults, groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static AdamW withGroups(List<ParamGroup> groups, Options defaults) {
        return new AdamW(defaults, groups);
    }

    @Override
    protected boolean decoupledWeightDecay() {
        return true;
    }
}
