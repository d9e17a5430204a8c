package org.torch4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Products that contract or combine whole tensors: kron, tensordot, inner, vdot and chain_matmul.
 * tensordot lowers to one matrix product of permuted, reshaped operands (as PyTorch does); the
 * others lower to it, to mul, or to existing products, so gradients come from those ops.
 */
final class Contractions {
    private Contractions() {}

    /** torch.kron: the Kronecker product, the shorter shape padded with leading ones. */
    static Tensor kron(Tensor a, Tensor b) {
        int rank = Math.max(a.dim(), b.dim());
        long[] sa = padded(a.shape(), rank), sb = padded(b.shape(), rank);
        // a as [a0, 1, a1, 1, ...] times b as [1, b0, 1, b1, ...], then each pair of dims merged
        long[] va = new long[2 * rank], vb = new long[2 * rank], out = new long[rank];
        for (int i = 0; i < rank; i++) {
            va[2 * i] = sa[i];
            va[2 * i + 1] = 1;
            vb[2 * i] = 1;
            vb[2 * i + 1] = sb[i];
            out[i] = sa[i] * sb[i];
        }
        return a.reshape(va).mul(b.reshape(vb)).reshape(out);
    }

    private static long[] padded(long[] shape, int rank) {
        long[] r = new long[rank];
        Arrays.fill(r, 1);
        System.arraycopy(shape, 0, r, rank - shape.length, shape.length);
        return r;
    }

    /** torch.tensordot over the last {@code dims} dims of a and the first {@code dims} of b. */
    static Tensor tensordot(Tensor a, Tensor b, long dims) {
        if (dims < 0) throw new IllegalArgumentException("tensordot expects dims >= 0, but got dims=" + dims);
        int n = (int) dims;
        int[] da = new int[n], db = new int[n];
        for (int i = 0; i < n; i++) {
            da[i] = i - n;
            db[i] = i;
        }
        return tensordot(a, b, da, db);
    }

    /** torch.tensordot contracting dims {@code da} of a with {@code db} of b, pairwise. */
    static Tensor tensordot(Tensor a, Tensor b, int[] da, int[] db) {
        if (da.length != db.length) throw new IllegalArgumentException("both dimension lists should have same length");
        sameDtype(a, b);
        boolean[] ca = new boolean[Math.max(a.dim(), 1)], cb = new boolean[Math.max(b.dim(), 1)];
        long k = 1;
        int[] wa = new int[da.length], wb = new int[db.length];
        for (int i = 0; i < da.length; i++) {
            wa[i] = Shapes.wrapDim(da[i], a.dim());
            wb[i] = Shapes.wrapDim(db[i], b.dim());
            if (a.size(wa[i]) != b.size(wb[i])) {
                throw new IllegalArgumentException("contracted dimensions need to match, but first has size " + a.size(wa[i])
                        + " in dim " + wa[i] + " and second has size " + b.size(wb[i]) + " in dim " + wb[i]);
            }
            ca[wa[i]] = true;
            cb[wb[i]] = true;
            k *= a.size(wa[i]);
        }
        List<Integer> permA = new ArrayList<>(), permB = new ArrayList<>();
        List<Long> outShape = new ArrayList<>();
        long m = 1, n = 1;
        for (int i = 0; i < a.dim(); i++) {
            if (!ca[i]) {
                permA.add(i);
                outShape.add(a.size(i));
                m *= a.size(i);
            }
        }
        for (int i : wa) permA.add(i);
        for (int i : wb) permB.add(i);
        for (int i = 0; i < b.dim(); i++) {
            if (!cb[i]) {
                permB.add(i);
                outShape.add(b.size(i));
                n *= b.size(i);
            }
        }
        Tensor left = a.permute(permA.stream().mapToInt(Integer::intValue).toArray()).reshape(m, k);
        Tensor right = b.permute(permB.stream().mapToInt(Integer::intValue).toArray()).reshape(k, n);
        return left.mm(right).reshape(outShape.stream().mapToLong(Long::longValue).toArray());
    }

    /** PyTorch's message where a product's operands differ in dtype. */
    static void sameDtype(Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("expected scalar type " + Printer.cppName(a.dtype()) + " but found "
                    + Printer.cppName(b.dtype()));
        }
    }

    /** torch.inner: sums over the last dims of both; a 0-d operand multiplies. */
    static Tensor inner(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) return a.mul(b);
        if (a.size(-1) != b.size(-1)) {
            throw new IllegalArgumentException("inner() the last dimension must match on both input tensors but got shapes "
                    + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        }
        return tensordot(a, b, new int[] {-1}, new int[] {-1});
    }

    /** torch.vdot: the dot product of 1-d tensors with the first conjugated. */
    static Tensor vdot(Tensor a, Tensor b) {
        return a.conj().dot(b); // dot checks ranks, sizes and dtypes in the words vdot uses too
    }

    /** torch.chain_matmul: the product of 2-d matrices (torch.linalg.multi_dot's order). */
    static Tensor chainMatmul(List<Tensor> matrices) {
        if (matrices.isEmpty()) throw new IllegalArgumentException("chain_matmul(): Expected one or more matrices");
        for (Tensor m : matrices) {
            if (m.dim() != 2) throw new IllegalArgumentException("Tensor dimension is " + m.dim() + ", expected 2 instead.");
        }
        if (matrices.size() == 1) return matrices.get(0).clone();
        return org.torch4j.linalg.Linalg.multiDot(matrices.toArray(new Tensor[0]));
    }
}
