package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov and weight decay
 * ({@code torch.optim.SGD}, PyTorch 1.13's update order).
 */
public class SGD extends Optimizer {

    /** Builds options; {@code new SGD(params, SGD.options(0.1).momentum(0.9))}. */
    public static Options options(double lr) {
        return new Options(lr);
    }

    public static final class Options {
        double lr, momentum, dampening, weightDecay;
        boolean nesterov, maximize;

        Options(double lr) {
            this.lr = lr;
        }

        public Options momentum(double v) {
            momentum = v;
            return this;
        }

        public Options dampening(double v) {
            dampening = v;
            return this;
        }

        public Options weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Options nesterov(boolean v) {
            nesterov = v;
            return this;
        }

        public Options maximize(boolean v) {
            maximize = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "momentum", momentum, "dampening", dampening, "weight_decay", weightDecay,
                    "nesterov", nesterov, "maximize", maximize);
        }
    }

    public SGD(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

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
        if (o.lr < 0) throw new IllegalArgumentException("Invalid learning rate: " + o.lr);
        if (o.momentum < 0) throw new IllegalArgumentException("Invalid momentum value: " + o.momentum);
        if (o.weightDecay < 0) throw new IllegalArgumentException("Invalid weight_decay value: " + o.weightDecay);
        if (o.nesterov && (o.momentum <= 0 || o.dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
        return o;
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), momentum = g.getDouble("momentum"), dampening = g.getDouble("dampening");
        double weightDecay = g.getDouble("weight_decay");
        boolean nesterov = g.getBoolean("nesterov"), maximize = g.getBoolean("maximize");
        for (Tensor p : g.params()) {
            Tensor grad = p.grad();
            if (grad == null) continue;
            Tensor d = maximize ? grad.neg() : grad;
            if (weightDecay != 0) d = d.add(p, weightDecay);
            if (momentum != 0) {
                Map<String, Object> s = stateOf(p);
                Tensor buf = (Tensor) s.get("momentum_buffer");
                if (buf == null) {
                    buf = d.clone().keep();
                    s.put("momentum_buffer", buf);
                } else {
                    buf.mul_(momentum).add_(d, 1 - dampening);
                }
                d = nesterov ? d.add(buf, momentum) : buf;
            }
            p.add_(d, -lr);
        }
    }
}
