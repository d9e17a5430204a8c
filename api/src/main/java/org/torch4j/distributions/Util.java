package org.torch4j.distributions;

import java.math.BigDecimal;
import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/** Shape broadcasting, probability/logit conversions and PyTorch's text forms, shared by the distributions. */
final class Util {
    private Util() {}

    /** The shape all of {@code shapes} broadcast to, with PyTorch's message ({@code infer_size}) when they do not. */
    static long[] broadcastShape(long[]... shapes) {
        long[] r = new long[0];
        for (long[] b : shapes) {
            int n = Math.max(r.length, b.length);
            long[] next = new long[n];
            for (int d = n - 1; d >= 0; d--) {
                int offset = n - 1 - d;
                long sa = offset < r.length ? r[r.length - 1 - offset] : 1;
                long sb = offset < b.length ? b[b.length - 1 - offset] : 1;
                if (sa != sb && sa != 1 && sb != 1) {
                    throw new IllegalArgumentException("The size of tensor a (" + sa + ") must match the size of tensor b (" + sb
                            + ") at non-singleton dimension " + d);
                }
                next[d] = sa == 1 ? sb : sa;
            }
            r = next;
        }
        return r;
    }

    /** The tensors expanded to their common shape ({@code broadcast_all}). */
    static Tensor[] broadcastAll(Tensor... ts) {
        long[][] shapes = new long[ts.length][];
        for (int i = 0; i < ts.length; i++) shapes[i] = ts[i].shape();
        long[] shape = broadcastShape(shapes);
        Tensor[] r = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) r[i] = Arrays.equals(ts[i].shape(), shape) ? ts[i] : ts[i].expand(shape);
        return r;
    }

    static Tensor scalar(double v) {
        return Torch.scalarTensor(v);
    }

    /** {@code torch.finfo(dtype).eps}. */
    static double eps(DType dtype) {
        return dtype == DType.FLOAT64 ? Math.ulp(1.0) : Math.ulp(1.0f);
    }

    /** {@code torch.finfo(dtype).tiny}: the smallest normal number. */
    static double tiny(DType dtype) {
        return dtype == DType.FLOAT64 ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    }

    /** Probabilities clamped into [eps, 1 - eps], so that their logits are finite ({@code clamp_probs}). */
    static Tensor clampProbs(Tensor probs) {
        double eps = eps(probs.dtype());
        return probs.clamp(eps, 1 - eps);
    }

    /** {@code probs_to_logits}: log-odds when binary, log-probabilities otherwise. */
    static Tensor probsToLogits(Tensor probs, boolean binary) {
        Tensor p = clampProbs(probs);
        return binary ? p.log().sub(p.neg().log1p()) : p.log();
    }

    /** {@code logits_to_probs}: sigmoid when binary, softmax over the last dim otherwise. */
    static Tensor logitsToProbs(Tensor logits, boolean binary) {
        return binary ? logits.sigmoid() : F.softmax(logits, -1);
    }

    /** Sums the rightmost {@code n} dims ({@code _sum_rightmost}). */
    static Tensor sumRightmost(Tensor t, int n) {
        for (int i = 0; i < n; i++) t = t.sum(-1);
        return t;
    }

    /** Square matrices with {@code v}'s last dim on their diagonals ({@code torch.diag_embed}), differentiable in v. */
    static Tensor diagEmbed(Tensor v) {
        return v.unsqueeze(-1).mul(Torch.eye(v.size(-1)).to(v));
    }

    /** The row-major flat positions {@code i * n + j} of the entries with {@code j <= i + diag} ({@code tril_matrix_to_vec}'s mask). */
    private static long[] trilPositions(long n, long diag) {
        long[] pos = new long[(int) (n * n)];
        int k = 0;
        for (long i = 0; i < n; i++) {
            for (long j = 0; j < n && j <= i + diag; j++) pos[k++] = i * n + j;
        }
        return Arrays.copyOf(pos, k);
    }

    /** The entries of {@code mat [..., n, n]} on and below its {@code diag}-th diagonal, row by row ({@code tril_matrix_to_vec}). */
    static Tensor trilToVec(Tensor mat, long diag) {
        if (mat.dim() < 2) throw new IllegalArgumentException("expected matrices [..., n, n], got shape " + Arrays.toString(mat.shape()));
        long n = mat.size(-1);
        if (diag < -n || diag >= n) throw new IllegalArgumentException("diag (" + diag + ") provided is outside [" + -n + ", " + (n - 1) + "].");
        long[] flat = Arrays.copyOf(mat.shape(), mat.dim() - 1);
        flat[flat.length - 1] = n * n;
        return mat.reshape(flat).indexSelect(-1, Torch.tensor(trilPositions(n, diag)).to(mat.device()));
    }

    /**
     * The matrix {@code [..., n, n]} holding {@code vec}'s entries on and below its {@code diag}-th diagonal, row by
     * row, and zeros elsewhere ({@code vec_to_tril_matrix}); gathered from vec with a zero appended, so it stays differentiable.
     */
    static Tensor vecToTril(Tensor vec, long diag) {
        long len = vec.size(-1);
        double b = 1 + 2 * diag;
        double root = (-b + Math.sqrt(b * b + 8 * len + 4 * Math.abs(diag) * (diag + 1))) / 2;
        long n = Math.round(root);
        long[] pos = trilPositions(n, diag);
        if (pos.length != len) {
            throw new IllegalArgumentException("The size of last dimension is " + len
                    + " which cannot be expressed as the lower triangular part of a square D x D matrix.");
        }
        long[] source = new long[(int) (n * n)];
        Arrays.fill(source, len); // the appended zero
        for (int k = 0; k < pos.length; k++) source[(int) pos[k]] = k;
        long[] zeroShape = vec.shape();
        zeroShape[zeroShape.length - 1] = 1;
        Tensor padded = Torch.cat(java.util.List.of(vec, vec.newZeros(zeroShape)), -1);
        long[] shape = Arrays.copyOf(vec.shape(), vec.dim() + 1);
        shape[vec.dim() - 1] = n;
        shape[vec.dim()] = n;
        return padded.indexSelect(-1, Torch.tensor(source).to(vec.device())).reshape(shape);
    }

    static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Python's {@code repr} of a float: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
    static String pyFloat(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String s = d.toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** Python's {@code '{}'.format(x)} of a number or tensor: 0-dim tensors print as their value. */
    static String pyFormat(Object x) {
        if (x instanceof Tensor t) {
            if (t.dim() > 0) return t.toString();
            return t.isFloatingPoint() ? pyFloat(t.item()) : t.dtype() == DType.BOOL ? (t.itemBool() ? "True" : "False")
                    : Long.toString(t.itemLong());
        }
        if (x instanceof Double d) return pyFloat(d);
        return String.valueOf(x);
    }

    /** {@code torch.Size([2, 3])}. */
    static String size(long[] shape) {
        StringBuilder b = new StringBuilder("torch.Size([");
        for (int i = 0; i < shape.length; i++) b.append(i > 0 ? ", " : "").append(shape[i]);
        return b.append("])").toString();
    }

    /** A shape as a Python tuple: {@code (2, 3)}, {@code (3,)}, {@code ()}. */
    static String tuple(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) b.append(i > 0 ? ", " : "").append(shape[i]);
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
