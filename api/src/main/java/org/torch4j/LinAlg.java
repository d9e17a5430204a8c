package org.torch4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.trace.Trace;

/** Matrix products (all through the backend's batched GEMM) and einsum. */
final class LinAlg {
    private LinAlg() {}

    private static void checkPair(String op, Tensor a, Tensor b) {
        a.checkOpen();
        b.checkOpen();
        if (a.dtype() != b.dtype() && (a.isComplex() || b.isComplex())) {
            throw new IllegalArgumentException("expected scalar type " + Printer.cppName(a.dtype()) + " but found "
                    + Printer.cppName(b.dtype()));
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("expected " + (op.equals("mm") ? "mat1 and mat2" : "m1 and m2")
                    + " to have the same dtype, but got: " + Printer.cppScalar(a.dtype()) + " != " + Printer.cppScalar(b.dtype()));
        }
        if (!a.device().equals(b.device())) {
            throw new IllegalArgumentException("Expected all tensors to be on the same device, but found at least two devices, "
                    + a.device() + " and " + b.device() + "!");
        }
        if (a.dtype() == DType.BOOL) throw new IllegalArgumentException("\"addmm_impl_cpu_\" not implemented for 'Bool'");
    }

    /** out[B,M,N] = alpha a[B,M,K] @ b[B,K,N] + beta out, through the backend. */
    private static void gemm(Tensor out, Tensor a, Tensor b, double alpha, double beta) {
        Dispatch.backend(a).matmul(out.strided(), a.strided(), b.strided(), alpha, beta);
    }

    static Tensor mm(Tensor a, Tensor b) {
        if (Trace.recording()) return Trace.op("aten::mm", () -> mm(a, b), a, b);
        checkPair("mm", a, b);
        if (a.dim() != 2) throw new IllegalArgumentException("self must be a matrix");
        if (a.isComplex()) return ComplexMath.product(a, b, Tensor::mm);
        if (b.dim() != 2) throw new IllegalArgumentException("mat2 must be a matrix");
        if (a.shape[1] != b.shape[0]) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + a.shape[0] + "x" + a.shape[1]
                    + " and " + b.shape[0] + "x" + b.shape[1] + ")");
        }
        Tensor out = Dispatch.empty(new long[] {a.shape[0], b.shape[1]}, a.dtype(), a.device());
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            gemm(out.unsqueeze(0), a.unsqueeze(0), b.unsqueeze(0), 1, 0);
        }
        if (Autograd.needed(a, b)) {
            Autograd.record("MmBackward0", new Tensor[] {a, b}, new Tensor[] {out}, (g, n) -> new Tensor[] {
                    n.needsInputGrad(0) ? g[0].mm(b.t()) : null,
                    n.needsInputGrad(1) ? rightGrad(a, b, g[0]) : null}, Autograd.productOperands(a, b));
        }
        return out;
    }

    static Tensor bmm(Tensor a, Tensor b) {
        if (Trace.recording()) return Trace.op("aten::bmm", () -> bmm(a, b), a, b);
        checkPair("mm", a, b);
        if (a.dim() != 3) throw new IllegalArgumentException("batch1 must be a 3D tensor");
        if (b.dim() != 3) throw new IllegalArgumentException("batch2 must be a 3D tensor");
        if (a.isComplex()) return ComplexMath.product(a, b, Tensor::bmm);
        if (b.shape[0] != a.shape[0] || b.shape[1] != a.shape[2]) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: [" + a.shape[0]
                    + ", " + a.shape[2] + "] but got: [" + b.shape[0] + ", " + b.shape[1] + "].");
        }
        Tensor out = Dispatch.empty(new long[] {a.shape[0], a.shape[1], b.shape[2]}, a.dtype(), a.device());
        gemm(out, a, b, 1, 0);
        if (Autograd.needed(a, b)) {
            Autograd.record("BmmBackward0", new Tensor[] {a, b}, new Tensor[] {out}, (g, n) -> new Tensor[] {
                    n.needsInputGrad(0) ? g[0].bmm(b.mT()) : null,
                    n.needsInputGrad(1) ? a.mT().bmm(g[0]) : null}, Autograd.productOperands(a, b));
        }
        return out;
    }

    /**
     * The gradient of {@code a @ b} with respect to b, {@code a^T @ g}. When b is the transpose of a
     * contiguous matrix (a Linear layer's {@code weight.t()}), it is computed as {@code (g^T @ a)^T}, so
     * that the weight's own gradient comes out contiguous and accumulates in one dense pass.
     */
    private static Tensor rightGrad(Tensor a, Tensor b, Tensor g) {
        boolean transposedDense = b.dim() == 2 && b.stride(0) == 1 && b.stride(1) == b.size(0) && b.size(0) > 1 && b.size(1) > 1;
        return transposedDense ? g.t().mm(a).t() : a.t().mm(g);
    }

    private static Tensor scaled(Tensor t, double alpha) {
        return alpha == 1 ? t : t.mul(alpha);
    }

    /** beta * input + alpha * (m1 @ m2). */
    static Tensor addmm(Tensor input, Tensor m1, Tensor m2, double beta, double alpha) {
        if (Trace.recording()) return Trace.op("aten::addmm", () -> addmm(input, m1, m2, beta, alpha), input, m1, m2, beta, alpha);
        checkPair("mm", m1, m2);
        if (m1.dim() != 2 || m2.dim() != 2) throw new IllegalArgumentException("mat1 and mat2 must be matrices");
        if (m1.shape[1] != m2.shape[0]) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + m1.shape[0] + "x" + m1.shape[1]
                    + " and " + m2.shape[0] + "x" + m2.shape[1] + ")");
        }
        long[] shape = {m1.shape[0], m2.shape[1]};
        Tensor out = Dispatch.empty(shape, m1.dtype(), m1.device());
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Tensor in = input.expand(shape);  // beta = 0 ignores input's values, not its shape
            if (beta != 0) out.copy_(in);
            gemm(out.unsqueeze(0), m1.unsqueeze(0), m2.unsqueeze(0), alpha, beta);
        }
        if (Autograd.needed(input, m1, m2)) {
            Autograd.record("AddmmBackward0", new Tensor[] {input, m1, m2}, new Tensor[] {out}, (g, n) -> new Tensor[] {
                    n.needsInputGrad(0) ? scaled(g[0], beta) : null,
                    n.needsInputGrad(1) ? scaled(g[0].mm(m2.t()), alpha) : null,
                    n.needsInputGrad(2) ? scaled(rightGrad(m1, m2, g[0]), alpha) : null}, Autograd.productOperands(m1, m2));
        }
        return out;
    }

    /** beta * input + alpha * bmm(b1, b2), in one GEMM (one rounding, as addmm). */
    static Tensor baddbmm(Tensor input, Tensor b1, Tensor b2, double beta, double alpha) {
        checkPair("mm", b1, b2);
        if (b1.dim() != 3) throw new IllegalArgumentException("batch1 must be a 3D tensor");
        if (b2.dim() != 3) throw new IllegalArgumentException("batch2 must be a 3D tensor");
        if (b2.shape[0] != b1.shape[0] || b2.shape[1] != b1.shape[2]) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: [" + b1.shape[0]
                    + ", " + b1.shape[2] + "] but got: [" + b2.shape[0] + ", " + b2.shape[1] + "].");
        }
        long[] shape = {b1.shape[0], b1.shape[1], b2.shape[2]};
        Tensor out = Dispatch.empty(shape, b1.dtype(), b1.device());
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Tensor in = input.expand(shape);  // beta = 0 ignores input's values (no NaN leaks), not its shape
            if (beta != 0) out.copy_(in);
            gemm(out, b1, b2, alpha, beta);
        }
        if (Autograd.needed(input, b1, b2)) {
            Autograd.record("BaddbmmBackward0", new Tensor[] {input, b1, b2}, new Tensor[] {out}, (g, n) -> new Tensor[] {
                    n.needsInputGrad(0) ? scaled(g[0], beta) : null,
                    n.needsInputGrad(1) ? g[0].bmm(b2.mT()).mul(alpha) : null,
                    n.needsInputGrad(2) ? b1.mT().bmm(g[0]).mul(alpha) : null}, Autograd.productOperands(b1, b2));
        }
        return out;
    }

    static Tensor mv(Tensor a, Tensor v) {
        if (a.dim() != 2 || v.dim() != 1) {
            throw new IllegalArgumentException("vector + matrix @ vector expected, got " + a.dim() + ", " + v.dim());
        }
        if (a.shape[1] != v.shape[0]) {
            throw new IllegalArgumentException("size mismatch, got input (" + a.shape[0] + "), mat (" + a.shape[0] + "x"
                    + a.shape[1] + "), vec (" + v.shape[0] + ")");
        }
        return mm(a, v.unsqueeze(1)).squeeze(1);
    }

    static Tensor dot(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1) {
            throw new IllegalArgumentException("1D tensors expected, but got " + a.dim() + "D and " + b.dim() + "D tensors");
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("dot : expected both vectors to have same dtype, but found "
                    + Printer.cppName(a.dtype()) + " and " + Printer.cppName(b.dtype()));
        }
        if (a.shape[0] != b.shape[0]) {
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.shape[0] + "] and src ["
                    + b.shape[0] + "] to have the same number of elements, but got " + a.shape[0] + " and " + b.shape[0]
                    + " elements respectively");
        }
        return mm(a.unsqueeze(0), b.unsqueeze(1)).reshape();
    }

    static Tensor outer(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1) throw new IllegalArgumentException("outer: expected 1-D tensors");
        return a.unsqueeze(1).mul(b.unsqueeze(0));
    }

    /** torch.matmul: dot, mv, mm, and batched products with broadcast batch dims. */
    static Tensor matmul(Tensor a, Tensor b) {
        if (Trace.recording()) return Trace.op("aten::matmul", () -> matmul(a, b), a, b);
        int da = a.dim(), db = b.dim();
        if (da == 0 || db == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are " + da + "D and "
                    + db + "D");
        }
        if (a.isComplex() || b.isComplex()) {
            if (da == 1 && db == 1 && a.dtype() != b.dtype()) {
                throw new IllegalArgumentException("dot : expected both vectors to have same dtype, but found "
                        + Printer.cppName(a.dtype()) + " and " + Printer.cppName(b.dtype()));
            }
            checkPair("mm", a, b);
            return ComplexMath.product(a, b, Tensor::matmul);
        }
        if (da == 1 && db == 1) return dot(a, b);
        if (da == 2 && db == 1) return mv(a, b);
        if (da == 1 && db == 2) return mm(a.unsqueeze(0), b).squeeze(0);
        if (da == 2 && db == 2) return mm(a, b);
        if (da >= 3 && db <= 2) {
            // fold the batch into rows: one large product
            Tensor b2 = db == 1 ? b.unsqueeze(1) : b;
            long[] outShape = a.shape.clone();
            Tensor rows = a.reshape(Shapes.numel(Arrays.copyOf(a.shape, da - 1)), a.shape[da - 1]); // (-1 is ambiguous when k is 0)
            if (rows.shape[1] != b2.shape[0]) {
                throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + rows.shape[0] + "x"
                        + rows.shape[1] + " and " + b2.shape[0] + "x" + b2.shape[1] + ")");
            }
            Tensor r = mm(rows, b2);
            outShape[da - 1] = b2.shape[1];
            Tensor out = r.reshape(outShape);
            return db == 1 ? out.squeeze(-1) : out;
        }
        // general batched case
        Tensor a3 = da == 1 ? a.unsqueeze(0) : a;
        Tensor b3 = db == 1 ? b.unsqueeze(1) : b;
        long n = a3.shape[a3.dim() - 2], k = a3.shape[a3.dim() - 1];
        long k2 = b3.shape[b3.dim() - 2], p = b3.shape[b3.dim() - 1];
        long[] batchA = Arrays.copyOf(a3.shape, a3.dim() - 2), batchB = Arrays.copyOf(b3.shape, b3.dim() - 2);
        long[] batch = Shapes.broadcast(batchA, batchB);
        long bsize = Shapes.numel(batch);
        if (k != k2) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: [" + bsize + ", "
                    + k + "] but got: [" + bsize + ", " + k2 + "].");
        }
        Tensor ea = a3.expand(concat(batch, n, k)).reshape(bsize, n, k);
        Tensor eb = b3.expand(concat(batch, k, p)).reshape(bsize, k, p);
        Tensor r = bmm(ea, eb).reshape(concat(batch, n, p));
        if (da == 1) r = r.squeeze(-2);
        if (db == 1) r = r.squeeze(-1);
        return r;
    }

    private static long[] concat(long[] batch, long x, long y) {
        long[] r = Arrays.copyOf(batch, batch.length + 2);
        r[batch.length] = x;
        r[batch.length + 1] = y;
        return r;
    }

    // ---- einsum ---------------------------------------------------------------------------------

    /** torch.einsum with explicit or implicit output, repeated indices (diagonals) and "...". */
    static Tensor einsum(String equation, Tensor... operands) {
        if (Trace.recording()) return Trace.op("aten::einsum", () -> einsum(equation, operands), equation, java.util.List.of(operands));
        String eq = equation.replace(" ", "");
        String[] sides = eq.split("->", -1);
        String[] inputs = sides[0].split(",", -1);
        if (inputs.length != operands.length) {
            throw new IllegalArgumentException("einsum(): " + (operands.length < inputs.length ? "fewer" : "more")
                    + " operands were provided than specified in the equation");
        }
        // expand "..." into fresh upper-case letters, aligned from the right
        int ellipsisDims = 0;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].contains("...")) {
                int named = inputs[i].replace("...", "").length();
                ellipsisDims = Math.max(ellipsisDims, operands[i].dim() - named);
            }
        }
        String ell = "";
        for (int i = 0; i < ellipsisDims; i++) ell += (char) ('A' + i);
        List<String> subs = new ArrayList<>();
        List<Tensor> ops = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            String s = inputs[i];
            Tensor t = operands[i];
            if (s.contains("...")) {
                int named = s.replace("...", "").length();
                int here = t.dim() - named;
                s = s.replace("...", ell.substring(ellipsisDims - here));
            }
            if (s.length() != t.dim()) {
                throw new IllegalArgumentException("einsum(): the number of subscripts in the equation (" + s.length()
                        + ") does not match the number of dimensions (" + t.dim() + ") for operand " + i
                        + (inputs[i].contains("...") ? "" : " and no ellipsis was given"));
            }
            subs.add(s);
            ops.add(t);
        }
        String out;
        if (sides.length == 2) {
            out = sides[1].replace("...", ell);
        } else {
            Map<Character, Integer> counts = new HashMap<>();
            for (String s : subs) for (char c : s.toCharArray()) counts.merge(c, 1, Integer::sum);
            StringBuilder sb = new StringBuilder(ell);
            counts.keySet().stream().filter(c -> counts.get(c) == 1 && !Character.isUpperCase(c)).sorted().forEach(sb::append);
            out = sb.toString();
        }
        // sizes, with broadcasting of size-1 dims
        Map<Character, Long> size = new LinkedHashMap<>();
        for (int i = 0; i < subs.size(); i++) {
            String s = subs.get(i);
            for (int j = 0; j < s.length(); j++) {
                long n = ops.get(i).shape[j];
                Long prev = size.get(s.charAt(j));
                if (prev == null || prev == 1) size.put(s.charAt(j), n);
                else if (n != 1 && n != prev) {
                    throw new IllegalArgumentException("einsum(): subscript " + s.charAt(j) + " has size " + n + " for operand " + i
                            + " which does not broadcast with previously seen size " + prev);
                }
            }
        }
        // diagonals within one operand, then sum out letters used nowhere else
        for (int i = 0; i < ops.size(); i++) {
            String s = subs.get(i);
            Tensor t = ops.get(i);
            for (int j = 0; j < s.length(); j++) {
                int k = s.indexOf(s.charAt(j), j + 1);
                while (k >= 0) {
                    t = t.diagonal(0, j, k).movedim(-1, j);
                    s = s.substring(0, k) + s.substring(k + 1);
                    k = s.indexOf(s.charAt(j), j + 1);
                }
            }
            subs.set(i, s);
            ops.set(i, t);
        }
        // contract left to right
        String accS = subs.get(0);
        Tensor acc = sumUnused(ops.get(0), accS, out, subs.subList(1, subs.size()));
        accS = keptLetters(accS, out, subs.subList(1, subs.size()));
        for (int i = 1; i < ops.size(); i++) {
            String s = subs.get(i);
            List<String> rest = subs.subList(i + 1, subs.size());
            Tensor t = sumUnused(ops.get(i), s, out, concatList(rest, accS));
            s = keptLetters(s, out, concatList(rest, accS));
            String keep = out + String.join("", rest);
            Object[] r = contract(acc, accS, t, s, keep, size);
            acc = (Tensor) r[0];
            accS = (String) r[1];
        }
        // final: sum leftover letters, then order as the output
        for (int j = accS.length() - 1; j >= 0; j--) {
            if (out.indexOf(accS.charAt(j)) < 0) {
                acc = acc.sum(new int[] {j}, false);
                accS = accS.substring(0, j) + accS.substring(j + 1);
            }
        }
        int[] perm = new int[out.length()];
        for (int j = 0; j < out.length(); j++) {
            int at = accS.indexOf(out.charAt(j));
            if (at < 0) throw new IllegalArgumentException("einsum(): output subscript " + out.charAt(j) + " does not appear in the equation for any input operand");
            perm[j] = at;
        }
        return out.isEmpty() ? acc.reshape() : acc.permute(perm);
    }

    private static List<String> concatList(List<String> a, String b) {
        List<String> r = new ArrayList<>(a);
        r.add(b);
        return r;
    }

    private static String keptLetters(String s, String out, List<String> others) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) if (out.indexOf(c) >= 0 || others.stream().anyMatch(o -> o.indexOf(c) >= 0)) sb.append(c);
        return sb.toString();
    }

    private static Tensor sumUnused(Tensor t, String s, String out, List<String> others) {
        List<Integer> dims = new ArrayList<>();
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (out.indexOf(c) < 0 && others.stream().noneMatch(o -> o.indexOf(c) >= 0)) dims.add(j);
        }
        return dims.isEmpty() ? t : t.sum(dims.stream().mapToInt(Integer::intValue).toArray(), false);
    }

    /** Contracts two operands with bmm: batch letters (kept, in both), left, right and summed letters. */
    private static Object[] contract(Tensor a, String as, Tensor b, String bs, String keep, Map<Character, Long> size) {
        StringBuilder batch = new StringBuilder(), left = new StringBuilder(), right = new StringBuilder(), sum = new StringBuilder();
        for (char c : as.toCharArray()) {
            boolean inB = bs.indexOf(c) >= 0, kept = keep.indexOf(c) >= 0;
            if (inB && kept) batch.append(c);
            else if (inB) sum.append(c);
            else left.append(c);
        }
        for (char c : bs.toCharArray()) if (as.indexOf(c) < 0) right.append(c);
        Tensor pa = arrange(a, as, batch + left.toString() + sum, size);
        Tensor pb = arrange(b, bs, batch + sum.toString() + right, size);
        long nb = prod(batch, size), nl = prod(left, size), ns = prod(sum, size), nr = prod(right, size);
        Tensor r = pa.reshape(nb, nl, ns).bmm(pb.reshape(nb, ns, nr));
        String rs = batch.toString() + left + right;
        long[] shape = new long[rs.length()];
        for (int i = 0; i < shape.length; i++) shape[i] = size.get(rs.charAt(i));
        return new Object[] {r.reshape(shape), rs};
    }

    /** Permutes t (subscripts s) to the letter order {@code target}, broadcasting size-1 dims. */
    private static Tensor arrange(Tensor t, String s, String target, Map<Character, Long> size) {
        int[] perm = new int[target.length()];
        long[] shape = new long[target.length()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = s.indexOf(target.charAt(i));
            shape[i] = size.get(target.charAt(i));
        }
        return t.permute(perm).expand(shape);
    }

    private static long prod(CharSequence letters, Map<Character, Long> size) {
        long n = 1;
        for (int i = 0; i < letters.length(); i++) n *= size.get(letters.charAt(i));
        return n;
    }
}
