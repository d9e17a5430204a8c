package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.torch4j.conformance.LinalgCases.args;
import static org.torch4j.conformance.LinalgCases.rand;
import static org.torch4j.conformance.LinalgCases.spd;
import static org.torch4j.conformance.LinalgCases.wellConditioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.conformance.LinalgCases.GradOp;
import org.torch4j.linalg.LinAlgException;
import org.torch4j.linalg.Linalg;
import org.torch4j.linalg.LuFactors;
import org.torch4j.linalg.PLU;
import org.torch4j.linalg.SignLogAbsDet;

/**
 * {@code torch.linalg}'s LU, Cholesky and triangular family ({@link Linalg}) against PyTorch 1.13
 * ({@code reference/linalg/lu.json}, from {@code tools/gen_linalg_reference.py}): values in float32 and
 * float64 on contiguous and transposed inputs, gradients of {@code sum(out * g)}, errors with PyTorch's
 * messages; then gradcheck and gradgradcheck of every differentiable op, and the recursive LU and
 * Cholesky on larger matrices.
 *
 * <p>float32 cases carry their own {@code atol}: torch4j factors in float64 and rounds once, so its result
 * is the float64 result of the float32 inputs, from which LAPACK's float32 result differs by about
 * {@code cond(A) * 2^-24}; the generator measures that difference per case.
 */
class LinalgLuTest {

    private static final String FILE = "linalg/lu.json";

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        List<DynamicNode> tests = new ArrayList<>();
        for (Map<String, Object> c : Reference.cases(FILE)) {
            String name = (String) c.get("name");
            if (c.containsKey("error")) {
                tests.add(DynamicTest.dynamicTest(name, () -> checkError(c)));
            } else if (c.containsKey("grads")) {
                tests.add(DynamicTest.dynamicTest(name, () -> LinalgCases.checkGradients(c, LinalgLuTest::run)));
            } else {
                for (String layout : List.of("contiguous", "transposed")) {
                    tests.add(DynamicTest.dynamicTest(name + " [" + layout + "]", () -> checkValues(c, layout)));
                }
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static Tensor[] run(Map<String, Object> c, Tensor[] a) {
        return call((String) c.get("op"), a, (Map<String, Object>) c.get("kw"));
    }

    /** The op of a case, called as a Java user would. */
    static Tensor[] call(String op, Tensor[] a, Map<String, Object> kw) {
        boolean left = (Boolean) kw.getOrDefault("left", true);
        boolean upper = (Boolean) kw.getOrDefault("upper", false);
        return switch (op) {
            case "solve" -> kw.containsKey("left") ? of(Linalg.solve(a[0], a[1], left)) : of(Linalg.solve(a[0], a[1]));
            case "inv" -> of(Linalg.inv(a[0]));
            case "inv_ex" -> {
                var r = Linalg.invEx(a[0]);
                yield of(r.inverse(), r.info());
            }
            case "inverse" -> of(a[0].inverse());
            case "det" -> of(Linalg.det(a[0]));
            case "tensor_det" -> of(a[0].det());
            case "slogdet" -> {
                SignLogAbsDet r = Linalg.slogdet(a[0]);
                yield of(r.sign(), r.logabsdet());
            }
            case "lu_factor" -> {
                LuFactors r = Linalg.luFactor(a[0]);
                yield of(r.lu(), r.pivots());
            }
            case "lu" -> {
                PLU r = Linalg.lu(a[0]);
                yield of(r.p(), r.l(), r.u());
            }
            case "lu_solve" -> kw.isEmpty() ? of(Linalg.luSolve(a[0], a[1], a[2]))
                    : of(Linalg.luSolve(a[0], a[1], a[2], left, (Boolean) kw.getOrDefault("adjoint", false)));
            case "solve_triangular" -> kw.size() == 1 ? of(Linalg.solveTriangular(a[0], a[1], upper))
                    : of(Linalg.solveTriangular(a[0], a[1], upper, left, (Boolean) kw.getOrDefault("unitriangular", false)));
            case "cholesky" -> kw.isEmpty() ? of(Linalg.cholesky(a[0])) : of(Linalg.cholesky(a[0], upper));
            case "cholesky_ex" -> {
                var r = Linalg.choleskyEx(a[0], upper);
                yield of(r.l(), r.info());
            }
            case "matrix_power" -> of(Linalg.matrixPower(a[0], ((Number) kw.get("n")).longValue()));
            case "matrix_exp" -> of(Linalg.matrixExp(a[0]));
            case "multi_dot" -> of(Linalg.multiDot(a));
            case "cross" -> kw.containsKey("dim") ? of(Linalg.cross(a[0], a[1], dim(kw, "dim"))) : of(Linalg.cross(a[0], a[1]));
            case "vecdot" -> kw.containsKey("dim") ? of(Linalg.vecdot(a[0], a[1], dim(kw, "dim"))) : of(Linalg.vecdot(a[0], a[1]));
            case "vector_norm" -> {
                double ord = ((Number) kw.get("ord")).doubleValue();
                @SuppressWarnings("unchecked")
                List<Object> dims = (List<Object>) kw.get("dims");
                int[] d = dims == null ? new int[0] : dims.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
                yield of(dims == null && ord == 2 ? Linalg.vectorNorm(a[0])
                        : Linalg.vectorNorm(a[0], ord, d, (Boolean) kw.getOrDefault("keepdim", false)));
            }
            case "diagonal" -> kw.isEmpty() ? of(Linalg.diagonal(a[0]))
                    : of(Linalg.diagonal(a[0], ((Number) kw.get("offset")).longValue(), dim(kw, "dim1"), dim(kw, "dim2")));
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private static int dim(Map<String, Object> kw, String key) {
        return ((Number) kw.get(key)).intValue();
    }

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    @SuppressWarnings("unchecked")
    private static void checkValues(Map<String, Object> c, String layout) {
        String name = c.get("name") + " [" + layout + "]";
        Tensor[] out = run(c, args(c, layout));
        List<Object> expected = (List<Object>) c.get("out");
        assertEquals(expected.size(), out.length, name + ": outputs");
        for (int i = 0; i < out.length; i++) {
            String what = name + ": output " + i;
            if (c.containsKey("atol")) {
                Reference.assertTensor(expected.get(i), out[i], 1.3e-6, Reference.number(c.get("atol")), what);
            } else {
                Reference.assertTensor(expected.get(i), out[i], what);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkError(Map<String, Object> c) {
        String name = (String) c.get("name");
        Tensor[] in = args(c, "contiguous");
        List<Tensor> before = new ArrayList<>();
        for (Tensor t : in) before.add(t.clone());
        RuntimeException e = assertThrows(RuntimeException.class, () -> run(c, in), name);
        assertEquals(c.get("error"), e.getMessage(), name);
        switch ((String) c.getOrDefault("java", c.get("type"))) {
            case "_LinAlgError", "LinAlgException" -> assertInstanceOf(LinAlgException.class, e, name);
            case "IndexError" -> assertInstanceOf(IndexOutOfBoundsException.class, e, name);
            default -> assertInstanceOf(IllegalArgumentException.class, e, name);
        }
        for (int i = 0; i < in.length; i++) assertTrue(before.get(i).equal(in[i]), name + ": input " + i + " changed");
    }

    // ---- gradcheck and gradgradcheck (float64) -----------------------------------------------------

    private static Tensor symmetric(Tensor x) {
        return x.add(x.mT()).mul(0.5);
    }

    static List<GradOp> gradOps() {
        List<GradOp> l = new ArrayList<>();
        l.add(new GradOp("solve", x -> Linalg.solve(x[0], x[1]), wellConditioned(3, 3), rand(3, 2)));
        l.add(new GradOp("solve broadcast", x -> Linalg.solve(x[0], x[1]), wellConditioned(3, 3), rand(2, 3, 2)));
        l.add(new GradOp("solve batched vectors", x -> Linalg.solve(x[0], x[1]), wellConditioned(2, 3, 3), rand(2, 3)));
        l.add(new GradOp("solve left=False", x -> Linalg.solve(x[0], x[1], false), wellConditioned(3, 3), rand(2, 3)));
        l.add(new GradOp("inv", x -> Linalg.inv(x[0]), wellConditioned(2, 3, 3)));
        l.add(new GradOp("Tensor.inverse", x -> x[0].inverse(), wellConditioned(3, 3)));
        l.add(new GradOp("det", x -> Linalg.det(x[0]), wellConditioned(2, 3, 3)));
        l.add(new GradOp("Tensor.det", x -> x[0].det(), wellConditioned(3, 3)));
        l.add(new GradOp("slogdet", x -> Linalg.slogdet(x[0]).logabsdet(), wellConditioned(2, 3, 3)));
        l.add(new GradOp("lu_factor", x -> Linalg.luFactor(x[0]).lu(), rand(3, 3)));
        l.add(new GradOp("lu L", x -> Linalg.lu(x[0]).l(), rand(2, 3, 3)));
        l.add(new GradOp("lu U", x -> Linalg.lu(x[0]).u(), rand(3, 3)));
        l.add(new GradOp("lu_factor wide", x -> Linalg.luFactor(x[0]).lu(), rand(2, 3, 5)));
        l.add(new GradOp("lu_factor tall", x -> Linalg.luFactor(x[0]).lu(), rand(5, 3)));
        l.add(new GradOp("lu tall L", x -> Linalg.lu(x[0]).l(), rand(4, 2)));
        l.add(new GradOp("lu_solve", x -> {
            LuFactors f = Linalg.luFactor(x[0]);
            return Linalg.luSolve(f.lu(), f.pivots(), x[1]);
        }, wellConditioned(3, 3), rand(3, 2)));
        l.add(new GradOp("lu_solve adjoint left=False", x -> {
            LuFactors f = Linalg.luFactor(x[0]);
            return Linalg.luSolve(f.lu(), f.pivots(), x[1], false, true);
        }, wellConditioned(3, 3), rand(2, 3)));
        l.add(new GradOp("solve_triangular upper", x -> Linalg.solveTriangular(x[0], x[1], true), wellConditioned(3, 3), rand(3, 2)));
        l.add(new GradOp("solve_triangular lower unit left=False broadcast",
                x -> Linalg.solveTriangular(x[0], x[1], false, false, true), rand(3, 3), rand(2, 2, 3)));
        l.add(new GradOp("cholesky", x -> Linalg.cholesky(symmetric(x[0])), spd(3, 3)));
        l.add(new GradOp("cholesky upper batched", x -> Linalg.cholesky(symmetric(x[0]), true), spd(2, 3, 3)));
        l.add(new GradOp("matrix_power 3", x -> Linalg.matrixPower(x[0], 3), rand(3, 3)));
        l.add(new GradOp("matrix_power -2", x -> Linalg.matrixPower(x[0], -2), wellConditioned(3, 3)));
        l.add(new GradOp("matrix_exp", x -> Linalg.matrixExp(x[0]), rand(3, 3)));
        l.add(new GradOp("matrix_exp scaled", x -> Linalg.matrixExp(x[0]), rand(2, 3, 3).mul(4)));
        l.add(new GradOp("multi_dot", x -> Linalg.multiDot(x[0], x[1], x[2]), rand(3), rand(3, 4), rand(4, 2)));
        l.add(new GradOp("cross", x -> Linalg.cross(x[0], x[1]), rand(2, 3), rand(1, 3)));
        l.add(new GradOp("vecdot", x -> Linalg.vecdot(x[0], x[1]), rand(2, 3), rand(3)));
        l.add(new GradOp("vector_norm", x -> Linalg.vectorNorm(x[0], 3, new int[] {1}, false), rand(2, 3)));
        l.add(new GradOp("diagonal", x -> Linalg.diagonal(x[0]), rand(2, 3, 3)));
        return l;
    }

    @TestFactory
    Stream<DynamicNode> gradcheck() {
        return LinalgCases.gradchecks(gradOps());
    }

    // ---- larger matrices, info, and the README example -------------------------------------------------

    /** n = 200 takes the recursive LU and triangular solves: residuals and the reconstruction P L U = A. */
    @Test
    void recursiveLuOnLargerMatrices() {
        Torch.manualSeed(7);
        Tensor a = Torch.randn(new long[] {200, 200}, DType.FLOAT64);
        Tensor b = Torch.randn(new long[] {200, 3}, DType.FLOAT64);
        Tensor x = Linalg.solve(a, b);
        assertTrue(a.matmul(x).sub(b).abs().max().item() < 1e-9, "residual of solve");
        PLU f = Linalg.lu(a);
        assertTrue(f.p().matmul(f.l()).matmul(f.u()).sub(a).abs().max().item() < 1e-12, "P L U = A");
        assertTrue(f.l().abs().max().item() <= 1.0, "partial pivoting keeps |L| <= 1");
        for (long[] shape : new long[][] {{150, 90}, {90, 150}}) {
            Tensor r = Torch.randn(shape, DType.FLOAT64);
            PLU g = Linalg.lu(r);
            assertTrue(g.p().matmul(g.l()).matmul(g.u()).sub(r).abs().max().item() < 1e-12, "P L U = A for " + shape[0] + "x" + shape[1]);
        }
        Tensor aInv = Linalg.inv(a);
        assertTrue(aInv.matmul(a).sub(Torch.eye(200).toDouble()).abs().max().item() < 1e-9, "inv(A) A = I");
        SignLogAbsDet s = Linalg.slogdet(a);
        assertEquals(Linalg.det(a.mul(0.25)).item(), s.sign().item() * Math.exp(s.logabsdet().item() - 200 * Math.log(4)),
                Math.abs(Linalg.det(a.mul(0.25)).item()) * 1e-9, "det against slogdet");
    }

    /** n = 200 takes the recursive Cholesky; a matrix that is not positive-definite past the first blocks fails there. */
    @Test
    void recursiveCholeskyOnLargerMatrices() {
        Torch.manualSeed(8);
        Tensor x = Torch.randn(new long[] {200, 200}, DType.FLOAT64);
        Tensor a = x.matmul(x.mT()).add(Torch.eye(200).toDouble());
        Tensor l = Linalg.cholesky(a);
        assertTrue(l.matmul(l.mT()).sub(a).abs().max().item() < 1e-10, "L L^T = A");
        assertTrue(l.triu(1).abs().max().item() == 0, "L is lower triangular");
        Tensor u = Linalg.cholesky(a, true);
        assertTrue(u.sub(l.mT()).abs().max().item() < 1e-12, "upper = L^T");
        Tensor bad = a.clone();
        bad.get(150, 150).fill_(-1e6);
        LinAlgException e = assertThrows(LinAlgException.class, () -> Linalg.cholesky(bad));
        assertEquals("linalg.cholesky: The factorization could not be completed because the input is not positive-definite"
                + " (the leading minor of order 151 is not positive-definite).", e.getMessage());
        assertArrayEquals(new int[] {151}, Linalg.choleskyEx(bad.unsqueeze(0), false).info().toIntArray());
    }

    @Test
    void exVariantsReportInfo() {
        Tensor s = Torch.tensor(new double[] {1, 2, 3, 2, 4, 6, 1, 1, 1}, 3, 3);
        Tensor batch = Torch.stack(List.of(Torch.eye(3).toDouble(), s));
        assertArrayEquals(new int[] {0, 2}, Linalg.invEx(batch).info().toIntArray()); // PyTorch factors A^T: info 2
        assertEquals(DType.INT32, Linalg.invEx(batch).info().dtype());
        Tensor notPd = Torch.tensor(new double[] {4, 2, 0, 2, 1, 0, 0, 0, 1}, 3, 3);
        assertArrayEquals(new int[] {0, 2}, Linalg.choleskyEx(Torch.stack(List.of(Torch.eye(3).toDouble(), notPd)), false).info().toIntArray());
    }

    @Test
    void float32StaysFloat32AndGradientsFlow() {
        Tensor a = Torch.tensor(new float[] {4, 1, 2, 3}, 2, 2).requiresGrad_();
        Tensor d = Linalg.det(a);
        assertEquals(DType.FLOAT32, d.dtype());
        d.backward();
        // d det / dA = det(A) A^-T = [[3, -2], [-1, 4]]
        assertArrayEquals(new float[] {3, -2, -1, 4}, a.grad().toFloatArray(), 1e-6f);
    }

    /** The example of the README paragraph (docs/linalg.md), as written there. */
    @Test
    void readmeExample() {
        Tensor a = Torch.tensor(new double[] {4, 1, 2, 3}, 2, 2).requiresGrad_();
        Tensor b = Torch.tensor(new double[] {1, 2}, 2);
        Tensor x = Linalg.solve(a, b);                 // a @ x == b
        Tensor l = Linalg.cholesky(a.matmul(a.mT()));  // lower triangular, l @ l.mT == a @ a.mT
        Linalg.det(a).backward();                      // a.grad() == det(a) * inv(a).mT
        assertArrayEquals(new double[] {0.1, 0.6}, x.toDoubleArray(), 1e-12);
        assertTrue(l.matmul(l.mT()).allclose(a.matmul(a.mT()).detach()));
        assertArrayEquals(new double[] {3, -2, -1, 4}, a.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void failedOpsLeaveNoGraphBehind() {
        Tensor s = Torch.tensor(new double[] {1, 2, 2, 4}, 2, 2).requiresGrad_();
        assertThrows(LinAlgException.class, () -> Linalg.inv(s));
        assertThrows(LinAlgException.class, () -> Linalg.cholesky(s.neg()));
        if (s.grad() != null) fail("no gradient expected");
    }
}
