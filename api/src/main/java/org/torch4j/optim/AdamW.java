package org.torch4j.optim;

import java.util.List;
import org.torch4j.Tensor;

/** Adam with decoupled weight decay ({@code torch.optim.AdamW}; default weight decay 0.01). */
public class AdamW extends Adam {

    public static Options options(double lr) {
        return Adam.options(lr).weightDecay(0.01);
    }

    public AdamW(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    public AdamW(List<? extends Tensor> params, Options o) {
        super(params, o);
    }

    @Override
    protected boolean decoupledWeightDecay() {
        return true;
    }
}
