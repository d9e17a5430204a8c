package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * NAdam ({@code torch.optim.NAdam}), Adam with Nesterov momentum, in PyTorch 1.13's single-tensor
 * form. The momentum schedule is {@code mu_t = beta1 (1 - 0.5 * 0.96^(t * momentum_decay))}; the
 * state {@code mu_product} is a 0-dim tensor of the default dtype, as PyTorch's, so its rounding
 * (float32 until a state dict is loaded, which casts it to the parameter's dtype) is PyTorch's too.
 * Like 1.13 the second product is {@code mu_product * mu_t * mu_(t+1)} (with {@code mu_t} counted
 * twice; PyTorch corrected this after 1.13). 1.13 has no {@code maximize} option for NAdam and no
 * complex support: complex parameters are refused.
 *
 * <pre>{@code
 * NAdam opt = new NAdam(model.parameters(), NAdam.options(0.002).momentumDecay(4e-3));
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * }</pre>
 */
public class NAdam extends Optimizer {

    /** Options with PyTorch's defaults: lr 2e-3, betas (0.9, 0.999), eps 1e-8, momentum decay 4e-3. */
    public static Options options() {
        return new Options();
    }

    /** Options with learning rate {@code lr}. */
    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    /** NAdam's options. */
    public static final class Options {
        double lr = 2e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay, momentumDecay = 4e-3;

        Options() {}

        /** The learning rate (default 2e-3). */
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

        /** {@code psi} of the momentum schedule (default 4e-3). */
        public Options momentumDecay(double v) {
            momentumDecay = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "betas", List.of(beta1, beta2), "eps", eps, "weight_decay", weightDecay,
                    "momentum_decay", momentumDecay);
        }
    }

    /** NAdam with PyTorch's defaults. */
    public NAdam(List<? extends Tensor> params) {
        this(params, options());
    }

    /** NAdam with learning rate {@code lr}. */
    public NAdam(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** NAdam with the given options. */
    public NAdam(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
    }

    private NAdam(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static NAdam withGroups(List<ParamGroup> groups, Options defaults) {
        return new NAdam(defaults, groups);
    }

    private static Options check(Options o) {
        OptionChecks.adamLike(o.lr, o.eps, o.beta1, o.beta2, o.weightDecay);
        OptionChecks.nonNegative(o.momentumDecay, "momentum_decay value");
        return o;
    }

    /** Adds a group; complex parameters are refused (see the class comment). */
    @Override
    public void addParamGroup(ParamGroup group) {
        OptionChecks.realOnly("NAdam", group);
        super.addParamGroup(group);
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), beta1 = g.getDouble("betas", 0), beta2 = g.getDouble("betas", 1), eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay"), momentumDecay = g.getDouble("momentum_decay");
        for (Tensor p : g.params()) {
            Tensor grad = p.grad();
            if (grad == null) continue;
            Map<String, Object> s = stateOf(p);
            if (s.isEmpty()) {
                s.put("step", Torch.scalarTensor(0.0).keep());
                s.put("mu_product", Torch.scalarTensor(1.0).keep());
                s.put("exp_avg", Torch.zerosLike(p).keep());
                s.put("exp_avg_sq", Torch.zerosLike(p).keep());
            }
            Tensor stepT = (Tensor) s.get("step"), muProduct = (Tensor) s.get("mu_product");
            Tensor expAvg = (Tensor) s.get("exp_avg"), expAvgSq = (Tensor) s.get("exp_avg_sq");
            stepT.add_(1.0);
            double step = stepT.item();
            double bc2 = 1 - Math.pow(beta2, step);
            if (weightDecay != 0) grad = grad.add(p, weightDecay);
            double mu = beta1 * (1. - 0.5 * Math.pow(0.96, step * momentumDecay));
            double muNext = beta1 * (1. - 0.5 * Math.pow(0.96, (step + 1) * momentumDecay));
            // both products in the state's dtype, as PyTorch's tensor arithmetic rounds them
            muProduct.mul_(mu);
            double muProductNext = muProduct.mul(mu).mul(muNext).item();
            expAvg.mul_(beta1).add_(grad, 1 - beta1);
            expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            Tensor denom = expAvgSq.div(bc2).sqrt().add_(eps);
            p.addcdiv_(grad, denom, -lr * (1. - mu) / (1. - muProduct.item()));
            p.addcdiv_(expAvg, denom, -lr * muNext / (1. - muProductNext));
        }
    }
}
