package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * RMSprop ({@code torch.optim.RMSprop}) in PyTorch 1.13's single-tensor form: a running average of
 * squared gradients with smoothing {@code alpha}; {@code eps} is added after the square root;
 * optionally centered (the variance instead of the second moment), with momentum and L2 weight decay.
 */
public class RMSprop extends Optimizer {

    /** Options with PyTorch's defaults: lr 0.01, alpha 0.99, eps 1e-8, no momentum, not centered. */
    public static Options options() {
        return new Options();
    }

    /** Options with learning rate {@code lr}. */
    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    /** RMSprop's options. */
    public static final class Options {
        double lr = 1e-2, alpha = 0.99, eps = 1e-8, weightDecay, momentum;
        boolean centered, maximize;

        Options() {}

        /** The learning rate (default 0.01). */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** The smoothing constant of the average (default 0.99). */
        public Options alpha(double v) {
            alpha = v;
            return this;
        }

        /** Added to the denominator (default 1e-8). */
        public Options eps(double v) {
            eps = v;
            return this;
        }

        /** L2 penalty (default 0). */
        public Options weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** The momentum factor (default 0). */
        public Options momentum(double v) {
            momentum = v;
            return this;
        }

        /** Normalizes by an estimate of the gradient's variance. */
        public Options centered(boolean v) {
            centered = v;
            return this;
        }

        /** Maximizes the objective instead of minimizing it. */
        public Options maximize(boolean v) {
            maximize = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "momentum", momentum, "alpha", alpha, "eps", eps, "centered", centered,
                    "weight_decay", weightDecay, "maximize", maximize);
        }
    }

    /** RMSprop with PyTorch's defaults. */
    public RMSprop(List<? extends Tensor> params) {
        this(params, options());
    }

    /** RMSprop with learning rate {@code lr}. */
    public RMSprop(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** RMSprop with the given options. */
    public RMSprop(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
    }

    private RMSprop(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static RMSprop withGroups(List<ParamGroup> groups, Options defaults) {
        return new RMSprop(defaults, groups);
    }

    private static Options check(Options o) {
        if (!(0.0 <= o.lr)) throw new IllegalArgumentException("Invalid learning rate: " + Py.repr(o.lr));
        if (!(0.0 <= o.eps)) throw new IllegalArgumentException("Invalid epsilon value: " + Py.repr(o.eps));
        if (!(0.0 <= o.momentum)) throw new IllegalArgumentException("Invalid momentum value: " + Py.repr(o.momentum));
        if (!(0.0 <= o.weightDecay)) throw new IllegalArgumentException("Invalid weight_decay value: " + Py.repr(o.weightDecay));
        if (!(0.0 <= o.alpha)) throw new IllegalArgumentException("Invalid alpha value: " + Py.repr(o.alpha));
        return o;
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), alpha = g.getDouble("alpha"), eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay"), momentum = g.getDouble("momentum");
        boolean centered = g.getBoolean("centered"), maximize = g.getBoolean("maximize");
        for (Tensor param : g.params()) {
            if (param.grad() == null) continue;
            // a complex parameter is updated through its real view, as PyTorch does (its state stays complex)
            Tensor p = asReal(param), grad = asReal(param.grad());
            Map<String, Object> s = stateOf(param);
            if (s.isEmpty()) {
                s.put("step", 0L);
                s.put("square_avg", Torch.zerosLike(param).keep());
                if (momentum > 0) s.put("momentum_buffer", Torch.zerosLike(param).keep());
                if (centered) s.put("grad_avg", Torch.zerosLike(param).keep());
            }
            s.put("step", ((Number) s.get("step")).longValue() + 1);
            if (maximize) grad = grad.neg();
            if (weightDecay != 0) grad = grad.add(p, weightDecay);
            Tensor squareAvg = asReal((Tensor) s.get("square_avg"));
            squareAvg.mul_(alpha).addcmul_(grad, grad, 1 - alpha);
            Tensor avg;
            if (centered) {
                Tensor gradAvg = asReal((Tensor) s.get("grad_avg"));
                gradAvg.mul_(alpha).add_(grad, 1 - alpha);
                avg = squareAvg.addcmul(gradAvg, gradAvg, -1).sqrt_();
            } else {
                avg = squareAvg.sqrt();
            }
            avg = avg.add_(eps);
            if (momentum > 0) {
                Tensor buf = asReal((Tensor) s.get("momentum_buffer"));
                buf.mul_(momentum).addcdiv_(grad, avg, 1.0);
                p.add_(buf, -lr);
            } else {
                p.addcdiv_(grad, avg, -lr);
            }
        }
    }
}
