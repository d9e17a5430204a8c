package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Adadelta ({@code torch.optim.Adadelta}) in PyTorch 1.13's single-tensor form: running averages
 * of squared gradients and squared updates with decay {@code rho}; the update is scaled by
 * {@code lr} (default 1.0).
 */
public class Adadelta extends Optimizer {

    /** Options with PyTorch's defaults: lr 1.0, rho 0.9, eps 1e-6, no weight decay. */
    public static Options options() {
        return new Options();
    }

    /** Options with learning rate {@code lr}. */
    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    /** Adadelta's options. */
    public static final class Options {
        double lr = 1.0, rho = 0.9, eps = 1e-6, weightDecay;
        boolean maximize;

        Options() {}

        /** The coefficient of the update (default 1.0). */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** The decay of the running averages (default 0.9). */
        public Options rho(double v) {
            rho = v;
            return this;
        }

        /** Added inside the square roots (default 1e-6). */
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
            return Map.of("lr", lr, "rho", rho, "eps", eps, "weight_decay", weightDecay, "maximize", maximize);
        }
    }

    /** Adadelta with PyTorch's defaults. */
    public Adadelta(List<? extends Tensor> params) {
        this(params, options());
    }

    /** Adadelta with learning rate {@code lr}. */
    public Adadelta(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** Adadelta with the given options. */
    public Adadelta(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
    }

    private Adadelta(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static Adadelta withGroups(List<ParamGroup> groups, Options defaults) {
        return new Adadelta(defaults, groups);
    }

    private static Options check(Options o) {
        if (!(0.0 <= o.lr)) throw new IllegalArgumentException("Invalid learning rate: " + Py.repr(o.lr));
        if (!(0.0 <= o.rho && o.rho <= 1.0)) throw new IllegalArgumentException("Invalid rho value: " + Py.repr(o.rho));
        if (!(0.0 <= o.eps)) throw new IllegalArgumentException("Invalid epsilon value: " + Py.repr(o.eps));
        if (!(0.0 <= o.weightDecay)) throw new IllegalArgumentException("Invalid weight_decay value: " + Py.repr(o.weightDecay));
        return o;
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), rho = g.getDouble("rho"), eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay");
        boolean maximize = g.getBoolean("maximize");
        for (Tensor param : g.params()) {
            if (param.grad() == null) continue;
            // a complex parameter is updated through its real view, as PyTorch does (its state stays complex)
            Tensor p = asReal(param), grad = asReal(param.grad());
            Map<String, Object> s = stateOf(param);
            if (s.isEmpty()) {
                s.put("step", 0L);
                s.put("square_avg", Torch.zerosLike(param).keep());
                s.put("acc_delta", Torch.zerosLike(param).keep());
            }
            s.put("step", ((Number) s.get("step")).longValue() + 1);
            if (maximize) grad = grad.neg();
            if (weightDecay != 0) grad = grad.add(p, weightDecay);
            Tensor squareAvg = asReal((Tensor) s.get("square_avg")), accDelta = asReal((Tensor) s.get("acc_delta"));
            squareAvg.mul_(rho).addcmul_(grad, grad, 1 - rho);
            Tensor std = squareAvg.add(eps).sqrt_();
            Tensor delta = accDelta.add(eps).sqrt_().div_(std).mul_(grad);
            accDelta.mul_(rho).addcmul_(delta, delta, 1 - rho);
            p.add_(delta, -lr);
        }
    }
}
