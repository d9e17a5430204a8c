package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.torch4j.LowRankSvd;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.conformance.LinalgCases.GradOp;
import org.torch4j.linalg.GeqrfResult;
import org.torch4j.linalg.LdlFactorEx;
import org.torch4j.linalg.LdlFactors;
import org.torch4j.linalg.LinAlgException;
import org.torch4j.linalg.LobpcgResult;
import org.torch4j.linalg.Linalg;
import org.torch4j.linalg.LuFactorEx;
import org.torch4j.linalg.LuFactors;
import org.torch4j.linalg.PLU;
import org.torch4j.linalg.SolveEx;
import org.torch4j.linalg.TriangularSolveResult;

/**
 * The linear algebra added with {@code torch.autograd.functional} (householder_product/orgqr, geqrf, ormqr,
 * cholesky_solve/inverse, triangular_solve, lu_unpack, logdet, lu_factor_ex, solve_ex, tensorinv, tensorsolve,
 * nuclear/frobenius norms, the LDL factorization and solve) against PyTorch 1.13 ({@code reference/autofunc.json},
 * "linalg", from {@code tools/gen_autofunc_reference.py}): values on contiguous and transposed inputs,
 * gradients of {@code sum(out * g)}, errors with PyTorch's messages; then gradcheck and gradgradcheck of every
 * differentiable op, and checks of what has no reference values (LDL on a larger matrix, the randomized
 * low-rank SVD and PCA).
 */
class LinalgExtraTest {

    private static final String FILE = "autofunc.json";

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases() {
        return (List<Map<String, Object>>) ((Map<String, Object>) Reference.load(FILE)).get("linalg");
    }

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        List<DynamicNode> tests = new ArrayList<>();
        for (Map<String, Object> c : cases()) {
            String name = (String) c.get("name");
            if (c.containsKey("error")) {
                tests.add(DynamicTest.dynamicTest(name, () -> checkError(c)));
                continue;
            }
            for (String layout : List.of("contiguous", "transposed")) {
                tests.add(DynamicTest.dynamicTest(name + " [" + layout + "]", () -> checkValues(c, layout)));
            }
            if (c.containsKey("grads")) tests.add(DynamicTest.dynamicTest(name + " gradients", () -> LinalgCases.checkGradients(c, LinalgExtraTest::run)));
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static Tensor[] run(Map<String, Object> c, Tensor[] a) {
        return call((String) c.get("op"), a, (Map<String, Object>) c.get("kw"));
    }

    /** The op of a case, called as a Java user would: the short overloads where the case uses PyTorch's defaults. */
    static Tensor[] call(String op, Tensor[] a, Map<String, Object> kw) {
        boolean upper = (Boolean) kw.getOrDefault("upper", false);
        boolean left = (Boolean) kw.getOrDefault("left", true);
        boolean checkErrors = (Boolean) kw.getOrDefault("check_errors", false);
        boolean keepdim = (Boolean) kw.getOrDefault("keepdim", false);
        return switch (op) {
            case "householder_product" -> of(Linalg.householderProduct(a[0], a[1]));
            case "orgqr" -> of(a[0].orgqr(a[1]));
            case "geqrf" -> {
                GeqrfResult r = Torch.geqrf(a[0]);
                yield of(r.a(), r.tau());
            }
            case "ormqr" -> kw.isEmpty() ? of(Torch.ormqr(a[0], a[1], a[2]))
                    : of(Torch.ormqr(a[0], a[1], a[2], left, (Boolean) kw.getOrDefault("transpose", false)));
            case "cholesky_solve" -> kw.isEmpty() ? of(Torch.choleskySolve(a[0], a[1])) : of(a[0].choleskySolve(a[1], upper));
            case "cholesky_inverse" -> kw.isEmpty() ? of(Torch.choleskyInverse(a[0])) : of(a[0].choleskyInverse(upper));
            case "triangular_solve" -> {
                TriangularSolveResult r = kw.isEmpty() ? Torch.triangularSolve(a[0], a[1])
                        : a[0].triangularSolve(a[1], (Boolean) kw.getOrDefault("upper", true), (Boolean) kw.getOrDefault("transpose", false),
                        (Boolean) kw.getOrDefault("unitriangular", false));
                yield of(r.solution(), r.clonedCoefficient());
            }
            case "lu_unpack" -> {
                PLU r = kw.isEmpty() ? Torch.luUnpack(a[0], a[1]) : Torch.luUnpack(a[0], a[1],
                        (Boolean) kw.getOrDefault("unpack_data", true), (Boolean) kw.getOrDefault("unpack_pivots", true));
                yield of(r.p(), r.l(), r.u());
            }
            case "logdet" -> of(a[0].logdet());
            case "lu_factor_ex" -> {
                LuFactorEx r = kw.isEmpty() ? Linalg.luFactorEx(a[0]) : Linalg.luFactorEx(a[0], true, checkErrors);
                yield of(r.lu(), r.pivots(), r.info());
            }
            case "solve_ex" -> {
                SolveEx r = kw.isEmpty() ? Linalg.solveEx(a[0], a[1]) : Linalg.solveEx(a[0], a[1], left, checkErrors);
                yield of(r.result(), r.info());
            }
            case "tensorinv" -> kw.isEmpty() ? of(Linalg.tensorinv(a[0])) : of(Linalg.tensorinv(a[0], dim(kw, "ind")));
            case "tensorsolve" -> kw.isEmpty() ? of(Linalg.tensorsolve(a[0], a[1])) : of(Linalg.tensorsolve(a[0], a[1], dims(kw)));
            case "nuclear_norm" -> kw.containsKey("dim") ? of(Torch.nuclearNorm(a[0], dims(kw), keepdim))
                    : kw.isEmpty() ? of(Torch.nuclearNorm(a[0])) : of(Torch.nuclearNorm(a[0], keepdim));
            case "frobenius_norm" -> kw.containsKey("dim") ? of(Torch.frobeniusNorm(a[0], dims(kw), keepdim)) : of(Torch.frobeniusNorm(a[0]));
            case "ldl_factor" -> {
                LdlFactors r = Linalg.ldlFactor(a[0]);
                yield of(r.ld(), r.pivots());
            }
            case "ldl_factor_ex" -> {
                LdlFactorEx r = kw.isEmpty() ? Linalg.ldlFactorEx(a[0]) : Linalg.ldlFactorEx(a[0], false, checkErrors);
                yield of(r.ld(), r.pivots(), r.info());
            }
            case "ldl_solve" -> of(Linalg.ldlSolve(a[0], a[1], a[2]));
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private static int dim(Map<String, Object> kw, String key) {
        return ((Number) kw.get(key)).intValue();
    }

    @SuppressWarnings("unchecked")
    private static int[] dims(Map<String, Object> kw) {
        Object d = kw.containsKey("dims") ? kw.get("dims") : kw.get("dim");
        return ((List<Object>) d).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
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
        List<Object> only = (List<Object>) c.get("only");
        for (int i = 0; i < out.length; i++) {
            if (only != null && !only.contains((long) i) && !only.contains(i)) continue;
            String what = name + ": output " + i;
            if (c.containsKey("atol")) Reference.assertTensor(expected.get(i), out[i], 1.3e-6, Reference.number(c.get("atol")), what);
            else Reference.assertTensor(expected.get(i), out[i], 1e-9, 1e-10, what);
        }
    }

    private static void checkError(Map<String, Object> c) {
        String name = (String) c.get("name");
        Tensor[] in = args(c, "contiguous");
        List<Tensor> before = new ArrayList<>();
        for (Tensor t : in) before.add(t.clone());
        RuntimeException e = assertThrows(RuntimeException.class, () -> run(c, in), name);
        assertEquals(c.get("error"), e.getMessage(), name);
        switch ((String) c.get("type")) {
            case "_LinAlgError" -> assertInstanceOf(LinAlgException.class, e, name);
            case "IndexError" -> assertInstanceOf(IndexOutOfBoundsException.class, e, name);
            // lu_factor_ex(check_errors=True) is a RuntimeError in PyTorch 1.13; torch4j throws LinAlgException for every singular matrix
            default -> {
                if (e instanceof LinAlgException) assertTrue(name.contains("check_errors"), name);
                else assertInstanceOf(IllegalArgumentException.class, e, name);
            }
        }
        for (int i = 0; i < in.length; i++) assertTrue(before.get(i).equal(in[i]), name + ": input " + i + " changed");
    }

    // ---- gradcheck and gradgradcheck (float64) -----------------------------------------------------

    static List<GradOp> gradOps() {
        List<GradOp> l = new ArrayList<>();
        l.add(new GradOp("householder_product", x -> Linalg.householderProduct(x[0], x[1]), rand(4, 3), rand(3).mul(0.5)));
        l.add(new GradOp("householder_product batched fewer", x -> Torch.orgqr(x[0], x[1]), rand(2, 3, 3), rand(2, 2).mul(0.5)));
        for (boolean left : new boolean[] {true, false}) {
            for (boolean transpose : new boolean[] {false, true}) {
                Tensor c = left ? rand(4, 2) : rand(2, 4);
                l.add(new GradOp("ormqr left=" + left + " transpose=" + transpose, x -> Torch.ormqr(x[0], x[1], x[2], left, transpose),
                        rand(4, 3), rand(3).mul(0.5), c));
            }
        }
        // the factor enters through tril/triu: PyTorch's gradient covers the whole matrix, the function only its triangle
        l.add(new GradOp("cholesky_solve", x -> Torch.choleskySolve(x[0], x[1].tril()), rand(3, 2), wellConditioned(3, 3)));
        l.add(new GradOp("cholesky_solve upper broadcast", x -> Torch.choleskySolve(x[0], x[1].triu(), true), rand(2, 3, 2),
                wellConditioned(3, 3)));
        l.add(new GradOp("cholesky_inverse", x -> Torch.choleskyInverse(x[0].tril()), wellConditioned(3, 3)));
        l.add(new GradOp("cholesky_inverse upper", x -> x[0].triu().choleskyInverse(true), wellConditioned(2, 3, 3)));
        l.add(new GradOp("triangular_solve", x -> Torch.triangularSolve(x[0], x[1]).solution(), rand(3, 2), wellConditioned(3, 3)));
        l.add(new GradOp("triangular_solve lower transpose unit", x -> Torch.triangularSolve(x[0], x[1], false, true, true).solution(),
                rand(2, 3, 2), rand(3, 3)));
        l.add(new GradOp("triangular_solve cloned", x -> Torch.triangularSolve(x[0], x[1]).clonedCoefficient(), rand(3, 2),
                wellConditioned(3, 3)));
        l.add(new GradOp("lu_unpack L", x -> {
            LuFactors f = Linalg.luFactor(x[0]);
            return Torch.luUnpack(f.lu(), f.pivots()).l();
        }, rand(4, 3)));
        l.add(new GradOp("lu_unpack U", x -> {
            LuFactors f = Linalg.luFactor(x[0]);
            return Torch.luUnpack(f.lu(), f.pivots()).u();
        }, rand(2, 3, 4)));
        l.add(new GradOp("logdet", x -> Torch.logdet(x[0]), spd(2, 3, 3)));
        l.add(new GradOp("lu_factor_ex", x -> Linalg.luFactorEx(x[0]).lu(), rand(3, 3)));
        l.add(new GradOp("solve_ex", x -> Linalg.solveEx(x[0], x[1]).result(), wellConditioned(3, 3), rand(3)));
        l.add(new GradOp("tensorinv", x -> Linalg.tensorinv(x[0], 1), wellConditioned(4, 4).reshape(4, 2, 2)));
        l.add(new GradOp("tensorsolve", x -> Linalg.tensorsolve(x[0], x[1]), wellConditioned(6, 6).reshape(2, 3, 6), rand(2, 3)));
        l.add(new GradOp("nuclear_norm", x -> Torch.nuclearNorm(x[0]), rand(3, 4)));
        l.add(new GradOp("frobenius_norm", x -> Torch.frobeniusNorm(x[0], new int[] {0, 2}, true), rand(2, 3, 4)));
        l.add(new GradOp("svd_lowrank reconstruction", x -> {
            Torch.manualSeed(3); // the same sketch at every evaluation
            LowRankSvd r = Torch.svdLowrank(x[0], 2, 2, null);
            return r.U().mul(r.S().unsqueeze(-2)).matmul(r.V().mT());
        }, rand(5, 4)));
        l.add(new GradOp("pca_lowrank reconstruction", x -> {
            Torch.manualSeed(4);
            LowRankSvd r = Torch.pcaLowrank(x[0], 2, true, 2);
            return r.U().mul(r.S().unsqueeze(-2)).matmul(r.V().mT());
        }, rand(6, 3)));
        return l;
    }

    @TestFactory
    Stream<DynamicNode> gradcheck() {
        return LinalgCases.gradchecks(gradOps());
    }

    // ---- what has no reference values ----------------------------------------------------------------

    /** Q from geqrf + householder_product is linalg.qr's Q; ormqr multiplies by the same Q. */
    @Test
    void geqrfReflectorsGiveQ() {
        Tensor a = rand(6, 4);
        GeqrfResult g = a.geqrf();
        Tensor q = Linalg.householderProduct(g.a(), g.tau());
        assertTrue(q.sub(Linalg.qr(a).Q()).abs().max().item() < 1e-12, "Q");
        assertTrue(q.matmul(g.a().triu().narrow(-2, 0, 4)).sub(a).abs().max().item() < 1e-12, "Q R = A");
        Tensor c = rand(6, 3);
        Tensor full = Torch.ormqr(g.a(), g.tau(), Torch.eye(6).toDouble());
        assertTrue(Torch.ormqr(g.a(), g.tau(), c, true, true).sub(full.mT().matmul(c)).abs().max().item() < 1e-12, "Q^T C");
        Tensor x = a.detach().requiresGrad_();
        Tensor packed = Torch.geqrf(x).a();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> packed.sum().backward());
        assertEquals("the derivative for 'geqrf' is not implemented.", e.getMessage());
    }

    /** n = 100 (LAPACK would block there; the pivots are the same decisions): P L D L^T P^T = A and the solve's residual. */
    @Test
    void ldlOnALargerIndefiniteMatrix() {
        Tensor x = rand(100, 100);
        Tensor a = x.add(x.mT());
        LdlFactors f = Linalg.ldlFactor(a);
        Tensor b = rand(100, 3);
        Tensor sol = Linalg.ldlSolve(f.ld(), f.pivots(), b);
        assertTrue(a.matmul(sol).sub(b).abs().max().item() < 1e-8, "residual of ldl_solve");
        int[] piv = f.pivots().toIntArray();
        boolean twoByTwo = false;
        for (int p : piv) twoByTwo |= p < 0;
        assertTrue(twoByTwo, "an indefinite matrix takes 2x2 pivots");
        assertArrayEquals(new int[] {1}, Linalg.ldlFactorEx(Torch.zeros(new long[] {1, 2, 2}, DType.FLOAT64)).info().toIntArray());
        LinAlgException e = assertThrows(LinAlgException.class, () -> Linalg.ldlFactor(Torch.zeros(new long[] {2, 2}, DType.FLOAT64)));
        assertEquals("torch.linalg.ldl_factor: The factorization could not be completed because the input is not invertible.", e.getMessage());
    }

    /** A rank-3 matrix plus noise: the rank-3 sketch recovers it, seeded runs repeat, PCA's V spans the centred data's directions. */
    @Test
    void lowRankSvdAndPca() {
        Torch.manualSeed(11);
        Tensor u = Torch.randn(new long[] {40, 3}, DType.FLOAT64), v = Torch.randn(new long[] {3, 30}, DType.FLOAT64);
        Tensor a = u.matmul(v).add(Torch.randn(new long[] {40, 30}, DType.FLOAT64).mul(1e-6));
        for (Tensor m : new Tensor[] {a, a.mT()}) {
            Torch.manualSeed(1);
            LowRankSvd r = Torch.svdLowrank(m, 3);
            Tensor approx = r.U().mul(r.S().unsqueeze(-2)).matmul(r.V().mT());
            double rel = approx.sub(m).norm().item() / m.norm().item();
            assertTrue(rel < 1e-5, "relative reconstruction error " + rel);
            assertTrue(r.U().mT().matmul(r.U()).sub(Torch.eye(3).toDouble()).abs().max().item() < 1e-12, "orthonormal U");
            Tensor exact = Linalg.svdvals(m).narrow(0, 0, 3);
            assertTrue(r.S().sub(exact).abs().max().item() < 1e-6 * exact.max().item(), "singular values");
            Torch.manualSeed(1);
            assertTrue(Torch.svdLowrank(m, 3).S().equal(r.S()), "seeded: the same result");
        }
        Tensor data = a.add(Torch.full(new long[] {1, 30}, 5.0).toDouble());
        LowRankSvd p = Torch.pcaLowrank(data);
        assertArrayEquals(new long[] {30, 6}, p.V().shape());
        Tensor centred = data.sub(data.mean(new int[] {0}, true));
        Tensor top = Linalg.svd(centred, false).Vh().narrow(0, 0, 3).mT();
        // the leading principal directions agree up to sign: |V^T top| is the identity
        Tensor overlap = p.V().narrow(1, 0, 3).mT().matmul(top).abs();
        assertTrue(overlap.sub(Torch.eye(3).toDouble()).abs().max().item() < 1e-6, "principal directions");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.pcaLowrank(data, 31, true, 2));
        assertEquals("q(=31) must be non-negative integer and not greater than min(m, n)=30", e.getMessage());
    }

    /** LOBPCG's eigenpairs against eigh's: standard and generalized, largest and smallest, batched; its limits. */
    @Test
    void lobpcgFindsExtremeEigenpairs() {
        Tensor q = Linalg.qr(rand(30, 30)).Q();
        Tensor spectrum = Torch.arange(30).toDouble().sub(10); // -10 .. 19: distinct, both signs
        Tensor a = q.mul(spectrum.unsqueeze(0)).matmul(q.mT());
        Torch.manualSeed(5);
        LobpcgResult top = Torch.lobpcg(a, 3);
        assertTrue(top.E().sub(Torch.tensor(new double[] {19, 18, 17})).abs().max().item() < 1e-8, "largest: " + top.E());
        assertTrue(a.matmul(top.X()).sub(top.X().mul(top.E().unsqueeze(0))).abs().max().item() < 1e-6, "A X = X E");
        LobpcgResult bottom = Torch.lobpcg(a, 2, null, null, 3, null, null, null, false);
        assertTrue(bottom.E().sub(Torch.tensor(new double[] {-10, -9})).abs().max().item() < 1e-8, "smallest: " + bottom.E());
        // generalized: A x = e B x has the eigenvalues of L^-1 A L^-T
        Tensor b = spd(30, 30);
        Tensor l = Linalg.cholesky(b);
        Tensor reduced = Linalg.solveTriangular(l, Linalg.solveTriangular(l, a, false).mT(), false);
        Tensor expected = Linalg.eigvalsh(reduced.add(reduced.mT()).mul(0.5)).flip(0).narrow(0, 0, 2);
        LobpcgResult gen = Torch.lobpcg(a, 2, b, null, null, null, null, null, true);
        assertTrue(gen.E().sub(expected).abs().max().item() < 1e-8, "generalized: " + gen.E() + " vs " + expected);
        assertTrue(gen.X().mT().matmul(b).matmul(gen.X()).sub(Torch.eye(2).toDouble()).abs().max().item() < 1e-8, "X^T B X = I");
        Tensor batch = Torch.stack(List.of(a, a.mul(2)));
        assertArrayEquals(new long[] {2, 1}, Torch.lobpcg(batch, 1).E().shape());
        assertEquals(38, Torch.lobpcg(batch, 1).E().select(0, 1).item(), 1e-7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Torch.lobpcg(rand(5, 5), 2));
        assertEquals("LPBPCG algorithm is not applicable when the number of A rows (=5) is smaller than 3 x the number of"
                + " requested eigenpairs (=2)", e.getMessage());
        Tensor e0 = Torch.lobpcg(a.detach().requiresGrad_(), 1).E();
        assertThrows(UnsupportedOperationException.class, () -> e0.sum().backward());
    }
}
