package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov and weight decay
 * ({@code torch.optim.SGD}, PyTorch 1.13's single-tensor update order).
 *
 * <pre>{@code
 * SGD opt = new SGD(model.parameters(), SGD.options(0.1).momentum(0.9).nesterov(true));
 * }</pre>
 */
public class SGD extends Optimizer {

    /** Builds options; {@code new SGD(params, SGD.options(0.1).momentum(0.9))}. */
    public static Options options(double lr) {
        return new Options(lr);
    }

    /** SGD's options (PyTorch's defaults: no momentum, dampening, weight decay, Nesterov or maximize). */
    public static final class Options {
        double lr, momentum, dampening, weightDecay;
        boolean nesterov, maximize;

        Options(double lr) {
            this.lr = lr;
        }

        /** The learning rate. */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** The momentum factor (default 0). */
        public Options momentum(double v) {
            momentum = v;
            return this;
        }

        /** Dampening of the momentum (default 0). */
        public Options dampening(double v) {
            dampening = v;
            return this;
        }

        /** L2 penalty (default 0). */
        public Options weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Nesterov momentum (needs a momentum and zero dampening). */
        public Options nesterov(boolean v) {
            nesterov = v;
            return this;
        }

        /** Maximizes the objective instead of minimizing it. */
        public Options maximize(boolean v) {
            maximize = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "momentum", momentum, "dampening", dampening, "weight_decay", weightDecay,
                    "nesterov", nesterov, "maximize", maximize);
        }
    }

    /** Plain SGD with learning rate {@code lr}. */
    public SGD(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** SGD with the given options. */
    public SGD(List<? extends Tensor> params, Options options) {
        super(params, check(options).toMap());
    }

    private SGD(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static SGD withGroups(List<ParamGroup> groups, Options defaults) {
        return new SGD(defaults, groups);
    }

    private static Options check(Options o) {
        // PyTorch compares with `<`, so NaN passes here as it does there.
        if (o.lr < 0) throw new IllegalArgumentException("Invalid learning rate: " + Py.repr(o.lr));
        if (o.momentum < 0) throw new IllegalArgumentException("Invalid momentum value: " + Py.repr(o.momentum));
        if (o.weightDecay < 0) throw new IllegalArgumentException("Invalid weight_decay value: " + Py.repr(o.weightDecay));
        if (o.nesterov && (o.momentum <= 0 || o.dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
        return o;
    }

    @Override
    protected boolean supportsSparseGradients() {
        return true;
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), momentum = g.getDouble("momentum"), dampening = g.getDouble("dampening");
        double weightDecay = g.getDouble("weight_decay");
        boolean nesterov = g.getBoolean("nesterov"), maximize = g.getBoolean("maximize");
        for (Tensor p : g.params()) {
            Tensor grad = p.grad();
            org.torch4j.sparse.SparseCooTensor sparse = p.sparseGrad();
            if (sparse != null) {
                // PyTorch's dense + sparse step: weight decay would add the dense parameter to the sparse gradient
                if (weightDecay != 0) throw new IllegalStateException("add(sparse, dense) is not supported. Use add(dense, sparse) instead.");
                if (grad == null && momentum == 0) {
                    stateOf(p).putIfAbsent("momentum_buffer", null);
                    p.add_(sparse, maximize ? lr : -lr);  // only the looked-up rows change
                    continue;
                }
                // with momentum the buffer spreads over every row seen: kept dense (PyTorch keeps it sparse, same values)
                grad = grad == null ? sparse.toDense() : grad.add(sparse);
            }
            if (grad == null) continue;
            Tensor d = maximize ? grad.neg() : grad;
            if (weightDecay != 0) d = d.add(p, weightDecay);
            if (momentum != 0) {
                Map<String, Object> s = stateOf(p);
                Tensor buf = (Tensor) s.get("momentum_buffer");
                if (buf == null) {
                    buf = d.detach().clone().keep();
                    s.put("momentum_buffer", buf);
                } else {
                    buf.mul_(momentum).add_(d, 1 - dampening);
                }
                d = nesterov ? d.add(buf, momentum) : buf;
            } else {
                stateOf(p).putIfAbsent("momentum_buffer", null); // PyTorch records None
            }
            p.add_(d, -lr);
        }
    }
}
