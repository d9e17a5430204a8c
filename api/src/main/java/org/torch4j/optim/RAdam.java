package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * RAdam ({@code torch.optim.RAdam}), rectified Adam, in PyTorch 1.13's single-tensor form: while the
 * length of the approximated simple moving average {@code rho_t} is at most 5 the step is plain
 * momentum ({@code lr} times the bias-corrected first moment); after, Adam's adaptive step scaled by
 * the variance rectification term. 1.13 has no {@code maximize} option for RAdam and no complex
 * support: complex parameters are refused.
 *
 * <pre>{@code
 * RAdam opt = new RAdam(model.parameters(), RAdam.options(1e-3).weightDecay(1e-4));
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * }</pre>
 */
public class RAdam extends Optimizer {

    /** Options with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Options options() {
        return new Options();
    }

    /** Options with learning rate {@code lr}. */
    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    /** RAdam's options. */
    public static final class Options {
        double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay;

        Options() {}

        /** The learning rate (default 1e-3). */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** The decay rates of the first and second moment averages (default 0.9, 0.999). */
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

        /** L2 penalty (default 0). */
        public Options weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "betas", List.of(beta1, beta2), "eps", eps, "weight_decay", weightDecay);
        }
    }

    /** RAdam with PyTorch's defaults. */
    public RAdam(List<? extends Tensor> params) {
        this(params, options());
    }

    /** RAdam with learning rate {@code lr}. */
    public RAdam(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** RAdam with the given options. */
    public RAdam(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
    }

    private RAdam(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static RAdam withGroups(List<ParamGroup> groups, Options defaults) {
        return new RAdam(defaults, groups);
    }

    private static Options check(Options o) {
        OptionChecks.adamLike(o.lr, o.eps, o.beta1, o.beta2, o.weightDecay);
        return o;
    }

    /** Adds a group; complex parameters are refused (see the class comment). */
    @Override
    public void addParamGroup(ParamGroup group) {
        OptionChecks.realOnly("RAdam", group);
        super.addParamGroup(group);
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), beta1 = g.getDouble("betas", 0), beta2 = g.getDouble("betas", 1), eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay");
        for (Tensor p : g.params()) {
            Tensor grad = p.grad();
            if (grad == null) continue;
            Map<String, Object> s = stateOf(p);
            if (s.isEmpty()) {
                s.put("step", Torch.scalarTensor(0.0).keep());
                s.put("exp_avg", Torch.zerosLike(p).keep());
                s.put("exp_avg_sq", Torch.zerosLike(p).keep());
            }
            Tensor stepT = (Tensor) s.get("step");
            Tensor expAvg = (Tensor) s.get("exp_avg"), expAvgSq = (Tensor) s.get("exp_avg_sq");
            stepT.add_(1.0);
            double step = stepT.item();
            double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
            if (weightDecay != 0) grad = grad.add(p, weightDecay);
            expAvg.mul_(beta1).add_(grad, 1 - beta1);
            expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            Tensor corrected = expAvg.div(bc1);
            double rhoInf = 2 / (1 - beta2) - 1;
            double rhoT = rhoInf - 2 * step * Math.pow(beta2, step) / bc2;
            if (rhoT > 5.) {
                double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                Tensor denom = expAvgSq.sqrt().add_(eps);
                // PyTorch's `scalar / tensor` is the tensor's reciprocal times the scalar (Tensor.__rtruediv__)
                Tensor adaptiveLr = denom.reciprocal().mul_(Math.sqrt(bc2));
                p.add_(corrected.mul_(lr).mul_(adaptiveLr).mul_(rect), -1.0);
            } else {
                p.add_(corrected.mul_(lr), -1.0);
            }
        }
    }
}
