package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Averaged stochastic gradient descent ({@code torch.optim.ASGD}) in PyTorch 1.13's single-tensor
 * form: each step decays the parameter by {@code 1 - lambd * eta}, takes a gradient step of size
 * {@code eta}, and updates the average {@code ax} (a copy of the parameter until step {@code t0},
 * then a running mean with weight {@code mu}); {@code eta = lr / (1 + lambd lr t)^alpha} and
 * {@code mu = 1 / max(1, t - t0)}. As in PyTorch, {@code eta} and {@code mu} are 0-dim tensors of the
 * default dtype (so float32-rounded, even for float64 parameters). The averaged parameters are the
 * state {@code "ax"}. Complex parameters are updated through their real views.
 *
 * <pre>{@code
 * ASGD opt = new ASGD(model.parameters(), ASGD.options(0.01).t0(100));
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * Tensor averaged = opt.average(model.parameters().get(0));
 * }</pre>
 */
public class ASGD extends Optimizer {

    /** Options with PyTorch's defaults: lr 0.01, lambd 1e-4, alpha 0.75, t0 1e6, no weight decay. */
    public static Options options() {
        return new Options();
    }

    /** Options with learning rate {@code lr}. */
    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    /** ASGD's options. */
    public static final class Options {
        double lr = 1e-2, lambd = 1e-4, alpha = 0.75, t0 = 1e6, weightDecay;
        boolean maximize;

        Options() {}

        /** The learning rate (default 0.01). */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** The decay term (default 1e-4). */
        public Options lambd(double v) {
            lambd = v;
            return this;
        }

        /** The power of the {@code eta} update (default 0.75). */
        public Options alpha(double v) {
            alpha = v;
            return this;
        }

        /** The step at which averaging starts (default 1e6). */
        public Options t0(double v) {
            t0 = v;
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
            return Map.of("lr", lr, "lambd", lambd, "alpha", alpha, "t0", t0, "weight_decay", weightDecay, "maximize", maximize);
        }
    }

    /** ASGD with PyTorch's defaults. */
    public ASGD(List<? extends Tensor> params) {
        this(params, options());
    }

    /** ASGD with learning rate {@code lr}. */
    public ASGD(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** ASGD with the given options. */
    public ASGD(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
    }

    private ASGD(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static ASGD withGroups(List<ParamGroup> groups, Options defaults) {
        return new ASGD(defaults, groups);
    }

    private static Options check(Options o) {
        // PyTorch checks only these two
        OptionChecks.nonNegative(o.lr, "learning rate");
        OptionChecks.nonNegative(o.weightDecay, "weight_decay value");
        return o;
    }

    /**
     * The averaged value of {@code param}: the state {@code "ax"} itself (each step updates it in
     * place; clone it to keep a snapshot), or null before the parameter's first step.
     */
    public Tensor average(Tensor param) {
        Map<String, Object> s = state.get(param);
        return s == null ? null : (Tensor) s.get("ax");
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), lambd = g.getDouble("lambd"), alpha = g.getDouble("alpha"), t0 = g.getDouble("t0");
        double weightDecay = g.getDouble("weight_decay");
        boolean maximize = g.getBoolean("maximize");
        for (Tensor param : g.params()) {
            if (param.grad() == null) continue;
            Tensor p = asReal(param), grad = asReal(param.grad());
            if (maximize) grad = grad.neg();
            Map<String, Object> s = stateOf(param);
            if (s.isEmpty()) {
                s.put("step", Torch.scalarTensor(0.0).keep());
                s.put("eta", Torch.scalarTensor(lr).keep());
                s.put("mu", Torch.scalarTensor(1.0).keep());
                s.put("ax", Torch.zerosLike(param).keep());
            }
            Tensor stepT = (Tensor) s.get("step"), eta = (Tensor) s.get("eta"), mu = (Tensor) s.get("mu");
            Tensor ax = asReal((Tensor) s.get("ax"));
            stepT.add_(1.0);
            double step = stepT.item();
            if (weightDecay != 0) grad = grad.add(p, weightDecay);
            p.mul_(1 - lambd * eta.item());
            p.add_(grad, -eta.item());
            if (mu.item() != 1) ax.add_(p.sub(ax).mul(mu));
            else ax.copy_(p);
            // new values go through a default-dtype tensor, as PyTorch's torch.tensor(...) then copy_
            eta.copy_(Torch.scalarTensor(lr / Math.pow(1 + lambd * lr * step, alpha)));
            mu.copy_(Torch.scalarTensor(1 / Math.max(1, step - t0)));
        }
    }
}
