package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.optim.Adadelta;
import org.torch4j.optim.Adagrad;
import org.torch4j.optim.Adam;
import org.torch4j.optim.AdamW;
import org.torch4j.optim.ChainedScheduler;
import org.torch4j.optim.ConstantLR;
import org.torch4j.optim.CosineAnnealingLR;
import org.torch4j.optim.ExponentialLR;
import org.torch4j.optim.LBFGS;
import org.torch4j.optim.LRScheduler;
import org.torch4j.optim.LambdaLR;
import org.torch4j.optim.LinearLR;
import org.torch4j.optim.MultiStepLR;
import org.torch4j.optim.MultiplicativeLR;
import org.torch4j.optim.OneCycleLR;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;
import org.torch4j.optim.PolynomialLR;
import org.torch4j.optim.RMSprop;
import org.torch4j.optim.ReduceLROnPlateau;
import org.torch4j.optim.SGD;
import org.torch4j.optim.SequentialLR;
import org.torch4j.optim.StepLR;

/**
 * The fixed problem and the builders shared by the optimizer and scheduler tests: everything is
 * rebuilt from {@code optim.json} (written by {@code tools/gen_optim_reference.py}) by PyTorch's
 * argument names, so a case there is a case here.
 */
final class OptimFixtures {
    private OptimFixtures() {}

    static final Map<String, Object> REF = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        return (Map<String, Object>) Reference.load("optim.json");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) REF.get(name);
    }

    // ---- the problem ----------------------------------------------------------------------------

    /** Two parameters and the loss of the generator's docstring. */
    static final class Problem {
        final Tensor p1, p2, a, b, c, d;

        @SuppressWarnings("unchecked")
        Problem(DType dtype) {
            Map<String, Object> pb = (Map<String, Object>) REF.get("problem");
            p1 = matrix(pb.get("p1"), dtype).requiresGrad_();
            p2 = matrix(pb.get("p2"), dtype).requiresGrad_();
            a = matrix(pb.get("A"), dtype);
            b = matrix(pb.get("b"), dtype);
            c = matrix(pb.get("C"), dtype);
            d = matrix(pb.get("D"), dtype);
        }

        /** A problem whose parameters start at the given flat values. */
        Problem(DType dtype, List<double[]> values) {
            this(dtype);
            try (var g = Torch.noGrad()) {
                p1.copy_(Torch.tensor(values.get(0), p1.shape()).to(dtype));
                p2.copy_(Torch.tensor(values.get(1), p2.shape()).to(dtype));
            }
        }

        List<Tensor> params() {
            return List.of(p1, p2);
        }

        Tensor loss(double sign) {
            Tensor r1 = a.matmul(p1).sub(b);
            Tensor r2 = p2.matmul(c).sub(d);
            Tensor f = r1.mul(r1).sum().add(p1.pow(4).sum().mul(0.1)).add(r2.mul(r2).sum()).add(p2.pow(4).sum().mul(0.1))
                    .add(p1.sum().mul(0.5).mul(p2.sum()));
            return f.mul(sign);
        }

        /** zero_grad, loss, backward, as the generator's closure. */
        Tensor closure(Optimizer opt, double sign, List<Double> record) {
            opt.zeroGrad();
            Tensor l = loss(sign);
            l.backward();
            if (record != null) record.add(l.item());
            return l;
        }

        List<double[]> values() {
            return List.of(p1.toDoubleArray(), p2.toDoubleArray());
        }
    }

    @SuppressWarnings("unchecked")
    static Tensor matrix(Object nested, DType dtype) {
        List<Object> rows = (List<Object>) nested;
        if (!(rows.get(0) instanceof List)) return Torch.tensor(doubles(rows)).to(dtype);
        int n = rows.size(), m = ((List<Object>) rows.get(0)).size();
        double[] v = new double[n * m];
        for (int i = 0; i < n; i++) {
            double[] r = doubles((List<Object>) rows.get(i));
            System.arraycopy(r, 0, v, i * m, m);
        }
        return Torch.tensor(v, n, m).to(dtype);
    }

    static double[] doubles(List<?> l) {
        double[] r = new double[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = Reference.number(l.get(i));
        return r;
    }

    static List<Double> doubleList(Object l) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) l) out.add(Reference.number(o));
        return out;
    }

    // ---- comparison ------------------------------------------------------------------------------

    /** {rtol, atol} for parameter trajectories: float32 within 1e-5 relative. */
    static double[] tolerance(DType dtype) {
        return dtype == DType.FLOAT64 ? new double[] {1e-10, 1e-12} : new double[] {1e-5, 1e-6};
    }

    static void assertClose(double expected, double actual, double rtol, double atol, String context) {
        boolean ok = Double.isNaN(expected) ? Double.isNaN(actual)
                : Double.isInfinite(expected) ? expected == actual
                : Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
        if (!ok) fail(context + ": expected " + expected + " but got " + actual + " (rtol " + rtol + ", atol " + atol + ")");
    }

    static void assertValues(List<?> expected, double[] actual, double rtol, double atol, String context) {
        assertEquals(expected.size(), actual.length, context + ": size");
        for (int i = 0; i < actual.length; i++) {
            assertClose(Reference.number(expected.get(i)), actual[i], rtol, atol, context + " [" + i + "]");
        }
    }

    @SuppressWarnings("unchecked")
    static void assertParams(Object expectedStep, Problem pb, double[] tol, String context) {
        List<Object> exp = (List<Object>) expectedStep;
        assertValues((List<Object>) exp.get(0), pb.p1.toDoubleArray(), tol[0], tol[1], context + " p1");
        assertValues((List<Object>) exp.get(1), pb.p2.toDoubleArray(), tol[0], tol[1], context + " p2");
    }

    // ---- optimizers from PyTorch's keyword arguments ------------------------------------------------

    static double num(Object v) {
        return ((Number) v).doubleValue();
    }

    @SuppressWarnings("unchecked")
    static List<ParamGroup> groups(Object spec, List<Tensor> params) {
        if (spec == null) return null;
        List<ParamGroup> out = new ArrayList<>();
        for (Object o : (List<Object>) spec) {
            Map<String, Object> g = new LinkedHashMap<>((Map<String, Object>) o);
            List<Tensor> ps = new ArrayList<>();
            for (Object i : (List<Object>) g.remove("params")) ps.add(params.get(((Number) i).intValue()));
            out.add(new ParamGroup(ps, g));
        }
        return out;
    }

    /** Builds {@code torch.optim.<name>(params or groups, **options)}. */
    @SuppressWarnings("unchecked")
    static Optimizer optimizer(String name, Map<String, Object> options, List<Tensor> params, List<ParamGroup> groups) {
        switch (name) {
            case "SGD" -> {
                SGD.Options o = SGD.options(num(options.get("lr")));
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> { }
                        case "momentum" -> o.momentum(num(v));
                        case "dampening" -> o.dampening(num(v));
                        case "weight_decay" -> o.weightDecay(num(v));
                        case "nesterov" -> o.nesterov((Boolean) v);
                        case "maximize" -> o.maximize((Boolean) v);
                        default -> throw new IllegalArgumentException("SGD option " + k);
                    }
                });
                return groups == null ? new SGD(params, o) : SGD.withGroups(groups, o);
            }
            case "Adam", "AdamW" -> {
                boolean w = name.equals("AdamW");
                Adam.Options o = w ? AdamW.options() : Adam.options();
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> o.lr(num(v));
                        case "betas" -> {
                            List<Object> b = (List<Object>) v;
                            o.betas(num(b.get(0)), num(b.get(1)));
                        }
                        case "eps" -> o.eps(num(v));
                        case "weight_decay" -> o.weightDecay(num(v));
                        case "amsgrad" -> o.amsgrad((Boolean) v);
                        case "maximize" -> o.maximize((Boolean) v);
                        default -> throw new IllegalArgumentException(name + " option " + k);
                    }
                });
                if (w) return groups == null ? new AdamW(params, o) : AdamW.withGroups(groups, o);
                return groups == null ? new Adam(params, o) : Adam.withGroups(groups, o);
            }
            case "RMSprop" -> {
                RMSprop.Options o = RMSprop.options();
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> o.lr(num(v));
                        case "alpha" -> o.alpha(num(v));
                        case "eps" -> o.eps(num(v));
                        case "weight_decay" -> o.weightDecay(num(v));
                        case "momentum" -> o.momentum(num(v));
                        case "centered" -> o.centered((Boolean) v);
                        case "maximize" -> o.maximize((Boolean) v);
                        default -> throw new IllegalArgumentException("RMSprop option " + k);
                    }
                });
                return groups == null ? new RMSprop(params, o) : RMSprop.withGroups(groups, o);
            }
            case "Adagrad" -> {
                Adagrad.Options o = Adagrad.options();
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> o.lr(num(v));
                        case "lr_decay" -> o.lrDecay(num(v));
                        case "weight_decay" -> o.weightDecay(num(v));
                        case "initial_accumulator_value" -> o.initialAccumulatorValue(num(v));
                        case "eps" -> o.eps(num(v));
                        case "maximize" -> o.maximize((Boolean) v);
                        default -> throw new IllegalArgumentException("Adagrad option " + k);
                    }
                });
                return groups == null ? new Adagrad(params, o) : Adagrad.withGroups(groups, o);
            }
            case "Adadelta" -> {
                Adadelta.Options o = Adadelta.options();
                options.forEach((k, v) -> {
                    switch (k) {
                        case "lr" -> o.lr(num(v));
                        case "rho" -> o.rho(num(v));
                        case "eps" -> o.eps(num(v));
                        case "weight_decay" -> o.weightDecay(num(v));
                        case "maximize" -> o.maximize((Boolean) v);
                        default -> throw new IllegalArgumentException("Adadelta option " + k);
                    }
                });
                return groups == null ? new Adadelta(params, o) : Adadelta.withGroups(groups, o);
            }
            default -> throw new IllegalArgumentException("optimizer " + name);
        }
    }

    /** Builds {@code torch.optim.LBFGS(params, **options)}. */
    static LBFGS lbfgs(Map<String, Object> options, List<Tensor> params) {
        LBFGS.Options o = LBFGS.options();
        options.forEach((k, v) -> {
            switch (k) {
                case "lr" -> o.lr(num(v));
                case "max_iter" -> o.maxIter(((Number) v).intValue());
                case "max_eval" -> o.maxEval(((Number) v).intValue());
                case "tolerance_grad" -> o.toleranceGrad(num(v));
                case "tolerance_change" -> o.toleranceChange(num(v));
                case "history_size" -> o.historySize(((Number) v).intValue());
                case "line_search_fn" -> o.lineSearchFn((String) v);
                default -> throw new IllegalArgumentException("LBFGS option " + k);
            }
        });
        return new LBFGS(params, o);
    }

    // ---- schedulers -----------------------------------------------------------------------------------

    static int integer(Map<String, Object> o, String key, int dflt) {
        Object v = o.get(key);
        return v == null ? dflt : ((Number) v).intValue();
    }

    static double dbl(Map<String, Object> o, String key, double dflt) {
        Object v = o.get(key);
        return v == null ? dflt : num(v);
    }

    static int[] ints(Object l) {
        return ((List<?>) l).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    }

    static double[] dblArray(Object v) {
        return v instanceof List<?> l ? doubles(l) : new double[] {num(v)};
    }

    /** Builds {@code lr_scheduler.<kind>(optimizer, last_epoch=lastEpoch, **options)}. */
    @SuppressWarnings("unchecked")
    static LRScheduler scheduler(String kind, Optimizer opt, Map<String, Object> o, int lastEpoch) {
        return switch (kind) {
            case "StepLR" -> new StepLR(opt, integer(o, "step_size", 0), dbl(o, "gamma", 0.1), lastEpoch);
            case "MultiStepLR" -> new MultiStepLR(opt, ints(o.get("milestones")), dbl(o, "gamma", 0.1), lastEpoch);
            case "ExponentialLR" -> new ExponentialLR(opt, dbl(o, "gamma", 0), lastEpoch);
            case "CosineAnnealingLR" -> new CosineAnnealingLR(opt, integer(o, "T_max", 0), dbl(o, "eta_min", 0), lastEpoch);
            case "LinearLR" -> new LinearLR(opt, dbl(o, "start_factor", 1.0 / 3), dbl(o, "end_factor", 1.0),
                    integer(o, "total_iters", 5), lastEpoch);
            case "ConstantLR" -> new ConstantLR(opt, dbl(o, "factor", 1.0 / 3), integer(o, "total_iters", 5), lastEpoch);
            case "PolynomialLR" -> new PolynomialLR(opt, integer(o, "total_iters", 5), dbl(o, "power", 1.0), lastEpoch);
            case "LambdaLR" -> new LambdaLR(opt, epoch -> Math.pow(0.95, epoch), lastEpoch);
            case "MultiplicativeLR" -> new MultiplicativeLR(opt,
                    java.util.Collections.nCopies(opt.paramGroups().size(), epoch -> 0.9), lastEpoch);
            case "OneCycleLR" -> new OneCycleLR(opt, oneCycle(o).lastEpoch(lastEpoch));
            case "SequentialLR", "ChainedScheduler" -> {
                List<LRScheduler> children = new ArrayList<>();
                for (Object c : (List<Object>) o.get("children")) {
                    Map<String, Object> cm = (Map<String, Object>) c;
                    children.add(scheduler((String) cm.get("scheduler"), opt, (Map<String, Object>) cm.get("options"), -1));
                }
                yield kind.equals("ChainedScheduler") ? new ChainedScheduler(children)
                        : new SequentialLR(opt, children, ints(o.get("milestones")));
            }
            default -> throw new IllegalArgumentException("scheduler " + kind);
        };
    }

    static OneCycleLR.Options oneCycle(Map<String, Object> o) {
        OneCycleLR.Options x = OneCycleLR.options(dblArray(o.get("max_lr")));
        o.forEach((k, v) -> {
            switch (k) {
                case "max_lr" -> { }
                case "total_steps" -> x.totalSteps(((Number) v).intValue());
                case "epochs" -> x.epochs(((Number) v).intValue());
                case "steps_per_epoch" -> x.stepsPerEpoch(((Number) v).intValue());
                case "pct_start" -> x.pctStart(num(v));
                case "anneal_strategy" -> x.annealStrategy((String) v);
                case "cycle_momentum" -> x.cycleMomentum((Boolean) v);
                case "base_momentum" -> x.baseMomentum(dblArray(v));
                case "max_momentum" -> x.maxMomentum(dblArray(v));
                case "div_factor" -> x.divFactor(num(v));
                case "final_div_factor" -> x.finalDivFactor(num(v));
                case "three_phase" -> x.threePhase((Boolean) v);
                default -> throw new IllegalArgumentException("OneCycleLR option " + k);
            }
        });
        return x;
    }

    static ReduceLROnPlateau.Options plateau(Map<String, Object> o) {
        ReduceLROnPlateau.Options x = ReduceLROnPlateau.options();
        o.forEach((k, v) -> {
            switch (k) {
                case "mode" -> x.mode((String) v);
                case "factor" -> x.factor(num(v));
                case "patience" -> x.patience(((Number) v).intValue());
                case "threshold" -> x.threshold(num(v));
                case "threshold_mode" -> x.thresholdMode((String) v);
                case "cooldown" -> x.cooldown(((Number) v).intValue());
                case "min_lr" -> x.minLr(dblArray(v));
                case "eps" -> x.eps(num(v));
                default -> throw new IllegalArgumentException("ReduceLROnPlateau option " + k);
            }
        });
        return x;
    }

    /** An optimizer with one group per learning rate, each over its own small parameter. */
    @SuppressWarnings("unchecked")
    static Optimizer schedulerOptimizer(Map<String, Object> c) {
        List<Double> lrs = doubleList(c.get("groups"));
        List<Tensor> params = new ArrayList<>();
        List<ParamGroup> groups = new ArrayList<>();
        for (double lr : lrs) {
            Tensor p = Torch.zeros(2).requiresGrad_();
            params.add(p);
            groups.add(new ParamGroup(List.of(p), Map.of("lr", lr)));
        }
        Map<String, Object> options = new LinkedHashMap<>((Map<String, Object>) c.get("optimizer_options"));
        return optimizer((String) c.get("optimizer"), options, params, groups);
    }

    /** The momentum (or beta1) of each group, as the generator records it. */
    static List<Double> momentums(Optimizer opt) {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : opt.paramGroups()) {
            Double m = null;
            if (g.get("betas") != null) m = g.getDouble("betas", 0);
            else if (g.get("momentum") != null) m = g.getDouble("momentum");
            out.add(m);
        }
        return out;
    }

    /** One optimizer step with gradients of ones (so that the optimizer has stepped before the scheduler). */
    static void dummyStep(Optimizer opt) {
        for (ParamGroup g : opt.paramGroups()) {
            for (Tensor p : g.params()) p.setGrad(Torch.ones(2));
        }
        opt.step();
    }
}
