package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The resilient backpropagation algorithm ({@code torch.optim.Rprop}) in PyTorch 1.13's
 * single-tensor form: each element's step size grows by {@code etaplus} while its gradient keeps its
 * sign and shrinks by {@code etaminus} when it flips (then that element skips its update), clamped to
 * {@code step_sizes}; the parameter moves by the step size against the gradient's sign. Complex
 * parameters are updated through their real views (both parts start with step size {@code lr}).
 *
 * <pre>{@code
 * Rprop opt = new Rprop(model.parameters(), Rprop.options(0.01).etas(0.5, 1.2).stepSizes(1e-6, 50));
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * }</pre>
 */
public class Rprop extends Optimizer {

    /** Options with PyTorch's defaults: lr 0.01, etas (0.5, 1.2), step sizes (1e-6, 50). */
    public static Options options() {
        return new Options();
    }

    /** Options with learning rate {@code lr} (the initial step size). */
    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    /** Rprop's options. */
    public static final class Options {
        double lr = 1e-2, etaMinus = 0.5, etaPlus = 1.2, stepSizeMin = 1e-6, stepSizeMax = 50;
        boolean maximize;

        Options() {}

        /** The learning rate, every element's first step size (default 0.01). */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** The factors that shrink and grow the step sizes, {@code 0 < etaminus < 1 < etaplus} (default 0.5, 1.2). */
        public Options etas(double etaminus, double etaplus) {
            etaMinus = etaminus;
            etaPlus = etaplus;
            return this;
        }

        /** The smallest and largest step sizes (default 1e-6, 50). */
        public Options stepSizes(double min, double max) {
            stepSizeMin = min;
            stepSizeMax = max;
            return this;
        }

        /** Maximizes the objective instead of minimizing it. */
        public Options maximize(boolean v) {
            maximize = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "etas", List.of(etaMinus, etaPlus), "step_sizes", List.of(stepSizeMin, stepSizeMax),
                    "maximize", maximize);
        }
    }

    /** Rprop with PyTorch's defaults. */
    public Rprop(List<? extends Tensor> params) {
        this(params, options());
    }

    /** Rprop with learning rate {@code lr}. */
    public Rprop(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** Rprop with the given options. */
    public Rprop(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
    }

    private Rprop(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static Rprop withGroups(List<ParamGroup> groups, Options defaults) {
        return new Rprop(defaults, groups);
    }

    private static Options check(Options o) {
        OptionChecks.nonNegative(o.lr, "learning rate");
        if (!(0.0 < o.etaMinus && o.etaMinus < 1.0 && 1.0 < o.etaPlus)) {
            throw new IllegalArgumentException("Invalid eta values: " + Py.repr(o.etaMinus) + ", " + Py.repr(o.etaPlus));
        }
        return o;
    }

    @Override
    protected void update(ParamGroup g) {
        double etaMinus = g.getDouble("etas", 0), etaPlus = g.getDouble("etas", 1);
        double min = g.getDouble("step_sizes", 0), max = g.getDouble("step_sizes", 1);
        boolean maximize = g.getBoolean("maximize");
        for (Tensor param : g.params()) {
            if (param.grad() == null) continue;
            Map<String, Object> s = stateOf(param);
            if (s.isEmpty()) {
                s.put("step", 0L);
                s.put("prev", Torch.zerosLike(param).keep());
                Tensor stepSize = Torch.zerosLike(param);
                asReal(stepSize).fill_(g.lr()); // complex: lr + lr i, each part its own step size
                s.put("step_size", stepSize.keep());
            }
            s.put("step", ((Number) s.get("step")).longValue() + 1);
            Tensor p = asReal(param), grad = asReal(param.grad());
            if (maximize) grad = grad.neg();
            Tensor prev = asReal((Tensor) s.get("prev")), stepSize = asReal((Tensor) s.get("step_size"));
            Tensor sign = grad.mul(prev).sign();
            // the masks are taken before the fills; an element whose sign is NaN keeps NaN, as in PyTorch
            Tensor grew = sign.gt(0), flipped = sign.lt(0), flat = sign.eq(0);
            sign.maskedFill_(grew, etaPlus).maskedFill_(flipped, etaMinus).maskedFill_(flat, 1.0);
            stepSize.mul_(sign).clamp_(min, max);
            // where the sign flipped the gradient counts as zero: no move now, no sign to compare next time
            Tensor d = grad.maskedFill(flipped, 0.0);
            p.addcmul_(d.sign(), stepSize, -1);
            prev.copy_(d);
        }
    }
}
