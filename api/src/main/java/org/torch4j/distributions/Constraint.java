package org.torch4j.distributions;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.Linalg;

/**
 * A region of values, as {@code torch.distributions.constraints}: the support of a distribution or
 * the valid range of a parameter. {@link #check} tests values elementwise (over the trailing
 * {@link #eventDim()} dims for constraints on vectors); {@link #toString()} is PyTorch's repr,
 * which appears in validation messages.
 */
public final class Constraint {
    private final String repr;
    private final boolean discrete;
    private final int eventDim;
    private final UnaryOperator<Tensor> check;
    /** What the transform registries need to rebuild the constraint: bounds, a base and its dims, or parts with dim and lengths. */
    private final List<Object> args;

    private Constraint(String repr, boolean discrete, int eventDim, UnaryOperator<Tensor> check, Object... args) {
        this.repr = repr;
        this.discrete = discrete;
        this.eventDim = eventDim;
        this.check = check;
        this.args = Arrays.asList(args);
    }

    /** Any value but NaN ({@code constraints.real}). */
    public static final Constraint REAL = new Constraint("Real()", false, 0, v -> v.eq(v));
    /** {@code x > 0} ({@code constraints.positive}). */
    public static final Constraint POSITIVE = greaterThan(0.0);
    /** {@code x >= 0} ({@code constraints.nonnegative}). */
    public static final Constraint NONNEGATIVE = greaterThanEq(0.0);
    /** {@code 0 <= x <= 1} ({@code constraints.unit_interval}). */
    public static final Constraint UNIT_INTERVAL = interval(0.0, 1.0);
    /** 0 or 1 ({@code constraints.boolean}). */
    public static final Constraint BOOLEAN = new Constraint("Boolean()", true, 0, v -> v.eq(0.0).logicalOr(v.eq(1.0)));
    /** Integers {@code >= 0} ({@code constraints.nonnegative_integer}). */
    public static final Constraint NONNEGATIVE_INTEGER = new Constraint("IntegerGreaterThan(lower_bound=0)", true, 0,
            v -> v.remainder(1.0).eq(0.0).logicalAnd(v.ge(0.0)));
    /** Nonnegative vectors summing to 1 within 1e-6 ({@code constraints.simplex}). */
    public static final Constraint SIMPLEX = new Constraint("Simplex()", false, 1,
            v -> v.ge(0.0).all(-1, false).logicalAnd(v.sum(-1).sub(1.0).abs().lt(1e-6)));
    /** Vectors of zeros with a single one ({@code constraints.one_hot}). */
    public static final Constraint ONE_HOT = new Constraint("OneHot()", true, 1,
            v -> v.eq(0.0).logicalOr(v.eq(1.0)).all(-1, false).logicalAnd(v.sum(-1).eq(1.0)));

    /** {@code 0 <= x < 1} ({@code constraints.half_open_interval(0., 1.)}). */
    public static final Constraint HALF_OPEN_UNIT_INTERVAL = new Constraint("HalfOpenInterval(lower_bound=0.0, upper_bound=1.0)", false, 0,
            v -> v.ge(0.0).logicalAnd(v.lt(1.0)), 0.0, 1.0);
    /** {@code x >= 0} written with PyTorch's integer bound ({@code constraints.greater_than_eq(0)}, NegativeBinomial's total_count). */
    static final Constraint NONNEGATIVE_INT_BOUND = new Constraint("GreaterThanEq(lower_bound=0)", false, 0, v -> v.ge(0.0), 0.0);

    /** Vectors of reals ({@code constraints.real_vector}). */
    public static final Constraint REAL_VECTOR = independent(REAL, 1);
    /**
     * Symmetric (within {@code atol = 1e-6}) positive-definite square matrices ({@code constraints.positive_definite}):
     * as PyTorch, a batch that is not square, or not symmetric, answers that check alone; otherwise whether
     * each Cholesky factorisation succeeds.
     */
    public static final Constraint POSITIVE_DEFINITE = new Constraint("PositiveDefinite()", false, 2, v -> {
        long[] batch = java.util.Arrays.copyOf(v.shape(), v.dim() - 2);
        if (v.size(-2) != v.size(-1)) return Torch.full(batch, 0.0, DType.BOOL, v.device());
        Tensor symmetric = v.isclose(v.mT(), 1e-5, 1e-6, false).all(-2, false).all(-1, false);
        if (!symmetric.all().itemBool()) return symmetric;
        return Linalg.choleskyEx(v, false).info().eq(0.0);
    });
    /** Lower-triangular square matrices with a positive diagonal ({@code constraints.lower_cholesky}). */
    public static final Constraint LOWER_CHOLESKY = new Constraint("LowerCholesky()", false, 2,
            v -> lowerTriangular(v).logicalAnd(v.diagonal(0, -2, -1).gt(0.0).all(-1, false)));
    /** Lower-triangular square matrices ({@code constraints.lower_triangular}). */
    public static final Constraint LOWER_TRIANGULAR = new Constraint("LowerTriangular()", false, 2, Constraint::lowerTriangular);
    /**
     * Cholesky factors of correlation matrices ({@code constraints.corr_cholesky}): lower Cholesky factors whose
     * rows have unit norm, within {@code 10 n eps} as PyTorch's check.
     */
    public static final Constraint CORR_CHOLESKY = new Constraint("CorrCholesky()", false, 2, v -> {
        double tol = Util.eps(v.dtype()) * v.size(-1) * 10;
        Tensor unitRows = v.detach().pow(2.0).sum(-1).sqrt().sub(1.0).abs().le(tol).all(-1, false);
        return LOWER_CHOLESKY.check(v).logicalAnd(unitRows);
    });

    private static Tensor lowerTriangular(Tensor v) {
        long[] flat = java.util.Arrays.copyOf(v.shape(), v.dim() - 1);
        flat[flat.length - 1] = -1;
        return v.tril().eq(v).reshape(flat).all(-1, false);
    }

    /** {@code x > lowerBound}. */
    public static Constraint greaterThan(double lowerBound) {
        return new Constraint("GreaterThan(lower_bound=" + Util.pyFloat(lowerBound) + ")", false, 0, v -> v.gt(lowerBound), lowerBound);
    }

    /** {@code x > lowerBound} with PyTorch's repr of an integer bound ({@code GreaterThan(lower_bound=1)}, Wishart's df). */
    static Constraint greaterThanInteger(long lowerBound) {
        return new Constraint("GreaterThan(lower_bound=" + lowerBound + ")", false, 0, v -> v.gt((double) lowerBound), (double) lowerBound);
    }

    /** {@code x >= lowerBound}. */
    public static Constraint greaterThanEq(double lowerBound) {
        return new Constraint("GreaterThanEq(lower_bound=" + Util.pyFloat(lowerBound) + ")", false, 0, v -> v.ge(lowerBound), lowerBound);
    }

    /** {@code x >= lowerBound} with a bound that broadcasts against the values (Pareto's support). */
    public static Constraint greaterThanEq(Tensor lowerBound) {
        return new Constraint("GreaterThanEq(lower_bound=" + Util.pyFormat(lowerBound) + ")", false, 0, v -> v.ge(lowerBound), lowerBound);
    }

    /** {@code lower <= x <= upper}. */
    public static Constraint interval(double lower, double upper) {
        return new Constraint("Interval(lower_bound=" + Util.pyFloat(lower) + ", upper_bound=" + Util.pyFloat(upper) + ")",
                false, 0, v -> v.ge(lower).logicalAnd(v.le(upper)), lower, upper);
    }

    /** {@code lower <= x <= upper} with bounds that broadcast against the values. */
    public static Constraint interval(Tensor lower, Tensor upper) {
        return new Constraint("Interval(lower_bound=" + Util.pyFormat(lower) + ", upper_bound=" + Util.pyFormat(upper) + ")",
                false, 0, v -> lower.le(v).logicalAnd(v.le(upper)), lower, upper);
    }

    /** Integers in {@code [lower, upper]}, the upper bound a number or a broadcasting tensor. */
    static Constraint integerInterval(long lower, Object upper) {
        String r = "IntegerInterval(lower_bound=" + lower + ", upper_bound=" + Util.pyFormat(upper) + ")";
        return new Constraint(r, true, 0, v -> {
            Tensor within = upper instanceof Tensor u ? v.le(u) : v.le(((Number) upper).doubleValue());
            return v.remainder(1.0).eq(0.0).logicalAnd(v.ge((double) lower)).logicalAnd(within);
        });
    }

    /** Count vectors with nonnegative entries summing to at most {@code totalCount} ({@code constraints.multinomial}). */
    static Constraint multinomial(long totalCount) {
        return new Constraint("Multinomial()", true, 1, v -> v.ge(0.0).all(-1, false).logicalAnd(v.sum(-1).le((double) totalCount)));
    }

    /** {@code base} on the trailing {@code reinterpretedBatchNdims} dims taken together. */
    public static Constraint independent(Constraint base, int reinterpretedBatchNdims) {
        String r = "IndependentConstraint(" + base.repr + ", " + reinterpretedBatchNdims + ")";
        return new Constraint(r, base.discrete, base.eventDim + reinterpretedBatchNdims, v -> {
            Tensor ok = base.check(v);
            if (ok.dim() < reinterpretedBatchNdims) {
                throw new IllegalArgumentException("Expected value.dim() >= " + (base.eventDim + reinterpretedBatchNdims)
                        + " but got " + v.dim());
            }
            for (int i = 0; i < reinterpretedBatchNdims; i++) ok = ok.all(-1, false);
            return ok;
        }, base, reinterpretedBatchNdims);
    }

    /** {@code x < upperBound} ({@code constraints.less_than}). */
    public static Constraint lessThan(double upperBound) {
        return new Constraint("LessThan(upper_bound=" + Util.pyFloat(upperBound) + ")", false, 0, v -> v.lt(upperBound), upperBound);
    }

    /** {@code lower <= x < upper} ({@code constraints.half_open_interval}). */
    public static Constraint halfOpenInterval(double lower, double upper) {
        return new Constraint("HalfOpenInterval(lower_bound=" + Util.pyFloat(lower) + ", upper_bound=" + Util.pyFloat(upper) + ")",
                false, 0, v -> v.ge(lower).logicalAnd(v.lt(upper)), lower, upper);
    }

    /**
     * {@code parts.get(i)} on the i-th block of {@code lengths.get(i)} entries along {@code dim}, the blocks as
     * {@code torch.cat} joins them ({@code constraints.cat}); its event dims are the parts' largest.
     */
    public static Constraint cat(List<Constraint> parts, int dim, List<Long> lengths) {
        List<Constraint> cs = List.copyOf(parts);
        List<Long> ls = List.copyOf(lengths);
        if (ls.size() != cs.size()) throw new IllegalArgumentException("lengths and constraints differ in number");
        return new Constraint("Cat()", cs.stream().anyMatch(Constraint::isDiscrete), cs.stream().mapToInt(Constraint::eventDim).max().orElse(0), v -> {
            List<Tensor> checks = new java.util.ArrayList<>();
            long start = 0;
            for (int i = 0; i < cs.size(); i++) {
                checks.add(cs.get(i).check(v.narrow(dim, start, ls.get(i))));
                start += ls.get(i);
            }
            return Torch.cat(checks, dim);
        }, cs, dim, ls);
    }

    /** {@code parts.get(i)} on the i-th slice along {@code dim}, as {@code torch.stack} joins them ({@code constraints.stack}). */
    public static Constraint stack(List<Constraint> parts, int dim) {
        List<Constraint> cs = List.copyOf(parts);
        int eventDim = cs.stream().mapToInt(Constraint::eventDim).max().orElse(0);
        if (dim + eventDim < 0) eventDim++; // a negative dim inside the event makes the stacked dim part of it
        return new Constraint("Stack()", cs.stream().anyMatch(Constraint::isDiscrete), eventDim, v -> {
            List<Tensor> checks = new java.util.ArrayList<>();
            for (int i = 0; i < v.size(dim); i++) checks.add(cs.get(i).check(v.select(dim, i)));
            return Torch.stack(checks, dim);
        }, cs, dim);
    }

    /** PyTorch's class name of this constraint ({@code _GreaterThan}, {@code _IndependentConstraint}), which registries key on. */
    String kind() {
        return "_" + repr.substring(0, repr.indexOf('('));
    }

    /**
     * The arguments the constraint was made from, in PyTorch's order: the bounds (Double or Tensor) of bounded
     * constraints, {@code (base, reinterpretedBatchNdims)} of independent ones, {@code (parts, dim, lengths)} of
     * cat and {@code (parts, dim)} of stack; empty for the others.
     */
    List<Object> args() {
        return args;
    }

    /** A boolean tensor: whether each value (each event, for {@link #eventDim()} > 0) satisfies the constraint. */
    public Tensor check(Tensor value) {
        return check.apply(value);
    }

    /** Whether the values are discrete (integers, booleans). */
    public boolean isDiscrete() {
        return discrete;
    }

    /** How many trailing dims form one checked event. */
    public int eventDim() {
        return eventDim;
    }

    /** PyTorch's repr, e.g. {@code GreaterThan(lower_bound=0.0)}. */
    @Override
    public String toString() {
        return repr;
    }
}
