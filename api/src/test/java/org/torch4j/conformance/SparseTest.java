package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Layout;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.sparse.Sparse;
import org.torch4j.sparse.SparseCooTensor;
import org.torch4j.sparse.SparseCsrTensor;

/**
 * Sparse tensors ({@code org.torch4j.sparse}) against PyTorch 1.13: every case's result (indices, values, size,
 * coalesced state and repr of a sparse result; a dense result's values), the gradients of {@code sum(result *
 * weight)} for the values and the dense inputs, CSR matrices, PyTorch's messages, and gradcheck in float64 of
 * every differentiable operation. Reference: {@code sparse.json} from {@code tools/gen_sparse_reference.py}.
 */
class SparseTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference() {
        return (Map<String, Object>) Reference.load("sparse.json");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static double num(Map<String, Object> args, String key) {
        return ((Number) args.get(key)).doubleValue();
    }

    private static int integer(Map<String, Object> args, String key) {
        return ((Number) args.get(key)).intValue();
    }

    /** One case's result: a sparse, CSR or dense value. */
    private static Object run(String op, List<SparseCooTensor> s, List<Tensor> d, Map<String, Object> args) {
        return switch (op) {
            case "as_built" -> s.get(0);
            case "coalesce" -> s.get(0).coalesce();
            case "to_dense" -> s.get(0).toDense();
            case "to_sparse" -> d.get(0).toSparse(integer(args, "sparse_dim"));
            case "to_sparse_csr" -> d.get(0).toSparseCsr();
            case "coo_to_csr" -> s.get(0).toSparseCsr();
            case "mm" -> Sparse.mm(s.get(0), d.get(0));
            case "mv" -> s.get(0).mv(d.get(0));
            case "addmm" -> Sparse.addmm(d.get(0), s.get(0), d.get(1), num(args, "beta"), num(args, "alpha"));
            case "hspmm" -> Sparse.hspmm(s.get(0), d.get(0));
            case "smm" -> Sparse.smm(s.get(0), d.get(0));
            case "sum" -> Sparse.sum(s.get(0));
            case "sum_dims" -> {
                SparseCooTensor r = Sparse.sum(s.get(0), list(args.get("dims")).stream().mapToInt(o -> ((Number) o).intValue()).toArray());
                yield r.sparseDim() == 0 ? r.toDense() : r;  // PyTorch's dense result when every sparse dim is summed
            }
            case "softmax" -> Sparse.softmax(s.get(0), integer(args, "dim"));
            case "log_softmax" -> Sparse.logSoftmax(s.get(0), integer(args, "dim"));
            case "mul_scalar" -> s.get(0).mul(num(args, "other"));
            case "div_scalar" -> s.get(0).div(num(args, "other"));
            case "mul_dense" -> s.get(0).mul(d.get(0));
            case "mul_sparse" -> s.get(0).mul(s.get(1));
            case "add_sparse" -> s.get(0).add(s.get(1), num(args, "alpha"));
            case "sub_sparse" -> s.get(0).sub(s.get(1));
            case "dense_add" -> d.get(0).add(s.get(0), num(args, "alpha"));
            case "neg" -> s.get(0).neg();
            case "pow" -> s.get(0).pow(num(args, "exponent"));
            case "abs" -> s.get(0).abs();
            case "sqrt" -> s.get(0).sqrt();
            case "sin" -> s.get(0).sin();
            case "tanh" -> s.get(0).tanh();
            case "expm1" -> s.get(0).expm1();
            case "log1p" -> s.get(0).log1p();
            case "sign" -> s.get(0).sign();
            case "floor" -> s.get(0).floor();
            case "erf" -> s.get(0).erf();
            case "transpose" -> s.get(0).transpose(integer(args, "d0"), integer(args, "d1"));
            case "t" -> s.get(0).t();
            case "sparse_mask" -> d.get(0).sparseMask(s.get(0).coalesce());
            default -> throw new AssertionError("unknown op " + op);
        };
    }

    @TestFactory
    Stream<DynamicTest> cases() {
        List<Object> cases = list(reference().get("cases"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            Map<String, Object> c = map(cases.get(k));
            String name = k + " " + c.get("op") + " " + c.get("args");
            tests.add(DynamicTest.dynamicTest(name, () -> check(c, name)));
        }
        return tests.stream();
    }

    private static void check(Map<String, Object> c, String name) {
        boolean grad = c.containsKey("grads");
        List<Tensor> leaves = new ArrayList<>();
        List<SparseCooTensor> sparse = new ArrayList<>();
        for (Object o : list(c.get("sparse"))) {
            Map<String, Object> in = map(o);
            Tensor values = leaf(Reference.tensor(in.get("values")), grad);
            leaves.add(values);
            long[] size = list(in.get("size")).stream().mapToLong(x -> ((Number) x).longValue()).toArray();
            sparse.add(Torch.sparseCooTensor(Reference.tensor(in.get("indices")), values, size));
        }
        List<Tensor> dense = new ArrayList<>();
        for (Object o : list(c.get("dense"))) {
            Tensor t = leaf(Reference.tensor(o), grad);
            leaves.add(t);
            dense.add(t);
        }
        Object result = run((String) c.get("op"), sparse, dense, map(c.get("args")));
        Tensor target;
        if (c.containsKey("sparse_result")) {
            SparseCooTensor r = (SparseCooTensor) result;
            Map<String, Object> e = map(c.get("sparse_result"));
            assertArrayEquals(Reference.longs(list(e.get("size"))), r.shape(), name + ": size");
            assertEquals(e.get("coalesced"), r.isCoalesced(), name + ": is_coalesced");
            SparseCooTensor coalesced = r.coalesce();
            Reference.assertTensor(e.get("indices"), coalesced.indices(), name + ": indices");
            Reference.assertTensor(e.get("values"), coalesced.values(), name + ": values");
            if (e.containsKey("repr")) assertEquals(e.get("repr"), r.detach().toString(), name + ": repr");
            assertEquals(Layout.SPARSE_COO, r.layout());
            target = coalesced.values();
        } else if (c.containsKey("csr_result")) {
            SparseCsrTensor r = (SparseCsrTensor) result;
            Map<String, Object> e = map(c.get("csr_result"));
            Reference.assertTensor(e.get("crow"), r.crowIndices(), name + ": crow_indices");
            Reference.assertTensor(e.get("col"), r.colIndices(), name + ": col_indices");
            Reference.assertTensor(e.get("values"), r.values(), name + ": values");
            assertEquals(e.get("repr"), r.detach().toString(), name + ": repr");
            target = r.values();
        } else {
            target = (Tensor) result;
            Reference.assertTensor(c.get("dense_result"), target, name + ": result");
        }
        if (grad) {
            target.mul(Reference.tensor(c.get("weight"))).sum().backward();
            List<Object> grads = list(c.get("grads"));
            for (int i = 0; i < grads.size(); i++) {
                if (grads.get(i) == null) continue;
                Reference.assertTensor(grads.get(i), leaves.get(i).grad(), name + ": grad of input " + i);
            }
        }
    }

    private static Tensor leaf(Tensor t, boolean grad) {
        return grad && t.dtype().isFloatingPoint() ? t.requiresGrad_(true) : t;
    }

    @Test
    void csrMatchesPyTorch() {
        Map<String, Object> e = map(reference().get("csr"));
        Tensor crow = Reference.tensor(e.get("crow"));
        Tensor col = Reference.tensor(e.get("col"));
        Tensor values = Reference.tensor(e.get("values"));
        SparseCsrTensor csr = Torch.sparseCsrTensor(crow, col, values, 3, 4);
        assertEquals(e.get("repr"), csr.toString());
        assertEquals(e.get("repr_int32"), Torch.sparseCsrTensor(crow.to(DType.INT32), col.to(DType.INT32), values.to(DType.FLOAT32), 3, 4).toString());
        assertEquals(e.get("repr_inferred"), Torch.sparseCsrTensor(crow, col, values).toString());
        Reference.assertTensor(e.get("dense"), csr.toDense(), "to_dense");
        SparseCooTensor coo = csr.toSparse();
        Map<String, Object> c = map(e.get("coo"));
        Reference.assertTensor(c.get("indices"), coo.indices(), "to_sparse indices");
        Reference.assertTensor(c.get("values"), coo.values(), "to_sparse values");
        assertEquals(c.get("repr"), coo.toString());
        Tensor operand = Reference.tensor(e.get("mm_operand"));
        Reference.assertTensor(e.get("mm"), csr.matmul(operand), "csr @ dense");
        Reference.assertTensor(e.get("addmm"), csr.addmm(Torch.ones(new long[] {3, 2}, DType.FLOAT64), operand, 2, 0.5), "addmm");
        Reference.assertTensor(e.get("sampled_addmm"), Sparse.sampledAddmm(csr, Reference.tensor(e.get("sampled_mat1")),
                Reference.tensor(e.get("sampled_mat2")), 0.5, 2.0).values(), "sampled_addmm");
        assertEquals(Layout.SPARSE_CSR, csr.layout());
        assertEquals(5, csr.nnz());
    }

    @TestFactory
    Stream<DynamicTest> messages() {
        Map<String, Object> expected = map(reference().get("errors"));
        Tensor i = Torch.tensor(new long[] {0, 1, 1, 3, 2, 0, 4, 4}, 2, 4);
        Tensor v = Torch.tensor(new double[] {1, 2, 3, 4});
        SparseCooTensor s0 = Torch.sparseCooTensor(i, v, 4, 5);
        Tensor ones = Torch.ones(new long[] {4, 5}, DType.FLOAT64);
        Map<String, Executable> cases = new LinkedHashMap<>();
        cases.put("nnz_mismatch", () -> Torch.sparseCooTensor(Torch.zeros(new long[] {2, 9}, DType.INT64), v.narrow(0, 0, 3), 4, 5));
        cases.put("indices_1d", () -> Torch.sparseCooTensor(Torch.tensor(new long[] {0, 1}), Torch.tensor(new float[] {1, 2}), 3));
        cases.put("size_small", () -> Torch.sparseCooTensor(Torch.tensor(new long[] {0, 1, 2, 3}, 2, 2), Torch.tensor(new float[] {1, 2}), 2, 3));
        cases.put("negative_index", () -> Torch.sparseCooTensor(Torch.tensor(new long[] {0, -1}, 1, 2), Torch.tensor(new float[] {1, 2}), 3));
        cases.put("ndim", () -> Torch.sparseCooTensor(i, v, 4, 5, 6));
        cases.put("dense_size", () -> Torch.sparseCooTensor(Torch.tensor(new long[] {0, 2}, 1, 2), Torch.ones(2, 2), 3, 3));
        cases.put("uncoalesced_indices", s0::indices);
        cases.put("uncoalesced_values", s0::values);
        cases.put("mm_size", () -> Sparse.mm(s0, Torch.ones(new long[] {4, 2}, DType.FLOAT64)));
        cases.put("mm_dtype", () -> Sparse.mm(s0, Torch.ones(5, 2)));
        cases.put("mm_3d", () -> Sparse.mm(Torch.ones(2, 2, 2).toSparse(), Torch.ones(2, 2)));
        cases.put("add_sizes", () -> s0.add(Torch.sparseCooTensor(i, v, 5, 5)));
        cases.put("dense_add_sizes", () -> Torch.ones(5, 5).add(s0));
        cases.put("pow_zero", () -> s0.pow(0));
        cases.put("transpose_mixed", () -> Torch.ones(2, 2).toSparse(1).transpose(0, 1));
        cases.put("sparse_mask_sizes", () -> Torch.ones(3, 3).sparseMask(s0.coalesce()));
        cases.put("sparse_mask_uncoalesced", () -> ones.sparseMask(s0));
        cases.put("to_sparse_dim", () -> Torch.ones(2, 3).toSparse(3));
        cases.put("softmax_dim", () -> Sparse.softmax(s0, 2));
        cases.put("softmax_int", () -> Sparse.softmax(Torch.sparseCooTensor(i, v.to(DType.INT64), 4, 5), 1));
        cases.put("mul_shapes", () -> s0.mul(Torch.sparseCooTensor(i, v, 5, 5)));
        cases.put("csr_3d", () -> Torch.ones(2, 2, 2).toSparse().toSparseCsr());
        Tensor three = Torch.tensor(new float[] {1, 2, 3});
        cases.put("csr_crow0", () -> Torch.sparseCsrTensor(Torch.tensor(new long[] {1, 2, 3}), Torch.tensor(new long[] {0, 1, 2}), three, 2, 3));
        cases.put("csr_last", () -> Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 2, 2}), Torch.tensor(new long[] {0, 1, 2}), three, 2, 3));
        cases.put("csr_monotone", () -> Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 3, 2, 3}), Torch.tensor(new long[] {0, 1, 2}), three, 3, 3));
        cases.put("csr_col_range", () -> Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 2, 3}), Torch.tensor(new long[] {0, 3, 2}), three, 2, 3));
        cases.put("csr_unsorted", () -> Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 2, 3}), Torch.tensor(new long[] {1, 0, 2}), three, 2, 3));
        cases.put("csr_rows", () -> Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 2, 3}), Torch.tensor(new long[] {0, 1, 2}), three, 3, 3));
        cases.put("csr_nnz", () -> Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 2, 3}), Torch.tensor(new long[] {0, 1}), three, 2, 3));
        cases.put("csr_dtypes", () -> Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 2, 3}), Torch.tensor(new long[] {0, 1, 2}).to(DType.INT32), three, 2, 3));
        SparseCsrTensor pattern = Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 2, 2, 5}), Torch.tensor(new long[] {1, 3, 0, 2, 3}),
                Torch.ones(new long[] {5}, DType.FLOAT64), 3, 4);
        Tensor m32 = Torch.ones(new long[] {3, 2}, DType.FLOAT64), m24 = Torch.ones(new long[] {2, 4}, DType.FLOAT64);
        cases.put("sampled_rows", () -> Sparse.sampledAddmm(pattern, Torch.ones(new long[] {4, 2}, DType.FLOAT64), m24, 1, 1));
        cases.put("sampled_cols", () -> Sparse.sampledAddmm(pattern, m32, Torch.ones(new long[] {2, 5}, DType.FLOAT64), 1, 1));
        cases.put("sampled_dtype", () -> Sparse.sampledAddmm(pattern, Torch.ones(3, 2), m24, 1, 1));
        cases.put("sampled_inner", () -> Sparse.sampledAddmm(pattern, m32, Torch.ones(new long[] {3, 4}, DType.FLOAT64), 1, 1));
        cases.put("sampled_1d", () -> Sparse.sampledAddmm(pattern, Torch.ones(new long[] {3}, DType.FLOAT64), m24, 1, 1));
        cases.put("csr_mm", () -> Torch.tensor(new float[] {0, 1, 0, 2, 0, 3}).reshape(2, 3).toSparseCsr().matmul(Torch.ones(2, 2)));
        assertEquals(expected.keySet(), cases.keySet(), "every recorded message has a case");
        return cases.entrySet().stream().map(en -> DynamicTest.dynamicTest(en.getKey(), () -> {
            RuntimeException e = assertThrows(RuntimeException.class, en.getValue());
            assertEquals(expected.get(en.getKey()), e.getMessage());
        }));
    }

    // ---- gradcheck in float64 ----

    private static final Tensor INDICES = Torch.tensor(new long[] {0, 2, 1, 2, 3, 0, 2, 0, 4, 1, 4, 3, 0, 2}, 2, 7);
    private static final Tensor HYBRID_INDICES = Torch.tensor(new long[] {0, 2, 3, 2, 1}, 1, 5);

    private static Tensor values(long... shape) {
        Torch.manualSeed(7);
        return Torch.randn(shape).to(DType.FLOAT64).requiresGrad_(true);
    }

    private static SparseCooTensor coo(Tensor values) {
        return Torch.sparseCooTensor(INDICES, values, 4, 5);
    }

    private static SparseCooTensor hybrid(Tensor values) {
        return Torch.sparseCooTensor(HYBRID_INDICES, values, 4, 3);
    }

    @TestFactory
    Stream<DynamicTest> gradcheck() {
        Tensor v = values(7);
        Tensor positive = values(7).detach().abs().add(0.5).requiresGrad_(true);
        Tensor hv = values(5, 3);
        Tensor dense = values(5, 3);
        Tensor vec = values(5);
        Map<String, Runnable> checks = new LinkedHashMap<>();
        checks.put("coalesce", () -> check(x -> coo(x[0]).coalesce().values(), v));
        checks.put("to_dense", () -> check(x -> coo(x[0]).toDense(), v));
        checks.put("to_dense hybrid", () -> check(x -> hybrid(x[0]).toDense(), hv));
        checks.put("to_sparse", () -> check(x -> x[0].toSparse(1).values(), values(4, 3)));
        checks.put("mm", () -> check(x -> Sparse.mm(coo(x[0]), x[1]), v, dense));
        checks.put("mm second order (the composite backward)", () -> assertTrue(GradCheck.gradgradcheck(x -> Sparse.mm(coo(x[0]), x[1]), v, dense)));
        checks.put("mv", () -> check(x -> coo(x[0]).mv(x[1]), v, vec));
        checks.put("addmm", () -> check(x -> Sparse.addmm(x[2], coo(x[0]), x[1], 0.5, 2), v, dense, values(4, 3)));
        checks.put("hspmm", () -> check(x -> Sparse.hspmm(coo(x[0]), x[1]).storedValues(), v, dense));
        checks.put("smm", () -> check(x -> Sparse.smm(coo(x[0]), x[1]).storedValues(), v, dense));
        checks.put("sum", () -> check(x -> Sparse.sum(coo(x[0])), v));
        checks.put("sum dims", () -> check(x -> Sparse.sum(coo(x[0]), 1).values(), v));
        checks.put("sum hybrid dense dim", () -> check(x -> Sparse.sum(hybrid(x[0]), 1).values(), hv));
        checks.put("softmax", () -> check(x -> Sparse.softmax(coo(x[0]), 1).values(), v));
        checks.put("log_softmax", () -> check(x -> Sparse.logSoftmax(coo(x[0]), 0).values(), v));
        checks.put("softmax hybrid", () -> check(x -> Sparse.softmax(hybrid(x[0]), 0).values(), hv));
        checks.put("mul dense", () -> check(x -> coo(x[0]).mul(x[1]).coalesce().values(), v, values(4, 5)));
        checks.put("mul sparse", () -> check(x -> coo(x[0]).mul(coo(x[1].flip(0))).storedValues(), v, values(7)));
        checks.put("add sparse", () -> check(x -> coo(x[0]).add(coo(x[1]).t().t(), -2).coalesce().values(), v, values(7)));
        checks.put("dense add", () -> check(x -> x[1].add(coo(x[0]), 3), v, values(4, 5)));
        checks.put("pow", () -> check(x -> coo(x[0]).pow(3).values(), v));
        checks.put("sqrt", () -> check(x -> coo(x[0]).sqrt().values(), positive));
        checks.put("sin tanh erf", () -> check(x -> coo(x[0]).sin().tanh().erf().values(), v));
        checks.put("sparse_mask", () -> check(x -> x[0].sparseMask(coo(v.detach()).coalesce()).values(), values(4, 5)));
        checks.put("csr matmul", () -> check(x -> coo(x[0]).toSparseCsr().matmul(x[1]), v, dense));
        checks.put("sampled_addmm", () -> check(x -> Sparse.sampledAddmm(Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 2, 2, 5}),
                Torch.tensor(new long[] {1, 3, 0, 2, 3}), x[0], 3, 4), x[1], x[2], 0.5, 2).values(), values(5), values(3, 2), values(2, 4)));
        checks.put("sampled_addmm second order", () -> assertTrue(GradCheck.gradgradcheck(x -> Sparse.sampledAddmm(
                Torch.sparseCsrTensor(Torch.tensor(new long[] {0, 2, 2, 5}), Torch.tensor(new long[] {1, 3, 0, 2, 3}), x[0], 3, 4),
                x[1], x[2], 0.5, 2).values(), values(5), values(3, 2), values(2, 4))));
        checks.put("csr to_dense", () -> check(x -> x[0].toSparseCsr().toDense(), values(4, 5)));
        return checks.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), e.getValue()::run));
    }

    private static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertTrue(GradCheck.gradcheck(f, inputs));
    }

    // ---- behaviour ----

    @Test
    void gradIsSparseWithTheIndices() {
        Tensor v = Torch.tensor(new double[] {3, 4, 5});
        SparseCooTensor s = Torch.sparseCooTensor(Torch.tensor(new long[] {0, 1, 1, 2, 0, 2}, 2, 3), v, 2, 3).requiresGrad_(true);
        assertNull(s.grad());
        Tensor d = Torch.arange(6).reshape(3, 2).to(DType.FLOAT64);
        Sparse.mm(s, d).pow(2).sum().backward();
        SparseCooTensor g = s.grad();
        assertArrayEquals(new long[] {0, 1, 1, 2, 0, 2}, g.storedIndices().reshape(-1).toLongArray());
        // PyTorch: values=tensor([246., 58., 450.])
        assertArrayEquals(new double[] {246, 58, 450}, g.storedValues().toDoubleArray());
        assertTrue(s.toString().endsWith("layout=torch.sparse_coo,\n       requires_grad=True)"), s.toString());
    }

    @Test
    void largeProductsRunInChunksWithTheSameResult() {
        Torch.manualSeed(3);
        long n = 300, m = 200;
        Tensor dense = Torch.randn(n, m).mul(Torch.rand(n, m).lt(0.05));
        SparseCooTensor s = dense.toSparse();
        Tensor operand = Torch.randn(m, 17);
        Tensor expected = dense.mm(operand);
        Tensor got = Sparse.mm(s, operand);
        assertTrue(got.sub(expected).abs().amax().item() < 1e-4, "sparse mm equals the dense product");
        assertEquals(Layout.STRIDED, dense.layout());
    }

    @Test
    void emptyAndDuplicateIndices() {
        SparseCooTensor empty = Torch.sparseCooTensor(Torch.zeros(new long[] {2, 0}, DType.INT64), Torch.zeros(0), 2, 3);
        assertTrue(empty.isCoalesced());
        assertEquals(0, empty.nnz());
        assertEquals(0.0, empty.toDense().abs().sum().item());
        assertEquals(0, Sparse.mm(empty, Torch.ones(3, 4)).abs().sum().item());
        SparseCooTensor dup = Torch.sparseCooTensor(Torch.tensor(new long[] {1, 1, 1, 2, 2, 2}, 2, 3), Torch.tensor(new float[] {1, 2, 3}), 2, 3);
        assertFalse(dup.isCoalesced());
        SparseCooTensor c = dup.coalesce();
        assertEquals(1, c.nnz());
        assertEquals(6.0, c.values().item());
        assertEquals(6.0, dup.toDense().get(1, 2).item());
        SparseCooTensor bools = Torch.sparseCooTensor(Torch.tensor(new long[] {0, 0, 1}, 1, 3), Torch.tensor(new boolean[] {true, false, true}), 2);
        assertArrayEquals(new long[] {1, 1}, bools.toDense().toLongArray());
    }
}
