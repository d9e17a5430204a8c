package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.amp.Autocast;
import org.torch4j.nn.F;

/**
 * {@code Torch.autocast("cpu", bfloat16)} against PyTorch 1.13 ({@code tools/gen_amp_reference.py}):
 * which ops run in bfloat16, which in float32, which are left alone, nesting, gradients, and a conv net's training step.
 */
class AutocastTest {

    private static final Map<String, Function<List<Tensor>, Tensor>> OPS = Map.of(
            "matmul", a -> a.get(0).matmul(a.get(1)),
            "mm", a -> a.get(0).mm(a.get(1)),
            "linear", a -> F.linear(a.get(0), a.get(1), a.get(2)),
            "conv2d", a -> F.conv2d(a.get(0), a.get(1), a.get(2), 1, 1),
            "mm_float64", a -> a.get(0).mm(a.get(1)),
            "mse_loss", a -> F.mseLoss(a.get(0), a.get(1)));

    @SuppressWarnings("unchecked")
    private static List<Tensor> args(Map<String, Object> c) {
        return ((List<Object>) c.get("args")).stream().map(Reference::tensor).toList();
    }

    @TestFactory
    Stream<DynamicTest> opsUnderCpuAutocastMatchPyTorch() {
        return Reference.cases("amp/autocast.json").stream().filter(c -> OPS.containsKey((String) c.get("name")))
                .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
                    List<Tensor> a = args(c);
                    if (c.get("name").equals("mse_loss")) a = List.of(a.get(0).to(DType.BFLOAT16), a.get(1)); // a bfloat16 activation
                    Tensor out;
                    try (var ac = Torch.autocast("cpu", DType.BFLOAT16)) {
                        out = OPS.get((String) c.get("name")).apply(a);
                    }
                    assertBfloat16Close(c.get("out"), out, (String) c.get("name"));
                }));
    }

    /**
     * dtype and shape exactly; values to bfloat16 precision at the result's scale (2^-6 of its largest
     * magnitude): where a sum cancels, the point at which each library rounds its products and the bias
     * to bfloat16 moves the result by a fraction of the terms' ulp, not of the result's.
     */
    @SuppressWarnings("unchecked")
    private static void assertBfloat16Close(Object spec, Tensor got, String ctx) {
        Map<String, Object> m = (Map<String, Object>) spec;
        assertEquals(DType.of((String) m.get("dtype")), got.dtype(), ctx + ": dtype");
        org.junit.jupiter.api.Assertions.assertArrayEquals(Reference.longs((List<Object>) m.get("shape")), got.shape(), ctx + ": shape");
        List<Object> data = Reference.data(m);
        double[] g = got.toDoubleArray();
        double scale = 0;
        for (Object o : data) scale = Math.max(scale, Math.abs(Reference.number(o)));
        for (int i = 0; i < g.length; i++) {
            double e = Reference.number(data.get(i));
            assertTrue(Math.abs(g[i] - e) <= 0x1p-6 * scale, ctx + ": element " + i + " expected " + e + " but got " + g[i] + " (scale " + scale + ")");
        }
    }

    private static Map<String, Object> reference(String name) {
        return Reference.cases("amp/autocast.json").stream().filter(c -> c.get("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void disabledInsideAndOutsideTheScopeOpsKeepFloat32() {
        List<Tensor> a = args(reference("matmul_disabled"));
        try (var on = Torch.autocast("cpu")) {
            assertTrue(Autocast.isEnabled("cpu"));
            try (var off = Torch.autocast("cpu", DType.BFLOAT16, false)) {
                assertFalse(Autocast.isEnabled("cpu"));
                Reference.assertTensor(reference("matmul_disabled").get("out"), a.get(0).matmul(a.get(1)), "disabled inside");
            }
            assertEquals(DType.BFLOAT16, a.get(0).matmul(a.get(1)).dtype(), "re-enabled when the inner scope closes");
        }
        assertFalse(Autocast.isEnabled("cpu"));
        Reference.assertTensor(reference("matmul_outside").get("out"), a.get(0).matmul(a.get(1)), "after the scope");
    }

    @Test
    void gradientsReachTheFloat32LeavesInFloat32() {
        Map<String, Object> c = reference("matmul_backward");
        List<Tensor> in = args(c);
        Tensor a = in.get(0).requiresGrad_(), b = in.get(1).requiresGrad_();
        Tensor y;
        try (var ac = Torch.autocast("cpu", DType.BFLOAT16)) {
            y = a.matmul(b);
        }
        assertBfloat16Close(c.get("out"), y, "forward");
        y.toFloat().pow(2).sum().backward();
        // float32 gradients of a bfloat16 product: PyTorch computes them in bfloat16, then casts
        assertBfloat16Close(c.get("grad_a"), a.grad(), "grad a");
        assertBfloat16Close(c.get("grad_b"), b.grad(), "grad b");
    }

    @Test
    void rejectsDtypesPyTorchRejects() {
        assertEquals("In CPU autocast, but the target dtype is not supported. CPU Autocast only supports dtype of torch.bfloat16 currently.",
                assertThrows(IllegalArgumentException.class, () -> Torch.autocast("cpu", DType.FLOAT16)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Torch.autocast("cuda", DType.FLOAT32));
        assertFalse(Autocast.isEnabled("cpu"));
    }

    /** The ops of the dtype table, with every floating input in bfloat16 (the generator's inputs, by shape). */
    private static Map<String, java.util.function.Supplier<Tensor>> dtypeOps() {
        Torch.manualSeed(2);
        Tensor x = Torch.randn(4, 6).to(DType.BFLOAT16), y = Torch.randn(4, 6).to(DType.BFLOAT16);
        Tensor p = Torch.rand(4, 6).to(DType.BFLOAT16), cls = Torch.randint(0, 6, 4), ones = Torch.ones(4).to(DType.BFLOAT16);
        Tensor lp = F.logSoftmax(Torch.randn(5, 2, 4), 2).to(DType.BFLOAT16);
        Map<String, java.util.function.Supplier<Tensor>> ops = new java.util.LinkedHashMap<>();
        ops.put("softmax", () -> F.softmax(x, 1));
        ops.put("log_softmax", () -> F.logSoftmax(x, 1));
        ops.put("layer_norm", () -> F.layerNorm(x, new long[] {6}, null, null, 1e-5));
        ops.put("group_norm", () -> F.groupNorm(x.reshape(2, 4, 3), 2, null, null, 1e-5));
        ops.put("softplus", () -> F.softplus(x));
        ops.put("prod", () -> x.prod());
        ops.put("prod_dim", () -> x.prod(1, false));
        ops.put("exp", () -> x.exp());
        ops.put("sum", () -> x.sum());
        ops.put("gelu", () -> F.gelu(x));
        ops.put("mse_loss", () -> F.mseLoss(x, y));
        ops.put("l1_loss", () -> F.l1Loss(x, y));
        ops.put("smooth_l1_loss", () -> F.smoothL1Loss(x, y));
        ops.put("huber_loss", () -> F.huberLoss(x, y));
        ops.put("cross_entropy", () -> F.crossEntropy(x, cls));
        ops.put("nll_loss", () -> F.nllLoss(x, cls));
        ops.put("binary_cross_entropy", () -> F.binaryCrossEntropy(p, p));
        ops.put("binary_cross_entropy_with_logits", () -> F.binaryCrossEntropyWithLogits(x, p));
        ops.put("kl_div", () -> F.klDivBatchmean(x, p, false));
        ops.put("cosine_embedding_loss", () -> F.cosineEmbeddingLoss(x, y, ones, 0, org.torch4j.nn.Reduction.MEAN));
        ops.put("margin_ranking_loss", () -> F.marginRankingLoss(x.select(1, 0), y.select(1, 0), ones, 0, org.torch4j.nn.Reduction.MEAN));
        ops.put("ctc_loss", () -> F.ctcLoss(lp, Torch.tensor(new long[] {1, 2, 3, 3}, 2, 2), new long[] {5, 5}, new long[] {2, 2}, 0,
                org.torch4j.nn.Reduction.MEAN, false));
        ops.put("matmul", () -> x.matmul(y.t()));
        return ops;
    }

    /**
     * Which ops run in float32 under CPU autocast: every op of the generator's table gives PyTorch 1.13's
     * result dtype with all floating inputs in bfloat16 (float32 for the CPU's float32 list, bfloat16 for
     * the ops autocast leaves alone), and the table names every op of torch4j's CPU float32 list.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theCpuFloat32ListIsPyTorchs() {
        Map<String, Object> expected = (Map<String, Object>) ((Map<String, Object>) Reference.load("amp/autocast.json")).get("dtypes");
        Map<String, java.util.function.Supplier<Tensor>> ops = dtypeOps();
        assertEquals(expected.keySet(), ops.keySet());
        try (var ac = Torch.autocast("cpu", DType.BFLOAT16)) {
            for (var e : expected.entrySet()) {
                assertEquals(DType.of((String) e.getValue()), ops.get(e.getKey()).get().dtype(), e.getKey());
                boolean listed = Autocast.isFloat32Op("cpu", e.getKey().replace("_dim", ""));
                assertEquals(e.getValue().equals("float32"), listed, e.getKey() + " on torch4j's CPU float32 list");
            }
        }
    }

    /**
     * A training step of conv, BatchNorm2d, relu, max pooling, linear and cross entropy, the forward under CPU autocast
     * with float32 parameters, against PyTorch 1.13: every stage's dtype (the batch norm takes the convolution's
     * bfloat16 output with float32 parameters and returns bfloat16; the loss is float32), the logits and loss, the
     * running statistics, and the float32 parameters' gradients, to bfloat16 precision.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aConvNetTrainingStepUnderAutocastMatchesPyTorch() {
        Map<String, Object> n = (Map<String, Object>) ((Map<String, Object>) Reference.load("amp/autocast.json")).get("network");
        Map<String, Object> p = (Map<String, Object>) n.get("params");
        Map<String, Tensor> w = new java.util.HashMap<>();
        for (String name : p.keySet()) w.put(name, Reference.tensor(p.get(name)).requiresGrad_(true));
        Tensor img = Reference.tensor(n.get("img"));
        Tensor cls = Torch.tensor(((List<Object>) n.get("cls")).stream().mapToLong(v -> ((Number) v).longValue()).toArray(), 2);
        Tensor runningMean = Torch.zeros(4), runningVar = Torch.ones(4);
        Map<String, Tensor> stages = new java.util.LinkedHashMap<>();
        try (var ac = Torch.autocast("cpu", DType.BFLOAT16)) {
            stages.put("conv", F.conv2d(img, w.get("conv_weight"), w.get("conv_bias"), 1, 1));
            stages.put("batch_norm", F.batchNorm(stages.get("conv"), runningMean, runningVar, w.get("bn_weight"), w.get("bn_bias"), true, 0.1,
                    1e-5));
            stages.put("relu", F.relu(stages.get("batch_norm")));
            stages.put("max_pool", F.maxPool2d(stages.get("relu"), 2));
            stages.put("linear", F.linear(stages.get("max_pool").flatten(1, -1), w.get("lin_weight"), w.get("lin_bias")));
            stages.put("cross_entropy", F.crossEntropy(stages.get("linear"), cls));
        }
        Map<String, Object> dtypes = (Map<String, Object>) n.get("dtypes");
        for (var e : stages.entrySet()) assertEquals(DType.of((String) dtypes.get(e.getKey())), e.getValue().dtype(), e.getKey() + "'s dtype");
        assertEquals(dtypes.keySet(), stages.keySet());
        Tensor loss = stages.get("cross_entropy");
        assertBfloat16Close(n.get("logits"), stages.get("linear"), "logits");
        assertBfloat16Close(n.get("loss"), loss, "loss");
        assertBfloat16Close(n.get("running_mean"), runningMean, "running mean");
        assertBfloat16Close(n.get("running_var"), runningVar, "running variance");
        loss.backward();
        for (var e : ((Map<String, Object>) n.get("grads")).entrySet()) {
            assertBfloat16Close(e.getValue(), w.get(e.getKey()).grad(), e.getKey() + "'s gradient");
        }
    }

    @Test
    void theCudaListsFollowPyTorchsDocumentation() {
        for (String op : List.of("softmax", "log_softmax", "layer_norm", "group_norm", "softplus", "prod", "mse_loss", "cross_entropy",
                "nll_loss", "kl_div", "binary_cross_entropy_with_logits")) {
            assertTrue(Autocast.isFloat32Op("cuda", op), op);
        }
        assertFalse(Autocast.isFloat32Op("cuda", "binary_cross_entropy"), "refused on CUDA, not cast");
        assertFalse(Autocast.isFloat32Op("cuda", "matmul"));
    }
}
