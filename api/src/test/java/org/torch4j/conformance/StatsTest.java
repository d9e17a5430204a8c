package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Histogram;
import org.torch4j.MinMax;
import org.torch4j.StdMean;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.Unique;
import org.torch4j.ValuesIndices;
import org.torch4j.VarMean;

/**
 * Sorting, searching, counting and statistics ops (median, mode, kthvalue, quantile, cummax, nansum,
 * histograms, searchsorted, isin, cov, ...) against PyTorch's values, gradient routing and error messages.
 * Reference: {@code stats.json} from {@code tools/gen_stats_reference.py}.
 */
class StatsTest {

    @TestFactory
    Stream<DynamicNode> pytorchValues() {
        return Reference.cases("stats.json").stream().map(c -> {
            String name = (String) c.get("name");
            List<DynamicTest> tests = new ArrayList<>();
            for (String layout : Reference.LAYOUTS) {
                tests.add(DynamicTest.dynamicTest(name + " [" + layout + "]", () -> checkValues(c, layout)));
            }
            if (c.containsKey("grad")) tests.add(DynamicTest.dynamicTest(name + " [gradient]", () -> checkGradient(c)));
            return DynamicContainer.dynamicContainer(name, tests);
        });
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> pytorchErrors() {
        Map<String, Object> file = (Map<String, Object>) Reference.load("stats.json");
        return ((List<Map<String, Object>>) file.get("errors")).stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            List<Object> args = args(c, "contiguous");
            List<Tensor> before = new ArrayList<>();
            for (Object a : args) if (a instanceof Tensor t) before.add(t.clone());
            Class<? extends RuntimeException> type = "IndexError".equals(c.get("type"))
                    ? IndexOutOfBoundsException.class : IllegalArgumentException.class;
            RuntimeException e = assertThrows(type, () -> run((String) c.get("op"), args), (String) c.get("name"));
            assertEquals(c.get("error"), e.getMessage(), c.get("name") + ": PyTorch's message");
            int i = 0;
            for (Object a : args) {
                if (a instanceof Tensor t) {
                    Tensor b = before.get(i++);
                    assertTrue(b.isnan().logicalAnd(t.isnan()).logicalOr(b.eq(t)).all().itemBool(), c.get("name") + ": input changed");
                }
            }
        }));
    }

    /** gradcheck and gradgradcheck in float64 of every differentiable op of the family (distinct values: no ties). */
    @TestFactory
    Stream<DynamicTest> gradchecks() {
        Map<String, java.util.function.Function<Tensor[], Tensor>> ops = new java.util.LinkedHashMap<>();
        ops.put("median", x -> x[0].median());
        ops.put("median dim", x -> x[0].median(1, false).values());
        ops.put("nanmedian", x -> x[0].nanmedian());
        ops.put("nanmedian dim keepdim", x -> x[0].nanmedian(0, true).values());
        ops.put("kthvalue", x -> x[0].kthvalue(2, 1, false).values());
        ops.put("mode", x -> x[0].mode(0, false).values());
        ops.put("msort", x -> x[0].msort());
        ops.put("cummax", x -> x[0].cummax(1).values());
        ops.put("cummin", x -> x[0].cummin(0).values());
        for (String interp : List.of("linear", "lower", "higher", "midpoint", "nearest")) {
            ops.put("quantile " + interp, x -> x[0].quantile(Torch.tensor(new double[] {0.1, 0.5, 0.8}, 3), 1, false, interp));
            ops.put("nanquantile " + interp, x -> x[0].nanquantile(0.3, null, true, interp));
        }
        ops.put("nansum", x -> x[0].nansum(new int[] {1}, false));
        ops.put("nanmean", x -> x[0].nanmean(new int[] {0}, true));
        ops.put("aminmax", x -> {
            MinMax m = x[0].aminmax(1, false);
            return m.min().add(m.max().mul(2.0));
        });
        ops.put("var_mean", x -> {
            VarMean m = Torch.varMean(x[0], new int[] {1}, 1, false);
            return m.var().add(m.mean().mul(3.0));
        });
        ops.put("std_mean", x -> {
            StdMean m = Torch.stdMean(x[0], null, 0, false);
            return m.std().add(m.mean().mul(3.0));
        });
        ops.put("cov", x -> x[0].cov());
        ops.put("cov weighted", x -> x[0].cov(1, Torch.tensor(new long[] {1, 2, 1, 3}, 4),
                Torch.tensor(new double[] {0.5, 1, 2, 1.5}, 4)));
        ops.put("corrcoef", x -> x[0].corrcoef());
        return ops.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            // a permutation of spread values: no two equal, so every selection is locally constant
            Tensor x = Torch.randperm(12).toDouble().mul(0.37).add(Torch.rand(12).toDouble().mul(0.1)).reshape(3, 4).requiresGrad_();
            assertTrue(org.torch4j.GradCheck.gradcheck(e.getValue(), x), e.getKey());
            assertTrue(org.torch4j.GradCheck.gradgradcheck(e.getValue(), x), e.getKey());
        }));
    }

    /** A range that is not finite: histc and histogram word it differently (PyTorch 1.13's messages). */
    @org.junit.jupiter.api.Test
    void infiniteRangesAreRefused() {
        Tensor x = Torch.tensor(new double[] {1, Double.POSITIVE_INFINITY}, 2);
        assertEquals("torch.histc: range of [1, inf] is not finite",
                assertThrows(IllegalArgumentException.class, () -> x.histc(3, 0, 0)).getMessage());
        assertEquals("torch.histogramdd: dimension 0's range [1, inf] is not finite",
                assertThrows(IllegalArgumentException.class, () -> Torch.histogram(x, 3, null, null, false)).getMessage());
    }

    /** PyTorch 1.13 reads out of bounds with such a sorter; here it is refused (later PyTorch's wording). */
    @org.junit.jupiter.api.Test
    void sorterOutOfRangeIsRefused() {
        Tensor sorted = Torch.tensor(new double[] {1, 2}, 2);
        RuntimeException e = assertThrows(IndexOutOfBoundsException.class, () -> Torch.searchsorted(sorted,
                Torch.tensor(new double[] {1.5}, 1), false, false, null, Torch.tensor(new long[] {0, 5}, 2)));
        assertEquals("torch.searchsorted(): sorter index out of range", e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static void checkValues(Map<String, Object> c, String layout) {
        String name = c.get("name") + " [" + layout + "]";
        List<Tensor> got = run((String) c.get("op"), args(c, layout));
        List<Object> expected = (List<Object>) c.get("out");
        assertEquals(expected.size(), got.size(), name + ": number of results");
        for (int i = 0; i < expected.size(); i++) Reference.assertTensor(expected.get(i), got.get(i), name + " result " + i);
    }

    /** The gradient of sum(out[0] * [1, 2, 3, ...]) with respect to the first argument, against PyTorch's. */
    private static void checkGradient(Map<String, Object> c) {
        List<Object> args = args(c, "contiguous");
        Tensor x = ((Tensor) args.get(0)).requiresGrad_();
        Tensor out = run((String) c.get("op"), args).get(0);
        Tensor w = Torch.arange(1, out.numel() + 1, 1).to(out.dtype()).reshape(out.shape());
        Reference.assertTensor(c.get("grad"), Autograd.grad(out.mul(w).sum(), x, false), c.get("name") + ": gradient");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> args(Map<String, Object> c, String layout) {
        List<Object> r = new ArrayList<>();
        for (Object a : (List<Object>) c.get("args")) {
            r.add(a instanceof Map<?, ?> m && m.containsKey("dtype") ? Reference.tensor(m, layout) : a);
        }
        return r;
    }

    // ---- the ops, with the generator's positional arguments ---------------------------------------

    private static List<Tensor> run(String op, List<Object> a) {
        Tensor x = a.get(0) instanceof Tensor t ? t : null;
        return switch (op) {
            case "median" -> List.of(x.median());
            case "median_dim" -> pair(x.median(i(a, 1), b(a, 2)));
            case "nanmedian" -> List.of(x.nanmedian());
            case "nanmedian_dim" -> pair(x.nanmedian(i(a, 1), b(a, 2)));
            case "mode" -> pair(x.mode(i(a, 1), b(a, 2)));
            case "kthvalue" -> pair(x.kthvalue(l(a, 1), i(a, 2), b(a, 3)));
            case "quantile", "nanquantile" -> {
                boolean nan = op.equals("nanquantile");
                Integer dim = a.get(2) == null ? null : i(a, 2);
                String interp = (String) a.get(4);
                if (a.get(1) instanceof Tensor q) {
                    yield List.of(nan ? Torch.nanquantile(x, q, dim, b(a, 3), interp) : Torch.quantile(x, q, dim, b(a, 3), interp));
                }
                double q = d(a, 1);
                yield List.of(nan ? x.nanquantile(q, dim, b(a, 3), interp) : x.quantile(q, dim, b(a, 3), interp));
            }
            case "msort" -> List.of(Torch.msort(x));
            case "cummax" -> pair(Torch.cummax(x, i(a, 1)));
            case "cummin" -> pair(x.cummin(i(a, 1)));
            case "nansum" -> List.of(x.nansum(dims(a, 1), b(a, 2), dtype(a, 3)));
            case "nanmean" -> List.of(Torch.nanmean(x, dims(a, 1), b(a, 2), dtype(a, 3)));
            case "aminmax" -> {
                MinMax m = a.get(1) == null ? (b(a, 2) ? x.aminmax(null, true) : x.aminmax()) : Torch.aminmax(x, i(a, 1), b(a, 2));
                yield List.of(m.min(), m.max());
            }
            case "var_mean" -> {
                VarMean m = a.get(1) == null && d(a, 2) == 1 && !b(a, 3) ? Torch.varMean(x) : Torch.varMean(x, dims(a, 1), d(a, 2), b(a, 3));
                yield List.of(m.var(), m.mean());
            }
            case "std_mean" -> {
                StdMean m = a.get(1) == null && d(a, 2) == 1 && !b(a, 3) ? Torch.stdMean(x) : Torch.stdMean(x, dims(a, 1), d(a, 2), b(a, 3));
                yield List.of(m.std(), m.mean());
            }
            case "histc" -> List.of(x.histc(l(a, 1), d(a, 2), d(a, 3)));
            case "histogram" -> {
                Tensor w = (Tensor) a.get(3);
                Histogram h = a.get(1) instanceof Tensor edges ? x.histogram(edges, w, b(a, 4))
                        : x.histogram(l(a, 1), a.get(2) == null ? null : doubles(a.get(2)), w, b(a, 4));
                yield List.of(h.hist(), h.binEdges());
            }
            case "bincount" -> List.of(a.get(1) == null && l(a, 2) == 0 ? x.bincount() : Torch.bincount(x, (Tensor) a.get(1), l(a, 2)));
            case "bucketize" -> List.of(Torch.bucketize(x, (Tensor) a.get(1), b(a, 2), b(a, 3)));
            case "searchsorted" -> {
                Tensor sorter = (Tensor) a.get(5);
                String side = (String) a.get(4);
                yield List.of(a.get(1) instanceof Tensor v ? Torch.searchsorted(x, v, b(a, 2), b(a, 3), side, sorter)
                        : Torch.searchsorted(x, d(a, 1), b(a, 2), b(a, 3), side, sorter));
            }
            case "unique_consecutive" -> {
                Unique u = Torch.uniqueConsecutive(x, b(a, 1), b(a, 2), a.get(3) == null ? null : i(a, 3));
                List<Tensor> r = new ArrayList<>(List.of(u.values()));
                if (u.inverse() != null) r.add(u.inverse());
                if (u.counts() != null) r.add(u.counts());
                yield r;
            }
            case "isin" -> {
                Tensor r;
                if (x == null) r = Torch.isin(d(a, 0), (Tensor) a.get(1), b(a, 2), b(a, 3));
                else if (a.get(1) instanceof Tensor t) r = Torch.isin(x, t, b(a, 2), b(a, 3));
                else r = Torch.isin(x, d(a, 1), b(a, 2), b(a, 3));
                yield List.of(r);
            }
            case "cov" -> List.of(a.get(2) == null && a.get(3) == null && l(a, 1) == 1 ? x.cov()
                    : Torch.cov(x, l(a, 1), (Tensor) a.get(2), (Tensor) a.get(3)));
            case "corrcoef" -> List.of(Torch.corrcoef(x));
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private static List<Tensor> pair(ValuesIndices r) {
        return List.of(r.values(), r.indices());
    }

    private static int i(List<Object> a, int k) {
        return ((Number) a.get(k)).intValue();
    }

    private static long l(List<Object> a, int k) {
        return ((Number) a.get(k)).longValue();
    }

    private static double d(List<Object> a, int k) {
        return ((Number) a.get(k)).doubleValue();
    }

    private static boolean b(List<Object> a, int k) {
        return (Boolean) a.get(k);
    }

    private static DType dtype(List<Object> a, int k) {
        return a.get(k) == null ? null : DType.of((String) a.get(k));
    }

    @SuppressWarnings("unchecked")
    private static int[] dims(List<Object> a, int k) {
        if (a.get(k) == null) return null;
        return ((List<Object>) a.get(k)).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    @SuppressWarnings("unchecked")
    private static double[] doubles(Object o) {
        return ((List<Object>) o).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
}
