package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.EighResult;
import org.torch4j.linalg.LinAlgException;
import org.torch4j.linalg.Linalg;
import org.torch4j.linalg.LstsqResult;
import org.torch4j.linalg.QrResult;
import org.torch4j.linalg.SvdResult;

/**
 * The spectral family of {@code org.torch4j.linalg} (qr, eigh, eigvalsh, svd, svdvals, pinv, lstsq,
 * matrix_rank, matrix_norm, norm, cond) against PyTorch 1.13 ({@code reference/linalg/spectral.json}, from
 * {@code tools/gen_linalg_spectral_reference.py}), plus gradcheck and gradgradcheck of every op in float64.
 *
 * <p>Tolerances: results are computed in double and rounded once, so float64 agrees with LAPACK to a few
 * ulps times the condition of the problem (the random inputs here have condition numbers below ~100, and the
 * eigen/singular vectors gaps above ~0.05), hence 1e-9. LAPACK's float32 results carry float32 rounding
 * amplified by the same conditioning (~1e-7 * 100), while ours are more accurate, hence 1e-4 for float32.
 * Eigen- and singular vectors are sign-aligned to PyTorch's before comparing; where they are not unique
 * (repeated or zero values) the test checks the values, the reconstruction and orthonormality instead.
 */
class LinalgSpectralTest {

    private static final String FILE = "linalg/spectral.json";

    // ---- forward values ------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> pytorchReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : section("cases")) {
            String name = c.get("op") + " " + c.get("dtype") + " " + shapeOf(c) + " " + c.get("args");
            tests.add(DynamicTest.dynamicTest(name, () -> check(c, name)));
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> section(String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) Reference.load(FILE)).get(key);
    }

    @SuppressWarnings("unchecked")
    private static Object shapeOf(Map<String, Object> c) {
        return ((Map<String, Object>) ((List<Object>) c.get("inputs")).get(0)).get("shape");
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c, String name) {
        List<Tensor> in = new ArrayList<>();
        for (Object spec : (List<Object>) c.get("inputs")) in.add(Reference.tensor(spec));
        Map<String, Object> args = (Map<String, Object>) c.get("args");
        List<Object> expected = (List<Object>) c.get("outputs");
        List<Tensor> got = call((String) c.get("op"), in, args);
        boolean f64 = "float64".equals(c.get("dtype"));
        double tol = f64 ? 1e-9 : 1e-4;
        boolean degenerate = Boolean.TRUE.equals(args.get("degenerate"));
        switch ((String) c.get("op")) {
            case "eigh" -> {
                Reference.assertTensor(expected.get(0), got.get(0), tol, tol, name + ": eigenvalues");
                if (degenerate) {
                    checkEigh(in.get(0), got.get(0), got.get(1), tol, name);
                } else {
                    Tensor v = alignColumns(got.get(1), Reference.tensor(expected.get(1)), null);
                    Reference.assertTensor(expected.get(1), v, tol, tol, name + ": eigenvectors");
                }
            }
            case "svd" -> {
                Reference.assertTensor(expected.get(1), got.get(1), tol, tol, name + ": S");
                assertArrayEquals(Reference.tensor(expected.get(0)).shape(), got.get(0).shape(), name + ": U shape");
                assertArrayEquals(Reference.tensor(expected.get(2)).shape(), got.get(2).shape(), name + ": Vh shape");
                checkSvd(in.get(0), got, tol, name);
                if (!degenerate) {
                    long k = got.get(1).size(-1);
                    Tensor u = got.get(0).narrow(-1, 0, k), vh = got.get(2).narrow(-2, 0, k);
                    Tensor[] aligned = new Tensor[1];
                    Tensor uAligned = alignColumns(u, Reference.tensor(expected.get(0)).narrow(-1, 0, k), aligned);
                    assertClose(Reference.tensor(expected.get(0)).narrow(-1, 0, k), uAligned, tol, name + ": U");
                    assertClose(Reference.tensor(expected.get(2)).narrow(-2, 0, k), vh.mul(aligned[0].unsqueeze(-1)), tol, name + ": Vh");
                }
            }
            case "qr" -> {
                if (degenerate) {
                    // the last column of a rank-deficient matrix is rounding noise: its reflector is arbitrary
                    Tensor q = got.get(0), r = got.get(1);
                    assertClose(in.get(0), q.matmul(r), tol, name + ": Q R");
                    assertClose(Torch.eye(q.size(-1)).to(q.dtype()), q.mT().matmul(q), tol, name + ": Q^T Q");
                    assertClose(Reference.tensor(expected.get(1)).abs(), r.abs(), 1e-7, name + ": |R|");
                } else {
                    for (int i = 0; i < 2; i++) Reference.assertTensor(expected.get(i), got.get(i), tol, tol, name + ": output " + i);
                }
            }
            default -> {
                for (int i = 0; i < expected.size(); i++) Reference.assertTensor(expected.get(i), got.get(i), tol, tol, name + ": output " + i);
            }
        }
    }

    /** V diag(w) V^T gives back the symmetric matrix read from the lower triangle, and V is orthogonal. */
    private static void checkEigh(Tensor a, Tensor w, Tensor v, double tol, String name) {
        Tensor lower = a.tril().add(a.tril(-1).mT());
        assertClose(lower, v.mul(w.unsqueeze(-2)).matmul(v.mT()), tol * 10, name + ": V diag(w) V^T");
        assertClose(eye(v.size(-1), v), v.mT().matmul(v), tol, name + ": V^T V");
    }

    /** U diag(S) Vh gives back A (with the first k vectors), U and Vh are orthonormal. */
    private static void checkSvd(Tensor a, List<Tensor> usv, double tol, String name) {
        Tensor u = usv.get(0), s = usv.get(1), vh = usv.get(2);
        long k = s.size(-1);
        if (a.numel() > 0) {
            Tensor rebuilt = u.narrow(-1, 0, k).mul(s.unsqueeze(-2)).matmul(vh.narrow(-2, 0, k));
            assertClose(a, rebuilt, tol * 10, name + ": U S Vh");
        }
        assertClose(eye(u.size(-1), u), u.mT().matmul(u), tol, name + ": U^T U");
        assertClose(eye(vh.size(-2), vh), vh.matmul(vh.mT()), tol, name + ": Vh Vh^T");
    }

    private static Tensor eye(long n, Tensor like) {
        return Torch.eye(n).to(like.dtype());
    }

    /**
     * {@code got} with each column's sign flipped to agree with {@code expected} at the entry where
     * {@code expected}'s column is largest; the signs used go to {@code signs[0]} (shape {@code [..., k]}).
     */
    private static Tensor alignColumns(Tensor got, Tensor expected, Tensor[] signs) {
        if (expected.numel() == 0) {
            if (signs != null) signs[0] = Torch.ones(java.util.Arrays.copyOf(got.shape(), got.dim() - 1)).to(got.dtype()).narrow(-1, 0, got.size(-1));
            return got;
        }
        Tensor idx = expected.abs().argmax(-2, true);
        Tensor s = got.gather(-2, idx).sign().mul(expected.gather(-2, idx).sign()).squeeze(-2);
        if (signs != null) signs[0] = s;
        return got.mul(s.unsqueeze(-2));
    }

    /** Elementwise {@code |e - g| <= tol (1 + |e|)}, {@code expected} broadcast to {@code actual}'s shape. */
    private static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        expected = expected.expand(actual.shape()).contiguous();
        double[] e = expected.toDoubleArray(), g = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - g[i]) <= tol + tol * Math.abs(e[i]))) {
                fail(what + ": element " + i + " expected " + e[i] + " but got " + g[i] + " (tol " + tol + ")");
            }
        }
    }

    // ---- calling the ops from the reference's arguments ----------------------------------------------------

    static List<Tensor> call(String op, List<Tensor> in, Map<String, Object> args) {
        Tensor a = in.get(0);
        return switch (op) {
            case "qr" -> {
                QrResult r = Linalg.qr(a, (String) args.get("mode"));
                yield List.of(r.Q(), r.R());
            }
            case "eigh" -> {
                EighResult r = Linalg.eigh(a, (String) args.get("uplo"));
                yield List.of(r.eigenvalues(), r.eigenvectors());
            }
            case "eigvalsh" -> List.of(Linalg.eigvalsh(a, (String) args.get("uplo")));
            case "svd" -> {
                SvdResult r = Linalg.svd(a, (Boolean) args.get("full_matrices"));
                yield List.of(r.U(), r.S(), r.Vh());
            }
            case "svdvals" -> List.of(Linalg.svdvals(a));
            case "pinv" -> List.of(Linalg.pinv(a, number(args.get("atol")), number(args.get("rtol")), flag(args, "hermitian")));
            case "matrix_rank" -> List.of(Linalg.matrixRank(a, number(args.get("atol")), number(args.get("rtol")), flag(args, "hermitian")));
            case "lstsq" -> {
                LstsqResult r = Linalg.lstsq(a, in.get(1));
                yield List.of(r.solution(), r.residuals(), r.rank(), r.singularValues());
            }
            case "matrix_norm" -> {
                int[] dim = args.containsKey("dim") ? ints(args.get("dim")) : new int[] {-2, -1};
                boolean keepdim = flag(args, "keepdim");
                Object ord = args.get("ord");
                yield List.of(ord instanceof String s ? Linalg.matrixNorm(a, s, dim, keepdim)
                        : Linalg.matrixNorm(a, number(ord), dim, keepdim));
            }
            case "norm" -> {
                int[] dim = args.containsKey("dim") ? ints(args.get("dim")) : null;
                boolean keepdim = flag(args, "keepdim");
                Object ord = args.get("ord");
                yield List.of(ord instanceof String s ? Linalg.norm(a, s, dim, keepdim) : Linalg.norm(a, number(ord), dim, keepdim));
            }
            case "cond" -> {
                Object p = args.get("p");
                yield List.of(p instanceof String s ? Linalg.cond(a, s) : Linalg.cond(a, number(p)));
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private static Double number(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private static boolean flag(Map<String, Object> args, String key) {
        return Boolean.TRUE.equals(args.get(key));
    }

    @SuppressWarnings("unchecked")
    private static int[] ints(Object o) {
        return ((List<Object>) o).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    }

    // ---- errors ----------------------------------------------------------------------------------------------

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> errors() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> e : section("errors")) {
            String message = (String) e.get("message");
            tests.add(DynamicTest.dynamicTest(e.get("op") + ": " + message, () -> {
                List<Tensor> in = new ArrayList<>();
                in.add(Reference.tensor(e.get("input")));
                for (Object o : (List<Object>) e.get("others")) in.add(Reference.tensor(o));
                Class<? extends Throwable> type = switch ((String) e.get("type")) {
                    case "_LinAlgError" -> LinAlgException.class;
                    case "IndexError" -> IndexOutOfBoundsException.class;
                    default -> IllegalArgumentException.class;
                };
                Throwable t = assertThrows(type, () -> call((String) e.get("op"), in, (Map<String, Object>) e.get("args")));
                assertEquals(message, t.getMessage());
            }));
        }
        return tests.stream();
    }

    /**
     * A plain 3x3 matrix (drawn by randn, about one in 10,000 are like it) whose Jacobi sweeps used to cycle: one
     * pair's computed cosine flipped between +-2.0e-16, just above the tolerance sqrt(3) eps, until the sweep limit
     * raised "failed to converge". Its singular values are PyTorch's (LAPACK's), the reconstruction exact to rounding.
     */
    @Test
    void svdConvergesWhenAPairSitsAtTheRoundingNoise() {
        int[] bits = {-1088912465, 1073870980, 1065912669, -1082116862, -1083544900, 1048120377, -1097161074, 1070042711, 1072797258};
        double[] values = new double[bits.length];
        for (int i = 0; i < bits.length; i++) values[i] = Float.intBitsToFloat(bits[i]);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor a = Torch.tensor(values, 3, 3).to(dtype);
            SvdResult r = Linalg.svd(a, false);
            double[] s = r.S().toDouble().toDoubleArray();
            double[] lapack = {3.3705948222573485, 1.3442426209207574, 0.6587510668436006};
            double tol = dtype == DType.FLOAT64 ? 1e-14 : 1e-6;
            for (int i = 0; i < 3; i++) assertEquals(lapack[i], s[i], tol * lapack[0], dtype + " singular value " + i);
            Tensor back = r.U().mul(r.S().unsqueeze(0)).matmul(r.Vh());
            assertTrue(back.sub(a).abs().max().item() < tol * 10, dtype + ": U S Vh reconstructs A");
        }
    }

    @Test
    void backwardErrorsAsPyTorch() {
        Tensor tall = Torch.randn(4, 3).requiresGrad_();
        Throwable t = assertThrows(UnsupportedOperationException.class, () -> Linalg.qr(tall, "complete").Q().sum().backward());
        assertEquals("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.", t.getMessage());
        t = assertThrows(UnsupportedOperationException.class, () -> Linalg.qr(tall, "r").R().sum().backward());
        assertTrue(t.getMessage().startsWith("The derivative of linalg.qr depends on Q, which is not computed when mode='r'."));
        // the input is unharmed and still usable
        Linalg.qr(tall).R().sum().backward();
        assertArrayEquals(new long[] {4, 3}, tall.grad().shape());
    }

    // ---- gradients of sign-independent losses against PyTorch's -------------------------------------------

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> pytorchGradients() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> g : section("grads")) {
            String name = g.get("op") + " " + g.get("args") + " " + ((Map<String, Object>) ((List<Object>) g.get("inputs")).get(0)).get("shape");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<Tensor> in = new ArrayList<>();
                for (Object spec : (List<Object>) g.get("inputs")) in.add(Reference.tensor(spec).requiresGrad_());
                Tensor loss = loss((String) g.get("op"), in, (Map<String, Object>) g.get("args"));
                Reference.assertTensor(g.get("loss"), loss, 1e-9, 1e-9, name + ": loss");
                List<Tensor> grads = org.torch4j.Autograd.grad(List.of(loss), in, List.of(Torch.onesLike(loss)), false, false, false);
                List<Object> expected = (List<Object>) g.get("grads");
                for (int i = 0; i < in.size(); i++) Reference.assertTensor(expected.get(i), grads.get(i), 1e-8, 1e-8, name + ": grad " + i);
            }));
        }
        return tests.stream();
    }

    /** The generator's fixed weights: {@code linspace(-1, 1.5, numel).reshape(shape)}. */
    private static Tensor weights(long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        // torch.linspace in float64: start + i * step for the first half, end - (n - 1 - i) * step for the rest
        double[] v = new double[(int) n];
        double step = n > 1 ? 2.5 / (n - 1) : 0;
        for (int i = 0; i < n; i++) v[i] = i < n / 2 ? -1 + i * step : 1.5 - (n - 1 - i) * step;
        return Torch.tensor(v).reshape(shape);
    }

    /** The same losses as the generator's. */
    private static Tensor loss(String op, List<Tensor> in, Map<String, Object> args) {
        Tensor x = in.get(0);
        switch (op) {
            case "qr" -> {
                QrResult r = Linalg.qr(x, (String) args.get("mode"));
                return r.Q().mul(weights(r.Q().shape())).sum().add(r.R().mul(weights(r.R().shape()).flip(-1)).sum());
            }
            case "eigh" -> {
                EighResult r = Linalg.eigh(x);
                return r.eigenvalues().mul(weights(r.eigenvalues().shape())).sum()
                        .add(r.eigenvectors().abs().mul(weights(x.shape()).flip(-1)).sum());
            }
            case "eigvalsh" -> {
                Tensor w = Linalg.eigvalsh(x);
                return w.mul(weights(w.shape())).sum();
            }
            case "svd" -> {
                SvdResult r = Linalg.svd(x, (Boolean) args.get("full_matrices"));
                return r.U().abs().mul(weights(r.U().shape())).sum()
                        .add(r.S().mul(weights(r.S().shape()).flip(-1)).sum())
                        .add(r.Vh().abs().mul(weights(r.Vh().shape()).flip(-2)).sum());
            }
            case "svdvals" -> {
                Tensor s = Linalg.svdvals(x);
                return s.mul(weights(s.shape()).flip(-1)).sum();
            }
            case "pinv" -> {
                Tensor p = Linalg.pinv(x, flag(args, "hermitian"));
                return p.mul(weights(p.shape())).sum();
            }
            case "lstsq" -> {
                Tensor sol = Linalg.lstsq(x, in.get(1)).solution();
                return sol.mul(weights(sol.shape())).sum();
            }
            case "matrix_norm" -> {
                Object ord = args.get("ord");
                int[] d = {-2, -1};
                return ord instanceof String s ? Linalg.matrixNorm(x, s, d, false) : Linalg.matrixNorm(x, number(ord), d, false);
            }
            case "cond" -> {
                return Linalg.cond(x, number(args.get("p")));
            }
            default -> throw new IllegalArgumentException(op);
        }
    }

    // ---- gradcheck and gradgradcheck in float64 ------------------------------------------------------------

    /** A float64 input with fixed pseudo-random values, requiring grad. */
    private static Tensor input(long seed, long... shape) {
        Torch.manualSeed(seed);
        return Torch.randn(shape).to(DType.FLOAT64).requiresGrad_();
    }

    private static void both(Function<Tensor[], Tensor> f, Tensor... in) {
        assertTrue(GradCheck.gradcheck(f, in));
        assertTrue(GradCheck.gradgradcheck(f, in));
    }

    private static Tensor flat(Tensor... parts) {
        List<Tensor> l = new ArrayList<>();
        for (Tensor p : parts) l.add(p.reshape(-1));
        return Torch.cat(l, 0);
    }

    @Test
    void qrGradients() {
        for (String mode : List.of("reduced", "complete")) {
            for (long[] shape : List.of(new long[] {4, 3}, new long[] {3, 3}, new long[] {3, 5}, new long[] {2, 3, 2})) {
                if (mode.equals("complete") && shape[shape.length - 2] > shape[shape.length - 1]) continue;
                both(x -> {
                    QrResult r = Linalg.qr(x[0], mode);
                    return flat(r.Q(), r.R());
                }, input(1, shape));
            }
        }
    }

    /**
     * eigh of the symmetrised input (PyTorch's gradient is the symmetric one whatever triangle is read), through
     * functions that do not depend on the eigenvectors' signs: the eigenvalues and the squares of the vectors' entries.
     */
    @Test
    void eighGradients() {
        for (long[] shape : List.of(new long[] {3, 3}, new long[] {2, 3, 3})) {
            for (String uplo : List.of("L", "U")) {
                both(x -> {
                    EighResult r = Linalg.eigh(x[0].add(x[0].mT()), uplo);
                    return flat(r.eigenvalues(), r.eigenvectors().mul(r.eigenvectors()));
                }, input(2, shape));
            }
            both(x -> Linalg.eigvalsh(x[0].add(x[0].mT())), input(3, shape));
        }
    }

    /** svd through S and the squares of U's and Vh's entries (sign-independent), tall, wide, square and full. */
    @Test
    void svdGradients() {
        for (long[] shape : List.of(new long[] {4, 3}, new long[] {3, 4}, new long[] {3, 3}, new long[] {2, 2, 3})) {
            for (boolean full : List.of(false, true)) {
                both(x -> {
                    SvdResult r = Linalg.svd(x[0], full);
                    long k = r.S().size(-1);
                    // with full_matrices the extra vectors are an arbitrary basis: PyTorch ignores them, so do we
                    Tensor u = r.U().narrow(-1, 0, k), vh = r.Vh().narrow(-2, 0, k);
                    return flat(r.S(), u.mul(u), vh.mul(vh));
                }, input(4, shape));
            }
            both(x -> Linalg.svdvals(x[0]), input(5, shape));
        }
    }

    @Test
    void leastSquaresGradients() {
        both(x -> Linalg.pinv(x[0]), input(6, 4, 3));
        both(x -> Linalg.pinv(x[0]), input(7, 2, 5));
        both(x -> Linalg.pinv(x[0].add(x[0].mT()), true), input(8, 3, 3));
        both(x -> Linalg.lstsq(x[0], x[1]).solution(), input(9, 5, 3), input(10, 5, 2));
        both(x -> Linalg.lstsq(x[0], x[1]).solution(), input(11, 2, 4), input(12, 2));
    }

    @Test
    void normGradients() {
        Tensor a = input(13, 3, 4);
        for (String ord : List.of("fro", "nuc")) both(x -> Linalg.matrixNorm(x[0], ord, new int[] {-2, -1}, false), a);
        for (double ord : new double[] {2, -2, 1, -1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            both(x -> Linalg.matrixNorm(x[0], ord, new int[] {0, 1}, true), a);
        }
        both(x -> Linalg.norm(x[0], 2.0, new int[] {1, 0}, false), a);
        Tensor sq = input(14, 3, 3);
        both(x -> Linalg.cond(x[0]), sq);
        both(x -> Linalg.cond(x[0], -2.0), sq);
        both(x -> Linalg.cond(x[0], 1.0), sq);
        both(x -> Linalg.cond(x[0], "fro"), sq);
    }

    // ---- properties the reference cannot show ---------------------------------------------------------------

    /** Float32 inputs give float32 results, computed in double: U S Vh reproduces A to float32 rounding. */
    @Test
    void float32ResultsAreRoundedOnce() {
        Torch.manualSeed(20);
        Tensor a = Torch.randn(30, 20);
        SvdResult r = Linalg.svd(a, false);
        assertEquals(DType.FLOAT32, r.S().dtype());
        Tensor rebuilt = r.U().mul(r.S().unsqueeze(-2)).matmul(r.Vh());
        assertTrue(rebuilt.sub(a).abs().max().item() < 2e-5);
    }

    /** Larger matrices (beyond the reference's sizes) decompose to working accuracy. */
    @Test
    void largerMatrices() {
        Torch.manualSeed(21);
        Tensor a = Torch.randn(60, 40).to(DType.FLOAT64);
        QrResult qr = Linalg.qr(a);
        assertClose(a, qr.Q().matmul(qr.R()), 1e-12, "qr");
        Tensor s = a.mT().matmul(a);
        EighResult e = Linalg.eigh(s);
        checkEigh(s, e.eigenvalues(), e.eigenvectors(), 1e-11, "eigh");
        SvdResult d = Linalg.svd(a, true);
        checkSvd(a, List.of(d.U(), d.S(), d.Vh()), 1e-12, "svd");
        // the singular values squared are the eigenvalues of A^T A
        assertClose(e.eigenvalues().flip(0), d.S().mul(d.S()), 1e-11, "S^2");
    }

    /**
     * QR beyond the size where it runs blocked (panels of reflectors applied as matrix products): tall, wide,
     * rank-deficient and square, in every mode. {@code A = QR}, {@code Q^T Q = I} and R's triangle hold to
     * working precision; and the first columns, whose QR is computed unblocked on its own, give the same Q
     * columns and R block (the reflectors of a column depend only on the columns before it).
     */
    @Test
    void blockedQr() {
        Torch.manualSeed(25);
        Tensor deficient = Torch.randn(200, 120).to(DType.FLOAT64).matmul(Torch.randn(120, 200).to(DType.FLOAT64));
        List<Tensor> cases = List.of(Torch.randn(300, 130).to(DType.FLOAT64), Torch.randn(140, 300).to(DType.FLOAT64),
                deficient, Torch.randn(256, 256).to(DType.FLOAT64));
        for (Tensor a : cases) {
            String name = a.size(0) + "x" + a.size(1);
            long m = a.size(0), n = a.size(1), k = Math.min(m, n);
            double scale = a.abs().max().item();
            for (String mode : List.of("reduced", "complete")) {
                QrResult qr = Linalg.qr(a, mode);
                Tensor q = qr.Q(), r = qr.R();
                assertEquals(mode.equals("reduced") ? k : m, q.size(1), name);
                assertClose(a.div(scale), q.matmul(r).div(scale), 2e-14, name + " " + mode + ": QR");
                assertClose(eye(q.size(1), q), q.mT().matmul(q), 2e-14, name + " " + mode + ": Q^T Q");
                assertEquals(0, r.tril(-1).abs().max().item(), 0, name + " " + mode + ": R triangular");
                if (mode.equals("reduced")) assertArrayEquals(r.toDoubleArray(), Linalg.qr(a, "r").R().toDoubleArray(), 0, name + ": mode r");
            }
            QrResult full = Linalg.qr(a), lead = Linalg.qr(a.narrow(1, 0, 40));
            assertClose(lead.Q(), full.Q().narrow(1, 0, 40), 1e-13, name + ": leading Q");
            assertClose(lead.R().div(scale), full.R().narrow(0, 0, 40).narrow(1, 0, 40).div(scale), 1e-13, name + ": leading R");
        }
        // the SVD completes U of a tall matrix (full_matrices) with the Q of a blocked QR of the 130 columns found
        Tensor tall = cases.get(0);
        SvdResult d = Linalg.svd(tall, true);
        checkSvd(tall.div(d.S().max().item()), List.of(d.U(), d.S().div(d.S().max().item()), d.Vh()), 1e-13, "svd 300x130");
    }

    /**
     * Matrices near the ends of double's range decompose as their scaled copies (the algorithms scale by
     * powers of two, so exactly): no square overflows or underflows. The triangle eigh does not read may
     * hold anything, huge values included.
     */
    @Test
    void extremeMagnitudes() {
        Torch.manualSeed(24);
        Tensor a = Torch.randn(5, 4).to(DType.FLOAT64);
        Tensor sym = a.mT().matmul(a);
        double[] s = Linalg.svdvals(a).toDoubleArray(), w = Linalg.eigvalsh(sym).toDoubleArray();
        for (double scale : new double[] {0x1p-1000, 0x1p-500, 0x1p500, 0x1p1000}) {
            double[] ss = Linalg.svdvals(a.mul(scale)).toDoubleArray();
            double[] ws = Linalg.eigvalsh(sym.mul(scale)).toDoubleArray();
            for (int i = 0; i < s.length; i++) assertEquals(s[i] * scale, ss[i], 1e-14 * s[0] * scale, "svd " + scale);
            for (int i = 0; i < w.length; i++) assertEquals(w[i] * scale, ws[i], 1e-13 * w[3] * scale, "eigh " + scale);
            assertClose(Linalg.qr(a).R(), Linalg.qr(a.mul(scale)).R().div(scale), 1e-14, "qr " + scale);
        }
        Tensor garbage = sym.tril().add(sym.triu(1).mul(1e300));
        assertArrayEquals(w, Linalg.eigvalsh(garbage).toDoubleArray(), 1e-13 * w[3]);
    }

    /** Strided inputs (transposed, sliced) give exactly the results of their contiguous copies. */
    @Test
    void stridedInputs() {
        Torch.manualSeed(23);
        Tensor base = Torch.randn(2, 4, 3).to(DType.FLOAT64);
        for (String layout : Reference.LAYOUTS) {
            Tensor strided = layout.equals("transposed") ? base.mT().contiguous().mT()
                    : layout.equals("sliced") ? Torch.stack(List.of(base, base), -1).select(-1, 0) : base;
            assertArrayEquals(Linalg.qr(base).R().toDoubleArray(), Linalg.qr(strided).R().toDoubleArray(), 0, layout);
            assertArrayEquals(Linalg.svdvals(base).toDoubleArray(), Linalg.svdvals(strided).toDoubleArray(), 0, layout);
            Tensor sym = strided.narrow(-1, 0, 3).narrow(-2, 0, 3);
            assertArrayEquals(Linalg.eigvalsh(sym.contiguous()).toDoubleArray(), Linalg.eigvalsh(sym).toDoubleArray(), 0, layout);
        }
    }

    /** Clusters of equal eigen/singular values, rank deficiency and a zero matrix at a larger size. */
    @Test
    void repeatedValuesAtLargerSize() {
        Torch.manualSeed(22);
        int n = 30;
        Tensor q = Linalg.qr(Torch.randn(n, n).to(DType.FLOAT64)).Q();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = i < 10 ? 1 : i < 20 ? -2 : i < 25 ? 0 : 5;
        Tensor a = q.mul(Torch.tensor(w).unsqueeze(0)).matmul(q.mT());
        EighResult e = Linalg.eigh(a);
        java.util.Arrays.sort(w);
        assertClose(Torch.tensor(w), e.eigenvalues(), 1e-12, "eigenvalues");
        checkEigh(a, e.eigenvalues(), e.eigenvectors(), 1e-12, "eigh");
        SvdResult d = Linalg.svd(a, true);
        checkSvd(a, List.of(d.U(), d.S(), d.Vh()), 1e-12, "svd");
        assertEquals(25, Linalg.matrixRank(a).item(), 0);
        assertEquals(25, Linalg.matrixRank(a, true).item(), 0);
        Tensor zero = Torch.zeros(n, n).to(DType.FLOAT64);
        checkEigh(zero, Linalg.eigvalsh(zero), Linalg.eigh(zero).eigenvectors(), 0, "zero eigh");
        SvdResult z = Linalg.svd(zero.narrow(1, 0, 20), true);
        checkSvd(zero.narrow(1, 0, 20), List.of(z.U(), z.S(), z.Vh()), 0, "zero svd");
    }

    /** The README example: a straight line fitted by least squares, and its principal direction. */
    @Test
    void readmeExample() {
        Tensor x = Torch.tensor(new double[] {0, 1, 2, 3});
        Tensor y = Torch.tensor(new double[] {1.1, 2.9, 5.2, 6.8});
        Tensor a = Torch.stack(List.of(Torch.onesLike(x), x), 1);          // [1, x] per row
        Tensor coef = Linalg.lstsq(a, y.unsqueeze(1)).solution();          // intercept and slope
        Tensor points = Torch.stack(List.of(x, y), 1);
        Tensor centered = points.sub(points.mean(new int[] {0}, true));
        Tensor direction = Linalg.svd(centered, false).Vh().select(0, 0);  // first principal component
        assertArrayEquals(new double[] {1.09, 1.94}, coef.reshape(-1).toDoubleArray(), 1e-12);
        // total least squares: the slope of the covariance matrix's leading eigenvector, (23.883 - 5) / 9.7
        assertEquals(1.9467, Math.abs(direction.get(1).item() / direction.get(0).item()), 1e-3);
    }
}
