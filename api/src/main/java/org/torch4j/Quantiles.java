package org.torch4j;

import java.util.Arrays;
import org.torch4j.internal.CppDouble;

/**
 * {@code quantile} and {@code nanquantile}, composed as PyTorch composes them: sort, turn each q into a
 * fractional rank, gather the neighbours and interpolate. Being made of sort, gather and lerp, it is
 * differentiable with respect to the input (and q) without a derivative of its own.
 */
final class Quantiles {
    private Quantiles() {}

    private static final java.util.List<String> MODES = java.util.List.of("linear", "lower", "higher", "midpoint", "nearest");

    /** q given as a number: checked as a number, then used as a 0-dim tensor of the input's dtype. */
    static Tensor quantile(Tensor t, double q, Integer dim, boolean keepdim, String interpolation, boolean ignoreNan) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile() q must be in the range [0, 1] but got " + CppDouble.format(q));
        }
        DType type = t.dtype().isFloatingPoint() ? t.dtype() : DType.FLOAT32;
        return quantile(t, Torch.full(Shapes.SCALAR, q, type, t.device()), dim, keepdim, interpolation, ignoreNan);
    }

    /**
     * The q-th quantiles along {@code dim} (null: of all elements). A 1-d q puts its dim first in the
     * result; keepdim keeps the reduced dim (all dims when {@code dim} is null) as size 1.
     */
    static Tensor quantile(Tensor t, Tensor q, Integer dim, boolean keepdim, String interpolation, boolean ignoreNan) {
        // PyTorch words nanquantile's errors as quantile's
        String fn = "quantile";
        if (!MODES.contains(interpolation)) {
            throw new IllegalArgumentException(fn + "() interpolation must be one of linear, lower, higher, midpoint or nearest, but got "
                    + interpolation);
        }
        Integer d = dim == null ? null : Shapes.wrapDim(dim, t.dim());
        if (t.numel() == 0) throw new IllegalArgumentException(fn + "() input tensor must be non-empty");
        if (t.dtype() != DType.FLOAT32 && t.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(fn + "() input tensor must be either float or double dtype");
        }
        if (q.dim() > 1) throw new IllegalArgumentException(fn + "() q must be a scalar or 1D tensor");
        if (q.dtype() != t.dtype()) throw new IllegalArgumentException(fn + "() q tensor must be same dtype as the input tensor");
        if (!q.ge(0.0).logicalAnd(q.le(1.0)).all().itemBool()) {
            throw new IllegalArgumentException(fn + "() q values must be in the range [0, 1]");
        }
        long[] reduced = reducedShape(t, d, keepdim);
        Tensor rows = d == null ? t.reshape(-1) : t.unsqueeze(-1).transpose(d, -1);
        Tensor sorted = rows.sort(-1, false).values();
        long n = sorted.size(-1);
        long[] rowShape = Arrays.copyOf(reduced, reduced.length + 1);
        rowShape[reduced.length] = n;
        sorted = sorted.reshape(rowShape);
        Tensor qs = q.dim() == 0 ? q.reshape(1) : q;

        // ranks are computed in the input's dtype, as PyTorch's, so float32 rounds the same way
        Tensor ranks;
        if (ignoreNan) {
            // ranks among the non-NaN values; an all-NaN row gets rank 0, a NaN
            ranks = qs.mul(sorted.isnan().logicalNot().sum(new int[] {-1}, true).sub(1L));
            ranks = ranks.maskedFill(ranks.lt(0.0), 0.0);
        } else {
            // a row with a NaN points at its last element: NaN sorts last
            ranks = qs.mul(n - 1).maskedFill(sorted.isnan().any(-1, true), (double) (n - 1));
        }
        ranks = switch (interpolation) {
            case "lower" -> ranks.floor();
            case "higher" -> ranks.ceil();
            case "nearest" -> ranks.round();
            default -> ranks;
        };
        Tensor below = ranks.toLong();
        Tensor result = sorted.gather(-1, below);
        if (interpolation.equals("linear") || interpolation.equals("midpoint")) {
            Tensor weights = interpolation.equals("midpoint") ? Torch.fullLike(ranks, 0.5) : ranks.sub(below);
            result = result.lerp(sorted.gather(-1, ranks.ceil().toLong()), weights);
        }
        return q.dim() == 0 ? result.squeeze(-1) : result.movedim(-1, 0);
    }

    /** The result's shape before q's dim is put in front. */
    private static long[] reducedShape(Tensor t, Integer d, boolean keepdim) {
        if (d == null) {
            long[] ones = new long[keepdim ? t.dim() : 0];
            Arrays.fill(ones, 1);
            return ones;
        }
        if (t.dim() == 0) return Shapes.SCALAR;
        long[] s = t.shape();
        if (keepdim) {
            s[d] = 1;
            return s;
        }
        long[] r = new long[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) if (i != d) r[j++] = s[i];
        return r;
    }
}
