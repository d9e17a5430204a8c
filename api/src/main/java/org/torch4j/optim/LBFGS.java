package org.torch4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * L-BFGS ({@code torch.optim.LBFGS}), ported from PyTorch 1.13: each {@link #step(Closure)} runs up
 * to {@code max_iter} quasi-Newton iterations over all parameters flattened into one vector, with a
 * fixed step or a strong-Wolfe line search, and returns the loss of the first evaluation.
 *
 * <pre>{@code
 * LBFGS opt = new LBFGS(params, LBFGS.options().lineSearchFn("strong_wolfe"));
 * opt.step(() -> {
 *     opt.zeroGrad();
 *     Tensor loss = lossFn();
 *     loss.backward();
 *     return loss;
 * });
 * }</pre>
 *
 * <p>Scalars that PyTorch keeps as 0-dim tensors (step length, curvature products) are doubles here,
 * which matches PyTorch exactly for float64 parameters and to rounding for float32 ones. Only one
 * parameter group is supported; the state lives under the first parameter, as in PyTorch.
 */
public class LBFGS extends Optimizer {

    /** Options with PyTorch's defaults (lr 1, max_iter 20, history_size 100, no line search). */
    public static Options options() {
        return new Options();
    }

    /** LBFGS's options. */
    public static final class Options {
        double lr = 1, toleranceGrad = 1e-7, toleranceChange = 1e-9;
        int maxIter = 20, historySize = 100;
        Integer maxEval;
        String lineSearchFn;

        Options() {}

        /** The learning rate (default 1). */
        public Options lr(double v) {
            lr = v;
            return this;
        }

        /** Iterations per step (default 20). */
        public Options maxIter(int v) {
            maxIter = v;
            return this;
        }

        /** Function evaluations per step (default {@code max_iter * 5 / 4}). */
        public Options maxEval(int v) {
            maxEval = v;
            return this;
        }

        /** Stops when every gradient component is at most this in magnitude (default 1e-7). */
        public Options toleranceGrad(double v) {
            toleranceGrad = v;
            return this;
        }

        /** Stops when the loss or the step changes less than this (default 1e-9). */
        public Options toleranceChange(double v) {
            toleranceChange = v;
            return this;
        }

        /** The number of curvature pairs kept (default 100). */
        public Options historySize(int v) {
            historySize = v;
            return this;
        }

        /** {@code null} (fixed steps, the default) or {@code "strong_wolfe"}. */
        public Options lineSearchFn(String v) {
            lineSearchFn = v;
            return this;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("max_iter", maxIter);
            m.put("max_eval", maxEval != null ? maxEval : Math.floorDiv(maxIter * 5, 4));
            m.put("tolerance_grad", toleranceGrad);
            m.put("tolerance_change", toleranceChange);
            m.put("history_size", historySize);
            m.put("line_search_fn", lineSearchFn);
            return m;
        }
    }

    private final List<Tensor> params;

    /** L-BFGS with PyTorch's defaults. */
    public LBFGS(List<? extends Tensor> params) {
        this(params, options());
    }

    /** L-BFGS with the given options. */
    public LBFGS(List<? extends Tensor> params, Options o) {
        super(params, check(o).toMap());
        this.params = paramGroups.get(0).params();
    }

    private static Options check(Options o) {
        // PyTorch raises this on the first step; raising it here fails earlier with the same words.
        if (o.lineSearchFn != null && !o.lineSearchFn.equals("strong_wolfe")) {
            throw new IllegalArgumentException("only 'strong_wolfe' is supported");
        }
        return o;
    }

    @Override
    public void addParamGroup(ParamGroup group) {
        if (!paramGroups.isEmpty()) {
            throw new IllegalArgumentException("LBFGS doesn't support per-parameter options (parameter groups)");
        }
        super.addParamGroup(group);
    }

    private int numel() {
        long n = 0;
        for (Tensor p : params) n += p.numel();
        return Math.toIntExact(n);
    }

    private Tensor gatherFlatGrad() {
        checkSparseGradients();
        List<Tensor> views = new ArrayList<>(params.size());
        for (Tensor p : params) {
            Tensor g = p.grad();
            views.add(g == null ? Torch.zeros(new long[] {p.numel()}, p.dtype(), p.device()) : g.reshape(-1));
        }
        return Torch.cat(views, 0);
    }

    private void addGrad(double stepSize, Tensor update) {
        long offset = 0;
        for (Tensor p : params) {
            long n = p.numel();
            p.add_(update.narrow(0, offset, n).view(p.shape()), stepSize);
            offset += n;
        }
        if (offset != numel()) throw new IllegalStateException("parameter sizes changed during the step");
    }

    private List<Tensor> cloneParam() {
        List<Tensor> out = new ArrayList<>(params.size());
        for (Tensor p : params) out.add(p.detach().clone());
        return out;
    }

    private void setParam(List<Tensor> data) {
        for (int i = 0; i < params.size(); i++) params.get(i).copy_(data.get(i));
    }

    private static Tensor evaluate(Closure closure) {
        try (var g = Torch.enableGrad()) {
            Tensor loss = closure.evaluate();
            if (loss == null) throw new IllegalStateException("the LBFGS closure must return the loss");
            return loss;
        }
    }

    /** The loss and flat gradient at {@code x + t d}; the parameters are put back to {@code x}. */
    private Object[] directionalEvaluate(Closure closure, List<Tensor> x, double t, Tensor d) {
        addGrad(t, d);
        double loss = evaluate(closure).item();
        Tensor flatGrad = gatherFlatGrad();
        setParam(x);
        return new Object[] {loss, flatGrad};
    }

    /** Performs one L-BFGS step; {@code closure} is required. Returns the first loss of the step. */
    @Override
    @SuppressWarnings("unchecked")
    protected Tensor doStep(Closure closure) {
        if (closure == null) throw new IllegalArgumentException("LBFGS.step() needs a closure that re-evaluates the loss");
        if (paramGroups.size() != 1) {
            throw new IllegalStateException("LBFGS doesn't support per-parameter options (parameter groups)");
        }
        try (var mode = Torch.noGrad()) {
            ParamGroup group = paramGroups.get(0);
            double lr = group.lr();
            int maxIter = group.getInt("max_iter");
            int maxEval = group.getInt("max_eval");
            double toleranceGrad = group.getDouble("tolerance_grad");
            double toleranceChange = group.getDouble("tolerance_change");
            String lineSearchFn = (String) group.get("line_search_fn");
            int historySize = group.getInt("history_size");

            Map<String, Object> state = stateOf(params.get(0));
            state.putIfAbsent("func_evals", 0L);
            state.putIfAbsent("n_iter", 0L);

            Tensor origLoss = evaluate(closure);
            double loss = origLoss.item();
            int currentEvals = 1;
            addLong(state, "func_evals", 1);
            Tensor flatGrad = gatherFlatGrad();
            boolean optCond = flatGrad.abs().max().item() <= toleranceGrad;
            if (optCond) return origLoss;

            Tensor d = (Tensor) state.get("d");
            Double t = toDouble(state.get("t"));
            List<Tensor> oldDirs = (List<Tensor>) state.get("old_dirs");
            List<Tensor> oldStps = (List<Tensor>) state.get("old_stps");
            List<Double> ro = (List<Double>) state.get("ro");
            Double hDiag = toDouble(state.get("H_diag"));
            Tensor prevFlatGrad = (Tensor) state.get("prev_flat_grad");
            Double prevLoss = toDouble(state.get("prev_loss"));

            int nIter = 0;
            while (nIter < maxIter) {
                nIter++;
                long stateIter = addLong(state, "n_iter", 1);

                // compute the descent direction
                if (stateIter == 1) {
                    d = flatGrad.neg();
                    oldDirs = new ArrayList<>();
                    oldStps = new ArrayList<>();
                    ro = new ArrayList<>();
                    hDiag = 1.0;
                } else {
                    Tensor y = flatGrad.sub(prevFlatGrad);
                    Tensor s = d.mul(t);
                    double ys = y.dot(s).item();
                    if (ys > 1e-10) {
                        if (oldDirs.size() == historySize) {
                            oldDirs.remove(0);
                            oldStps.remove(0);
                            ro.remove(0);
                        }
                        oldDirs.add(y.keep());
                        oldStps.add(s.keep());
                        ro.add(1.0 / ys);
                        hDiag = ys / y.dot(y).item();
                    }
                    int numOld = oldDirs.size();
                    List<Double> al = (List<Double>) state.get("al");
                    if (al == null) {
                        al = new ArrayList<>();
                        for (int i = 0; i < historySize; i++) al.add(null);
                        state.put("al", al);
                    }
                    // the two-loop recursion, with a single buffer
                    Tensor q = flatGrad.neg();
                    for (int i = numOld - 1; i >= 0; i--) {
                        double a = oldStps.get(i).dot(q).item() * ro.get(i);
                        al.set(i, a);
                        q.add_(oldDirs.get(i), -a);
                    }
                    Tensor r = q.mul(hDiag);
                    d = r;
                    for (int i = 0; i < numOld; i++) {
                        double be = oldDirs.get(i).dot(r).item() * ro.get(i);
                        r.add_(oldStps.get(i), al.get(i) - be);
                    }
                }
                if (prevFlatGrad == null) prevFlatGrad = flatGrad.clone().keep();
                else prevFlatGrad.copy_(flatGrad);
                prevLoss = loss;

                // step length
                if (stateIter == 1) t = Math.min(1.0, 1.0 / flatGrad.abs().sum().item()) * lr;
                else t = lr;
                double gtd = flatGrad.dot(d).item();
                if (gtd > -toleranceChange) break;

                int lsFuncEvals = 0;
                if (lineSearchFn != null) {
                    if (!lineSearchFn.equals("strong_wolfe")) throw new IllegalArgumentException("only 'strong_wolfe' is supported");
                    List<Tensor> xInit = cloneParam();
                    WolfeResult w = strongWolfe(closure, xInit, t, d, loss, flatGrad, gtd, 1e-4, 0.9, 1e-9, 25);
                    loss = w.f;
                    flatGrad = w.g;
                    t = w.t;
                    lsFuncEvals = w.evals;
                    addGrad(t, d);
                    optCond = flatGrad.abs().max().item() <= toleranceGrad;
                } else {
                    addGrad(t, d);
                    if (nIter != maxIter) {
                        // no re-evaluation after the last iteration: in a stochastic setting it is wasted
                        loss = evaluate(closure).item();
                        flatGrad = gatherFlatGrad();
                        optCond = flatGrad.abs().max().item() <= toleranceGrad;
                        lsFuncEvals = 1;
                    }
                }
                currentEvals += lsFuncEvals;
                addLong(state, "func_evals", lsFuncEvals);

                if (nIter == maxIter) break;
                if (currentEvals >= maxEval) break;
                if (optCond) break;
                if (d.mul(t).abs().max().item() <= toleranceChange) break;
                if (Math.abs(loss - prevLoss) < toleranceChange) break;
            }

            // d was computed in this step when an iteration ran; keep it past the caller's scope
            state.put("d", nIter > 0 && d != null ? d.keep() : d);
            state.put("t", t);
            state.put("old_dirs", oldDirs);
            state.put("old_stps", oldStps);
            state.put("ro", ro);
            state.put("H_diag", hDiag);
            state.put("prev_flat_grad", prevFlatGrad);
            state.put("prev_loss", prevLoss);
            return origLoss;
        }
    }

    private static long addLong(Map<String, Object> state, String key, long delta) {
        long v = ((Number) state.get(key)).longValue() + delta;
        state.put(key, v);
        return v;
    }

    private static Double toDouble(Object v) {
        if (v == null) return null;
        if (v instanceof Tensor t) return t.item();
        return ((Number) v).doubleValue();
    }

    /** Python's max/min: the first argument unless the second is strictly beyond it. */
    private static double pyMax(double a, double b) {
        return b > a ? b : a;
    }

    private static double pyMin(double a, double b) {
        return b < a ? b : a;
    }

    /** The minimiser of the cubic through two points with values and slopes, clamped to the bounds. */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, double[] bounds) {
        double xminBound, xmaxBound;
        if (bounds != null) {
            xminBound = bounds[0];
            xmaxBound = bounds[1];
        } else if (x1 <= x2) {
            xminBound = x1;
            xmaxBound = x2;
        } else {
            xminBound = x2;
            xmaxBound = x1;
        }
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos;
            if (x1 <= x2) minPos = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2));
            else minPos = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return pyMin(pyMax(minPos, xminBound), xmaxBound);
        }
        return (xminBound + xmaxBound) / 2.0;
    }

    private record WolfeResult(double f, Tensor g, double t, int evals) {}

    /** The strong-Wolfe line search of PyTorch (after torch/optim's lswolfe.lua): bracket, then zoom. */
    private WolfeResult strongWolfe(Closure closure, List<Tensor> x, double t, Tensor d, double f, Tensor gIn, double gtd,
            double c1, double c2, double toleranceChange, int maxLs) {
        double dNorm = d.abs().max().item();
        Tensor g = gIn.clone();
        Object[] e = directionalEvaluate(closure, x, t, d);
        double fNew = (Double) e[0];
        Tensor gNew = (Tensor) e[1];
        int lsFuncEvals = 1;
        double gtdNew = gNew.dot(d).item();

        double tPrev = 0, fPrev = f, gtdPrev = gtd;
        Tensor gPrev = g;
        boolean done = false;
        int lsIter = 0;
        double[] bracket = null, bracketF = null, bracketGtd = null;
        Tensor[] bracketG = null;
        while (lsIter < maxLs) {
            if (fNew > (f + c1 * t * gtd) || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new Tensor[] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= -c2 * gtd) {
                bracket = new double[] {t};
                bracketF = new double[] {fNew};
                bracketG = new Tensor[] {gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new Tensor[] {gPrev, gNew.clone()};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            // interpolate
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double tmp = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, new double[] {minStep, maxStep});
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew.clone();
            gtdPrev = gtdNew;
            e = directionalEvaluate(closure, x, t, d);
            fNew = (Double) e[0];
            gNew = (Tensor) e[1];
            lsFuncEvals++;
            gtdNew = gNew.dot(d).item();
            lsIter++;
        }
        if (lsIter == maxLs) {
            bracket = new double[] {0, t};
            bracketF = new double[] {f, fNew};
            bracketG = new Tensor[] {g, gNew};
        }

        // zoom: refine the bracket until a point satisfies the conditions
        boolean insufProgress = false;
        int lowPos, highPos;
        if (bracketF[0] <= bracketF[bracketF.length - 1]) {
            lowPos = 0;
            highPos = 1;
        } else {
            lowPos = 1;
            highPos = 0;
        }
        while (!done && lsIter < maxLs) {
            if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], null);
            double bMax = pyMax(bracket[0], bracket[1]), bMin = pyMin(bracket[0], bracket[1]);
            double eps = 0.1 * (bMax - bMin);
            if (pyMin(bMax - t, t - bMin) < eps) {
                // interpolation close to the boundary
                if (insufProgress || t >= bMax || t <= bMin) {
                    t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
                    insufProgress = false;
                } else {
                    insufProgress = true;
                }
            } else {
                insufProgress = false;
            }
            e = directionalEvaluate(closure, x, t, d);
            fNew = (Double) e[0];
            gNew = (Tensor) e[1];
            lsFuncEvals++;
            gtdNew = gNew.dot(d).item();
            lsIter++;

            if (fNew > (f + c1 * t * gtd) || fNew >= bracketF[lowPos]) {
                // Armijo condition not met, or not lower than the lowest point
                bracket[highPos] = t;
                bracketF[highPos] = fNew;
                bracketG[highPos] = gNew.clone();
                bracketGtd[highPos] = gtdNew;
                if (bracketF[0] <= bracketF[1]) {
                    lowPos = 0;
                    highPos = 1;
                } else {
                    lowPos = 1;
                    highPos = 0;
                }
            } else {
                if (Math.abs(gtdNew) <= -c2 * gtd) {
                    done = true;
                } else if (gtdNew * (bracket[highPos] - bracket[lowPos]) >= 0) {
                    // the old high becomes the new low
                    bracket[highPos] = bracket[lowPos];
                    bracketF[highPos] = bracketF[lowPos];
                    bracketG[highPos] = bracketG[lowPos];
                    bracketGtd[highPos] = bracketGtd[lowPos];
                }
                bracket[lowPos] = t;
                bracketF[lowPos] = fNew;
                bracketG[lowPos] = gNew.clone();
                bracketGtd[lowPos] = gtdNew;
            }
        }
        return new WolfeResult(bracketF[lowPos], bracketG[lowPos], bracket[lowPos], lsFuncEvals);
    }
}
