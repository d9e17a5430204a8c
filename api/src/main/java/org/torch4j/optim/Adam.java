package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Adam ({@code torch.optim.Adam}) with optional AMSGrad and L2 weight decay, in PyTorch 1.13's
 * single-tensor update order. {@link AdamW} decouples the weight decay.
 */
public class Adam extends Optimizer {

    public static Options options(double lr) {
        return new Options(lr);
    }

    public static final class Options {
        double lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay;
        boolean amsgrad, maximize;

        Options(double lr) {
            this.lr = lr;
        }

        public Options betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        public Options eps(double v) {
            eps = v;
            return this;
        }

        public Options weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Options amsgrad(boolean v) {
            amsgrad = v;
            return this;
        }

        public Options maximize(boolean v) {
            maximize = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps, "weight_decay", weightDecay,
                    "amsgrad", amsgrad, "maximize", maximize);
        }
    }

    public Adam(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    public Adam(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
    }

    static Options check(Options o) {
        if (o.lr < 0) throw new IllegalArgumentException("Invalid learning rate: " + o.lr);
        if (o.eps < 0) throw new IllegalArgumentException("Invalid epsilon value: " + o.eps);
        if (o.beta1 < 0 || o.beta1 >= 1) throw new IllegalArgumentException("Invalid beta parameter at index 0: " + o.beta1);
        if (o.beta2 < 0 || o.beta2 >= 1) throw new IllegalArgumentException("Invalid beta parameter at index 1: " + o.beta2);
        if (o.weightDecay < 0) throw new IllegalArgumentException("Invalid weight_decay value: " + o.weightDecay);
        return o;
    }

    /** Whether weight decay is decoupled from the gradient (AdamW). */
    protected boolean decoupledWeightDecay() {
        return false;
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), beta1 = g.getDouble("beta1"), beta2 = g.getDouble("beta2"), eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay");
        boolean amsgrad = g.getBoolean("amsgrad"), maximize = g.getBoolean("maximize");
        for (Tensor p : g.params()) {
            Tensor grad = p.grad();
            if (grad == null) continue;
            if (maximize) grad = grad.neg();
            Map<String, Object> s = stateOf(p);
            if (!s.containsKey("step")) {
                s.put("step", Torch.scalarTensor(0.0).keep());
                s.put("exp_avg", Torch.zerosLike(p).keep());
                s.put("exp_avg_sq", Torch.zerosLike(p).keep());
                if (amsgrad) s.put("max_exp_avg_sq", Torch.zerosLike(p).keep());
            }
            Tensor stepT = (Tensor) s.get("step");
            Tensor expAvg = (Tensor) s.get("exp_avg"), expAvgSq = (Tensor) s.get("exp_avg_sq");
            stepT.add_(1.0);
            if (decoupledWeightDecay()) p.mul_(1 - lr * weightDecay);
            else if (weightDecay != 0) grad = grad.add(p, weightDecay);
            expAvg.mul_(beta1).add_(grad, 1 - beta1);
            expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            double step = stepT.item();
            double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
            double stepSize = lr / bc1, bc2Sqrt = Math.sqrt(bc2);
            Tensor denom;
            if (amsgrad) {
                Tensor max = (Tensor) s.get("max_exp_avg_sq");
                max.copy_(max.maximum(expAvgSq));
                denom = max.sqrt().div(bc2Sqrt).add_(eps);
            } else {
                denom = expAvgSq.sqrt().div(bc2Sqrt).add_(eps);
            }
            p.addcdiv_(expAvg, denom, -stepSize);
        }
    }
}
