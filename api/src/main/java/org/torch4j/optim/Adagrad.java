package org.torch4j.optim;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Adagrad ({@code torch.optim.Adagrad}) in PyTorch 1.13's single-tensor form: the sum of squared
 * gradients (starting at {@code initial_accumulator_value}) scales each step, the learning rate
 * decays as {@code lr / (1 + (t - 1) lr_decay)}. As in PyTorch the state is created at construction.
 */
public class Adagrad extends Optimizer {

    /** Options with PyTorch's defaults: lr 0.01, no lr decay or weight decay, eps 1e-10. */
    public static Options options() {
        return new Options();
    }

    /** Options with learning rate {@code lr}. */
    public static Options options(double lr) {
        return new Options().lr(lr);
    }

    /** Adagrad's options. */
    public static final class Options {
        double lr = 1e-2, lrDecay, weightDecay, initialAccumulatorValue, eps = 1e-10;
        boolean maximize;

        Options() {}

        /** The learning rate (default 0.01). */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** Learning-rate decay per step (default 0). */
        public Options lrDecay(double v) {
            lrDecay = v;
            return this;
        }

        /** L2 penalty (default 0). */
        public Options weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** The starting value of the sum of squares (default 0). */
        public Options initialAccumulatorValue(double v) {
            initialAccumulatorValue = v;
            return this;
        }

        /** Added to the denominator (default 1e-10). */
        public Options eps(double v) {
            eps = v;
            return this;
        }

        /** Maximizes the objective instead of minimizing it. */
        public Options maximize(boolean v) {
            maximize = v;
            return this;
        }

        Map<String, Object> toMap() {
            return Map.of("lr", lr, "lr_decay", lrDecay, "eps", eps, "weight_decay", weightDecay,
                    "initial_accumulator_value", initialAccumulatorValue, "maximize", maximize);
        }
    }

    /** Adagrad with PyTorch's defaults. */
    public Adagrad(List<? extends Tensor> params) {
        this(params, options());
    }

    /** Adagrad with learning rate {@code lr}. */
    public Adagrad(List<? extends Tensor> params, double lr) {
        this(params, options(lr));
    }

    /** Adagrad with the given options. */
    public Adagrad(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
        initState();
    }

    private Adagrad(Options defaults, List<ParamGroup> groups) {
        super(check(defaults).toMap(), groups);
        initState();
    }

    /** An optimizer over several parameter groups, each able to override the defaults. */
    public static Adagrad withGroups(List<ParamGroup> groups, Options defaults) {
        return new Adagrad(defaults, groups);
    }

    private static Options check(Options o) {
        if (!(0.0 <= o.lr)) throw new IllegalArgumentException("Invalid learning rate: " + Py.repr(o.lr));
        if (!(0.0 <= o.lrDecay)) throw new IllegalArgumentException("Invalid lr_decay value: " + Py.repr(o.lrDecay));
        if (!(0.0 <= o.weightDecay)) throw new IllegalArgumentException("Invalid weight_decay value: " + Py.repr(o.weightDecay));
        if (!(0.0 <= o.initialAccumulatorValue)) {
            throw new IllegalArgumentException("Invalid initial_accumulator_value value: " + Py.repr(o.initialAccumulatorValue));
        }
        if (!(0.0 <= o.eps)) throw new IllegalArgumentException("Invalid epsilon value: " + Py.repr(o.eps));
        return o;
    }

    /** The accumulator's start: {@code init} everywhere, and for a complex parameter {@code init + init i}, as PyTorch. */
    private static Tensor initialSum(Tensor param, double init) {
        Tensor sum = Torch.zerosLike(param);
        asReal(sum).fill_(init);
        return sum;
    }

    /** PyTorch creates Adagrad's state eagerly, with each group's initial accumulator value. */
    private void initState() {
        for (ParamGroup g : paramGroups) {
            double init = g.getDouble("initial_accumulator_value");
            for (Tensor p : g.params()) {
                Map<String, Object> s = stateOf(p);
                s.put("step", Torch.scalarTensor(0.0).keep());
                s.put("sum", initialSum(p, init).keep());
            }
        }
    }

    @Override
    protected boolean supportsSparseGradients() {
        return true;
    }

    /** PyTorch's sparse step: the sum and the parameter change only at the gradient's (coalesced) indices. */
    private void updateSparse(Tensor param, ParamGroup g, double lr, double lrDecay, double eps, double weightDecay, boolean maximize) {
        if (weightDecay != 0) throw new IllegalStateException("weight_decay option is not compatible with sparse gradients");
        Map<String, Object> s = stateOf(param);
        if (s.isEmpty()) {
            s.put("step", Torch.scalarTensor(0.0).keep());
            s.put("sum", initialSum(param, g.getDouble("initial_accumulator_value")).keep());
        }
        Tensor stepT = (Tensor) s.get("step"), sum = (Tensor) s.get("sum");
        stepT.add_(1.0);
        double clr = lr / (1 + (stepT.item() - 1) * lrDecay);
        org.torch4j.sparse.SparseCooTensor grad = param.sparseGrad();
        if (maximize) grad = grad.neg();
        grad = grad.coalesce();
        Tensor indices = grad.indices(), values = grad.values();
        sum.add_(org.torch4j.sparse.Sparse.cooTensor(indices, values.pow(2), param.shape()), 1);
        Tensor std = sum.sparseMask(grad).values().sqrt().add_(eps);
        param.add_(org.torch4j.sparse.Sparse.cooTensor(indices, values.div(std), param.shape()), -clr);
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr(), lrDecay = g.getDouble("lr_decay"), eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay");
        boolean maximize = g.getBoolean("maximize");
        for (Tensor param : g.params()) {
            if (param.sparseGrad() != null) {
                updateSparse(param, g, lr, lrDecay, eps, weightDecay, maximize);
                continue;
            }
            if (param.grad() == null) continue;
            // a complex parameter is updated through its real view, as PyTorch does (its state stays complex)
            Tensor p = asReal(param), grad = asReal(param.grad());
            Map<String, Object> s = stateOf(param);
            if (s.isEmpty()) { // a group added after construction (PyTorch fails here with a KeyError)
                s.put("step", Torch.scalarTensor(0.0).keep());
                s.put("sum", initialSum(param, g.getDouble("initial_accumulator_value")).keep());
            }
            Tensor stepT = (Tensor) s.get("step"), sum = asReal((Tensor) s.get("sum"));
            stepT.add_(1.0);
            double step = stepT.item();
            if (maximize) grad = grad.neg();
            if (weightDecay != 0) grad = grad.add(p, weightDecay);
            double clr = lr / (1 + (step - 1) * lrDecay);
            sum.addcmul_(grad, grad, 1.0);
            Tensor std = sum.sqrt().add_(eps);
            p.addcdiv_(grad, std, -clr);
        }
    }
}
