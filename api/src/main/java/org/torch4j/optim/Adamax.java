package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Adamax ({@code torch.optim.Adamax}), Adam with the infinity norm, in PyTorch 1.13's single-tensor
 * form: {@code exp_inf = max(beta2 * exp_inf, |g| + eps)} and the step {@code lr / (1 - beta1^t)}.
 * Complex parameters are updated through their real views, as PyTorch does.
 *
 * <pre>{@code
 * Adamax opt = new Adamax(model.parameters(), Adamax.options(0.002).betas(0.9, 0.999).weightDecay(1e-4));
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * }</pre>
 */
public class Adamax extends Optimizer {

    /** Options with PyTorch's defaults: lr 2e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Options options() {
        return new Options();
    }

    /** Options with learning rate {@code lr}. */
    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    /** Adamax's options. */
    public static final class Options {
        double lr = 2e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay;
        boolean maximize;

        Options() {}

        /** The learning rate (default 2e-3). */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** The decay rates of the first moment and of the infinity norm (default 0.9, 0.999). */
        public Options betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        /** Added to {@code |g|} (default 1e-8). */
        public Options eps(double v) {
            eps = v;
            return this;
        }

        /** L2 penalty (default 0). */
        public Options weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Maximizes the objective instead of minimizing it. */
        public Options maximize(boolean v) {
            maximize = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "betas", List.of(beta1, beta2), "eps", eps, "weight_decay", weightDecay, "maximize", maximize);
        }
    }

    /** Adamax with PyTorch's defaults. */
    public Adamax(List<? extends Tensor> params) {
        this(params, options());
    }

    /** Adamax with learning rate {@code lr}. */
    public Adamax(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** Adamax with the given options. */
    public Adamax(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
    }

    private Adamax(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static Adamax withGroups(List<ParamGroup> groups, Options defaults) {
        return new Adamax(defaults, groups);
    }

    private static Options check(Options o) {
        OptionChecks.adamLike(o.lr, o.eps, o.beta1, o.beta2, o.weightDecay);
        return o;
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), beta1 = g.getDouble("betas", 0), beta2 = g.getDouble("betas", 1), eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay");
        boolean maximize = g.getBoolean("maximize");
        for (Tensor param : g.params()) {
            if (param.grad() == null) continue;
            Tensor p = asReal(param), grad = asReal(param.grad());
            if (maximize) grad = grad.neg();
            Map<String, Object> s = stateOf(param);
            if (s.isEmpty()) {
                s.put("step", Torch.scalarTensor(0.0).keep());
                s.put("exp_avg", Torch.zerosLike(param).keep());
                s.put("exp_inf", Torch.zerosLike(param).keep());
            }
            Tensor stepT = (Tensor) s.get("step");
            Tensor expAvg = asReal((Tensor) s.get("exp_avg")), expInf = asReal((Tensor) s.get("exp_inf"));
            stepT.add_(1.0);
            double step = stepT.item();
            if (weightDecay != 0) grad = grad.add(p, weightDecay);
            expAvg.mul_(beta1).add_(grad, 1 - beta1);
            // PyTorch takes amax over the two stacked; the elementwise maximum is the same (NaN included)
            expInf.mul_(beta2);
            expInf.copy_(expInf.maximum(grad.abs().add_(eps)));
            double clr = lr / (1 - Math.pow(beta1, step));
            p.addcdiv_(expAvg, expInf, -clr);
        }
    }
}
