package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Adam ({@code torch.optim.Adam}) with optional AMSGrad and L2 weight decay, in PyTorch 1.13's
 * single-tensor update order: bias corrections {@code 1 - beta^t}, {@code eps} added after dividing
 * the root of the second moment by {@code sqrt(1 - beta2^t)}. {@link AdamW} decouples the weight decay.
 * The group option {@code "betas"} is a list {@code [beta1, beta2]}, as in PyTorch's state dict.
 */
public class Adam extends Optimizer {

    /** Options with learning rate {@code lr} and PyTorch's other defaults. */
    public static Options options(double lr) {
        return new Options(lr);
    }

    /** Options with PyTorch's defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8). */
    public static Options options() {
        return new Options(1e-3);
    }

    /** Adam's and AdamW's options. */
    public static final class Options {
        double lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay;
        boolean amsgrad, maximize;

        Options(double lr) {
            this.lr = lr;
        }

        /** The learning rate. */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** The decay rates of the first and second moment averages. */
        public Options betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        /** Added to the denominator (default 1e-8). */
        public Options eps(double v) {
            eps = v;
            return this;
        }

        /** Weight decay: an L2 penalty for Adam, decoupled for AdamW. */
        public Options weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Uses the maximum of the second moments seen so far (AMSGrad). */
        public Options amsgrad(boolean v) {
            amsgrad = v;
            return this;
        }

        /** Maximizes the objective instead of minimizing it. */
        public Options maximize(boolean v) {
            maximize = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "betas", List.of(beta1, beta2), "eps", eps, "weight_decay", weightDecay,
                    "amsgrad", amsgrad, "maximize", maximize);
        }
    }

    /** Adam with PyTorch's defaults. */
    public Adam(List<? extends Tensor> params) {
        this(params, options());
    }

    /** Adam with learning rate {@code lr}. */
    public Adam(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** Adam with the given options. */
    public Adam(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
    }

    /** An optimizer over several groups (each may override the defaults). */
    protected Adam(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static Adam withGroups(List<ParamGroup> groups, Options defaults) {
        return new Adam(defaults, groups);
    }

    static Options check(Options o) {
        if (!(0.0 <= o.lr)) throw new IllegalArgumentException("Invalid learning rate: " + Py.repr(o.lr));
        if (!(0.0 <= o.eps)) throw new IllegalArgumentException("Invalid epsilon value: " + Py.repr(o.eps));
        if (!(0.0 <= o.beta1 && o.beta1 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + Py.repr(o.beta1));
        }
        if (!(0.0 <= o.beta2 && o.beta2 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + Py.repr(o.beta2));
        }
        if (!(0.0 <= o.weightDecay)) throw new IllegalArgumentException("Invalid weight_decay value: " + Py.repr(o.weightDecay));
        return o;
    }

    /** Whether weight decay is decoupled from the gradient (AdamW). */
    protected boolean decoupledWeightDecay() {
        return false;
    }

    @Override
    protected String sparseGradientsMessage() {
        return getClass() == Adam.class ? "Adam does not support sparse gradients, please consider SparseAdam instead"
                : super.sparseGradientsMessage();
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), beta1 = g.getDouble("betas", 0), beta2 = g.getDouble("betas", 1), eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay");
        boolean amsgrad = g.getBoolean("amsgrad"), maximize = g.getBoolean("maximize");
        boolean decoupled = decoupledWeightDecay();
        for (Tensor param : g.params()) {
            if (param.grad() == null) continue;
            // a complex parameter is updated through its real view, as PyTorch does (its state stays complex)
            Tensor p = asReal(param), grad = asReal(param.grad());
            if (maximize) grad = grad.neg();
            Map<String, Object> s = stateOf(param);
            if (s.isEmpty()) {
                s.put("step", Torch.scalarTensor(0.0).keep());
                s.put("exp_avg", Torch.zerosLike(param).keep());
                s.put("exp_avg_sq", Torch.zerosLike(param).keep());
                if (amsgrad) s.put("max_exp_avg_sq", Torch.zerosLike(param).keep());
            }
            Tensor stepT = (Tensor) s.get("step");
            Tensor expAvg = asReal((Tensor) s.get("exp_avg")), expAvgSq = asReal((Tensor) s.get("exp_avg_sq"));
            stepT.add_(1.0);
            if (decoupled) p.mul_(1 - lr * weightDecay);
            else if (weightDecay != 0) grad = grad.add(p, weightDecay);
            expAvg.mul_(beta1).add_(grad, 1 - beta1);
            expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            double step = stepT.item();
            double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
            double stepSize = lr / bc1, bc2Sqrt = Math.sqrt(bc2);
            Tensor denom;
            if (amsgrad) {
                Tensor max = asReal((Tensor) s.get("max_exp_avg_sq"));
                max.copy_(max.maximum(expAvgSq));
                denom = max.sqrt().div(bc2Sqrt).add_(eps);
            } else {
                denom = expAvgSq.sqrt().div(bc2Sqrt).add_(eps);
            }
            p.addcdiv_(expAvg, denom, -stepSize);
        }
    }
}
