package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.EigResult;
import org.torch4j.linalg.Linalg;

/**
 * {@code Linalg.eig} / {@code eigvals} against PyTorch 1.13 (LAPACK's dgeev; {@code tools/gen_linalg_eig_reference.py}).
 * The order of the eigenpairs and the eigenvectors' phases are conventions, so both sides are normalised: pairs
 * sorted by (real, imaginary) part, each eigenvector rotated so that its largest component is real and positive.
 * Gradients are of a loss that depends on neither, and are gradchecked and gradgradchecked.
 */
class LinalgEigTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) ((Map<String, Object>) Reference.load("linalg/eig.json")).get(name);
    }

    /** The loss of the generator: sum_j (Re L_j^2 + Im L_j / 2) + sum_ij w_i |V_ij| (1 + Re L_j / 4). */
    private static final BiFunction<Tensor, Tensor, Tensor> LOSS = (a, w) -> {
        EigResult r = Linalg.eig(a);
        Tensor l = r.eigenvalues(), v = r.eigenvectors();
        return l.real().square().add(l.imag().div(2.0)).sum()
                .add(w.unsqueeze(-1).mul(v.abs()).mul(l.real().div(4.0).add(1.0).unsqueeze(-2)).sum());
    };

    @TestFactory
    Stream<DynamicNode> eigenpairsMatchPyTorch() {
        return section("cases").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor a = Reference.tensor(c.get("a"));
            EigResult r = Linalg.eig(a);
            Tensor want = Reference.tensor(c.get("values")), wantV = Reference.tensor(c.get("vectors"));
            assertEquals(want.dtype(), r.eigenvalues().dtype());
            assertEquals(wantV.dtype(), r.eigenvectors().dtype());
            boolean single = a.dtype() == DType.FLOAT32 || a.dtype() == DType.COMPLEX64;
            double scale = a.numel() == 0 ? 1 : Math.max(1, a.abs().max().item());
            double tol = (single ? 2e-5 : 1e-10) * scale;
            int n = (int) a.size(-1);
            if (n == 0) {
                assertEquals(0, r.eigenvalues().numel());
                return;
            }
            Tensor l = r.eigenvalues().reshape(-1, n), v = r.eigenvectors().reshape(-1, n, n);
            Tensor wl = want.reshape(-1, n), wv = wantV.reshape(-1, n, n);
            for (int b = 0; b < l.size(0); b++) {
                int[] mine = order(l.select(0, b)), theirs = order(wl.select(0, b));
                double[] ml = Torch.viewAsReal(l.select(0, b)).toDouble().toDoubleArray();
                double[] tl = Torch.viewAsReal(wl.select(0, b)).toDouble().toDoubleArray();
                for (int k = 0; k < n; k++) {
                    int i = mine[k], j = theirs[k];
                    String at = c.get("name") + " [" + b + "] pair " + k;
                    assertEquals(tl[2 * j], ml[2 * i], tol, at + ": Re");
                    assertEquals(tl[2 * j + 1], ml[2 * i + 1], tol, at + ": Im");
                    if (tl[2 * j + 1] == 0 && !a.isComplex()) assertEquals(0.0, ml[2 * i + 1], at + ": a real eigenvalue is exactly real");
                    double[] mv = phaseNormalised(v.select(0, b).select(1, i)), tv = phaseNormalised(wv.select(0, b).select(1, j));
                    // an eigenvector is a condition-number-sensitive quantity: compare it more loosely than the values
                    for (int e = 0; e < mv.length; e++) assertEquals(tv[e], mv[e], single ? 1e-3 : 1e-7, at + ": vector element " + e);
                }
            }
            // A V = V diag(L)
            if (a.numel() > 0) {
                Tensor av = (a.isComplex() ? a : a.to(r.eigenvectors().dtype())).matmul(r.eigenvectors());
                Tensor vl = r.eigenvectors().mul(r.eigenvalues().unsqueeze(-2));
                assertTrue(Torch.viewAsReal(av.sub(vl)).abs().max().item() < (single ? 1e-4 : 1e-9) * scale * n, "residual");
            }
            assertTrue(Linalg.eigvals(a).equal(r.eigenvalues()), "eigvals equals eig's values");
        }));
    }

    /** Indices of the eigenvalues sorted by real then imaginary part (rounded, so that near-ties sort alike). */
    private static int[] order(Tensor l) {
        double[] p = Torch.viewAsReal(l).toDouble().toDoubleArray();
        return java.util.stream.IntStream.range(0, p.length / 2).boxed()
                .sorted((x, y) -> {
                    int re = Double.compare(Math.rint(p[2 * x] * 1e5), Math.rint(p[2 * y] * 1e5));
                    return re != 0 ? re : Double.compare(p[2 * x + 1], p[2 * y + 1]);
                }).mapToInt(Integer::intValue).toArray();
    }

    /** A complex vector's (re, im) pairs after rotating it so that its largest component is real and positive. */
    private static double[] phaseNormalised(Tensor z) {
        double[] p = Torch.viewAsReal(z).toDouble().toDoubleArray();
        int big = 0;
        for (int i = 0; i < p.length / 2; i++) {
            if (Math.hypot(p[2 * i], p[2 * i + 1]) > Math.hypot(p[2 * big], p[2 * big + 1]) * (1 + 1e-6)) big = i;
        }
        double m = Math.hypot(p[2 * big], p[2 * big + 1]), cr = p[2 * big] / m, ci = -p[2 * big + 1] / m;
        double[] out = new double[p.length];
        for (int i = 0; i < p.length / 2; i++) {
            out[2 * i] = p[2 * i] * cr - p[2 * i + 1] * ci;
            out[2 * i + 1] = p[2 * i] * ci + p[2 * i + 1] * cr;
        }
        return out;
    }

    @TestFactory
    Stream<DynamicNode> gradientsMatchPyTorch() {
        return section("grads").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor a = Reference.tensor(c.get("a")).requiresGrad_(), w = Reference.tensor(c.get("w"));
            Tensor g = Autograd.grad(LOSS.apply(a, w), a, false);
            Reference.assertTensor(c.get("grad"), g, 1e-8, 1e-8, (String) c.get("name"));
            // a complex A is checked as a real function of its parts
            boolean complex = a.isComplex();
            java.util.function.Function<Tensor[], Tensor> f = x -> LOSS.apply(complex ? Torch.viewAsComplex(x[0]) : x[0], w);
            Tensor in = complex ? Torch.viewAsReal(a.detach()).clone() : a.detach();
            assertTrue(GradCheck.gradcheck(f, in.requiresGrad_()), "gradcheck");
            assertTrue(GradCheck.gradgradcheck(f, in.detach().requiresGrad_()), "gradgradcheck");
        }));
    }

    @Test
    void eigvalsGradientsAndGradchecks() {
        Tensor a = Torch.tensor(new double[] {0.5, -2.0, 0.1, 1.5, 0.2, 0.0, 0.3, 0.0, 1.0}, 3, 3);
        // the values alone: a pair of complex eigenvalues and a real one
        java.util.function.Function<Tensor[], Tensor> f = x -> Torch.viewAsReal(Linalg.eigvals(x[0]));
        assertTrue(GradCheck.gradcheck(f, a.requiresGrad_()));
        assertTrue(GradCheck.gradgradcheck(f, a.detach().requiresGrad_()));
        // eigenvectors through phase-independent quantities (V diag(1/V_0j) is the eigenvectors with first component 1)
        java.util.function.Function<Tensor[], Tensor> g = x -> {
            Tensor v = Linalg.eig(x[0]).eigenvectors();
            return Torch.viewAsReal(v.div(v.narrow(0, 0, 1)));
        };
        assertTrue(GradCheck.gradcheck(g, a.detach().requiresGrad_()));
        assertTrue(GradCheck.gradgradcheck(g, a.detach().requiresGrad_()));
    }

    @TestFactory
    Stream<DynamicNode> errorsAsPyTorch() {
        return section("errors").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor a = Reference.tensor(c.get("a"));
            RuntimeException e = switch ((String) c.get("op")) {
                case "eig" -> assertThrows(IllegalArgumentException.class, () -> Linalg.eig(a));
                case "eigvals" -> assertThrows(IllegalArgumentException.class, () -> Linalg.eigvals(a));
                default -> {
                    Tensor x = a.requiresGrad_();
                    yield assertThrows(IllegalArgumentException.class, () -> Linalg.eig(x).eigenvectors().real().sum().backward());
                }
            };
            assertEquals(c.get("error"), e.getMessage());
        }));
    }

    /** Complex input takes the complex gradient: gradcheck and gradgradcheck as a real function of the parts. */
    @Test
    void complexInputGradchecks() {
        Tensor w = Torch.tensor(new double[] {0.3, -0.2, 0.5});
        java.util.function.Function<Tensor[], Tensor> f = x -> LOSS.apply(Torch.viewAsComplex(x[0]), w);
        Tensor parts = Torch.tensor(new double[] {0.5, 0.1, -2.0, 0.3, 0.1, 0.0, 1.5, -0.4, 0.2, 0.7, 0.0, 0.2,
                0.3, 0.0, 0.0, -0.1, 1.0, 0.5}, 3, 3, 2);
        assertTrue(GradCheck.gradcheck(f, parts.requiresGrad_()));
        assertTrue(GradCheck.gradgradcheck(f, parts.detach().requiresGrad_()));
    }
}
