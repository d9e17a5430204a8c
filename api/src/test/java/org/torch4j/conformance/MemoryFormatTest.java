package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.MemoryFormat;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Sequential;

/**
 * Memory formats against PyTorch 1.13 ({@code tools/gen_memory_format_reference.py}): for inputs in many layouts
 * (contiguous, channels-last 4-d and 5-d, transposed, permuted, sliced, expanded, ambiguous size-1 dims, empty,
 * 0-d), {@code isContiguous} in each format; the strides of {@code clone}, the {@code *Like} factories,
 * {@code to(dtype)}, {@code contiguous(format)}, {@code clone(format)} and {@code to(format)}, or PyTorch's error; and the seeded values
 * of the random fills on each layout, bit for bit (PyTorch draws them in the order it walks memory).
 */
class MemoryFormatTest {

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> ROOT = (Map<String, Object>) Reference.load("memory_format.json");

    private static final Map<String, MemoryFormat> FORMATS = Map.of("contiguous", MemoryFormat.CONTIGUOUS, "channels_last",
            MemoryFormat.CHANNELS_LAST, "channels_last_3d", MemoryFormat.CHANNELS_LAST_3D, "preserve", MemoryFormat.PRESERVE);

    /** The case's input: a view of arange(n) in float32 with the case's shape, strides and offset. */
    private static Tensor input(Map<String, Object> c) {
        long[] shape = longs(c.get("shape")), strides = longs(c.get("strides"));
        long offset = ((Number) c.get("offset")).longValue(), span = offset + 1;
        for (int d = 0; d < shape.length; d++) if (shape[d] > 0) span += (shape[d] - 1) * strides[d];
        return Torch.arange(span).toFloat().asStrided(shape, strides, offset);
    }

    @SuppressWarnings("unchecked")
    private static long[] longs(Object list) {
        return Reference.longs((List<Object>) list);
    }

    /** The layout ops of the reference, by the JSON's names. */
    private static Map<String, Supplier<Tensor>> likeOps(Tensor x) {
        Map<String, Supplier<Tensor>> ops = new java.util.HashMap<>(Map.of(
                "clone", x::clone,
                "empty_like", () -> Torch.emptyLike(x),
                "zeros_like", () -> Torch.zerosLike(x),
                "ones_like", () -> Torch.onesLike(x),
                "full_like", () -> Torch.fullLike(x, 2.5),
                "rand_like", () -> Torch.randLike(x),
                "to_float64", () -> x.to(DType.FLOAT64)));
        FORMATS.forEach((name, f) -> {
            ops.put("contiguous_" + name, () -> x.contiguous(f));
            ops.put("clone_" + name, () -> x.clone(f));
            ops.put("zeros_like_" + name, () -> Torch.zerosLike(x, f));
            ops.put("to_" + name, () -> x.to(f));
        });
        return ops;
    }

    /** The seeded fills of the reference, by the JSON's names. */
    private static Map<String, Supplier<Tensor>> draws(Tensor x) {
        return Map.of(
                "rand_like", () -> Torch.randLike(x),
                "randn_like", () -> Torch.randnLike(x),
                "randint_like", () -> Torch.randintLike(x, 0, 10),
                "uniform_", () -> x.clone().uniform_(-2, 3),
                "normal_", () -> x.clone().normal_(1, 2),
                "bernoulli_", () -> x.clone().bernoulli_(0.3),
                "exponential_", () -> x.clone().exponential_(1.5),
                "random_", () -> x.clone().random_(0, 100));
    }

    @SuppressWarnings("unchecked")
    private static void assertStridesOrError(Map<String, Object> expected, Supplier<Tensor> op, String ctx) {
        if (expected.containsKey("error")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op::get, ctx);
            assertEquals(expected.get("error"), e.getMessage(), ctx);
        } else {
            assertArrayEquals(longs(expected.get("strides")), op.get().stride(), ctx + ": strides");
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    List<DynamicTest> layoutsMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        ((Map<String, Object>) ROOT.get("cases")).forEach((name, spec) -> {
            Map<String, Object> c = (Map<String, Object>) spec;
            tests.add(DynamicTest.dynamicTest(name + ": isContiguous", () -> {
                Tensor x = input(c);
                ((Map<String, Object>) c.get("is_contiguous")).forEach((f, v) ->
                        assertEquals(v, x.isContiguous(FORMATS.get(f)), name + " isContiguous(" + f + ")"));
            }));
            tests.add(DynamicTest.dynamicTest(name + ": clone, like, to, contiguous", () -> {
                Tensor x = input(c);
                Map<String, Supplier<Tensor>> ops = likeOps(x);
                ((Map<String, Object>) c.get("like")).forEach((op, e) -> {
                    assertStridesOrError((Map<String, Object>) e, ops.get(op), name + " " + op);
                    if (!((Map<String, Object>) e).containsKey("error") && !op.contains("like")) {
                        assertEquals(x.toString(), ops.get(op).get().to(DType.FLOAT32).toString(), name + " " + op + ": values");
                    }
                });
            }));
            ((Map<String, Object>) c.get("draws")).forEach((dtype, d) -> tests.add(DynamicTest.dynamicTest(name + ": draws " + dtype, () -> {
                Tensor x = input(c).to(DType.of(dtype));
                Map<String, Supplier<Tensor>> fills = draws(x);
                ((Map<String, Object>) d).forEach((fill, expected) -> {
                    Torch.manualSeed(0);
                    Tensor got = fills.get(fill).get();
                    Reference.assertTensor(expected, got, 0, 0, name + " " + fill + " " + dtype);
                });
            })));
        });
        return tests;
    }

    @Test
    @SuppressWarnings("unchecked")
    void emptyInAFormatMatchesPyTorch() {
        ((Map<String, Object>) ROOT.get("empty")).forEach((key, e) -> {
            boolean rank3 = key.startsWith("rank3_");
            String format = key.substring("rank3_".length());
            long[] shape = rank3 ? new long[] {2, 3, 4} : new long[] {2, 3, 4, 5};
            assertStridesOrError((Map<String, Object>) e, () -> Torch.empty(shape, DType.FLOAT32, Device.CPU, FORMATS.get(format)),
                    "empty " + key);
        });
    }

    @Test
    void aTensorAlreadyInTheFormatIsReturnedAsIs() {
        Tensor x = Torch.randn(2, 3, 4, 5).contiguous(MemoryFormat.CHANNELS_LAST);
        assertSame(x, x.contiguous(MemoryFormat.CHANNELS_LAST));
        Tensor y = Torch.randn(3, 4);
        assertSame(y, y.contiguous(MemoryFormat.PRESERVE), "a contiguous tensor: preserve asks nothing more");
        assertSame(y, y.contiguous(MemoryFormat.CONTIGUOUS));
    }

    @Test
    void gradientsFlowThroughAFormatChange() {
        Tensor x = Torch.randn(2, 3, 4, 5).requiresGrad_();
        Tensor y = x.contiguous(MemoryFormat.CHANNELS_LAST);
        y.mul(Torch.arange(120).toFloat().reshape(2, 3, 4, 5)).sum().backward();
        assertEquals(Torch.arange(120).toFloat().reshape(2, 3, 4, 5).toString(), x.grad().toString());
    }

    /** The leaf's .grad for each case of the reference's gradient layouts, computed as the generator does. */
    private static Tensor leafGrad(String name) {
        Tensor leaf;
        switch (name) {
            case "transposed_leaf_matmul" -> {
                leaf = Torch.randn(5, 4).t().detach().requiresGrad_();
                Torch.randn(3, 4).matmul(leaf).sum().backward();
            }
            case "transposed_leaf_elementwise" -> {
                leaf = Torch.randn(4, 3).t().detach().requiresGrad_();
                leaf.mul(2).sum().backward();
            }
            case "contiguous_leaf_through_t" -> {
                leaf = Torch.randn(4, 3).requiresGrad_();
                leaf.t().mul(2).sum().backward();
            }
            case "channels_last_conv_weight" -> {
                Conv2d conv = new Conv2d(3, 4, 3);
                conv.to(MemoryFormat.CHANNELS_LAST);
                conv.forward(Torch.randn(2, 3, 8, 8)).sum().backward();
                leaf = conv.weight;
            }
            case "sliced_leaf" -> {
                leaf = Torch.randn(4, 6).narrow(1, 0, 6).asStrided(new long[] {4, 3}, new long[] {6, 2}, 0).detach().requiresGrad_();
                leaf.mul(2).sum().backward();
            }
            case "expanded_leaf" -> {
                leaf = Torch.randn(4, 1).expand(4, 3).detach().requiresGrad_();
                leaf.mul(2).sum().backward();
            }
            default -> throw new IllegalArgumentException(name);
        }
        return leaf.grad();
    }

    /** PyTorch's gradient layout contract: a dense leaf's gradient is laid out as the leaf, any other's contiguous. */
    @TestFactory
    @SuppressWarnings("unchecked")
    List<DynamicTest> leafGradientsFollowTheLeafsLayout() {
        List<DynamicTest> tests = new ArrayList<>();
        ((Map<String, Object>) ROOT.get("grad_layouts")).forEach((name, strides) -> tests.add(DynamicTest.dynamicTest(name,
                () -> assertArrayEquals(longs(strides), leafGrad(name).stride(), name))));
        return tests;
    }

    /** The layer ops of the reference's "layers" section on a channels-last input {@code x} (float32 or float64). */
    private static Tensor layer(String name, Tensor x) {
        DType t = x.dtype();
        Tensor xc = x.contiguous(), w = Torch.randn(6, 4, 3, 3).to(t);
        long[] one = {1, 1}, zero = {0, 0};
        return switch (name) {
            case "conv2d_cl_input" -> F.conv2d(x, w, Torch.randn(6).to(t), one, one, one, 1);
            case "conv2d_cl_weight" -> F.conv2d(xc, w.contiguous(MemoryFormat.CHANNELS_LAST), null, one, one, one, 1);
            case "conv2d_contiguous" -> F.conv2d(xc, w, null, one, one, one, 1);
            case "conv2d_groups" -> F.conv2d(x, Torch.randn(4, 2, 3, 3).to(t), null, one, zero, one, 2);
            case "conv2d_stride2_1x1" -> F.conv2d(x, Torch.randn(6, 4, 1, 1).to(t), null, new long[] {2, 2}, zero, one, 1);
            case "conv_transpose2d" -> F.convTranspose2d(x, Torch.randn(4, 3, 2, 2).to(t), null, new long[] {2, 2}, zero, zero, 1, one);
            case "max_pool2d" -> F.maxPool2d(x, 2);
            case "max_pool2d_indices" -> F.maxPool2dWithIndices(x, new long[] {2, 2}, null, zero, one, false).indices();
            case "avg_pool2d" -> F.avgPool2d(x, 2);
            case "adaptive_avg_pool2d_1" -> F.adaptiveAvgPool2d(x, 1);
            case "adaptive_avg_pool2d_3" -> F.adaptiveAvgPool2d(x, 3);
            case "adaptive_max_pool2d_3" -> F.adaptiveMaxPool2d(x, 3);
            case "interpolate_nearest" -> F.interpolate(x, 2.0, "nearest");
            case "interpolate_bilinear" -> F.interpolate(x, 2.0, "bilinear");
            case "batch_norm_train" -> F.batchNorm(x, null, null, null, null, true, 0.1, 1e-5);
            case "relu" -> F.relu(x);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Convolutions, pooling and upsampling lay their 4-d outputs out channels-last when the input (or a convolution's
     * weight) is, as PyTorch's kernels do; a transposed convolution's output stays contiguous. Values do not change
     * with the layout: each output equals the same op on the row-major input.
     */
    @TestFactory
    @SuppressWarnings("unchecked")
    List<DynamicTest> layerOutputsFollowChannelsLast() {
        List<DynamicTest> tests = new ArrayList<>();
        ((Map<String, Object>) ROOT.get("layers")).forEach((dtype, ops) -> ((Map<String, Object>) ops).forEach((name, strides) ->
                tests.add(DynamicTest.dynamicTest(name + " " + dtype, () -> {
                    Tensor x = Torch.randn(2, 4, 8, 8).to(DType.of(dtype)).contiguous(MemoryFormat.CHANNELS_LAST);
                    Torch.manualSeed(1);
                    Tensor y = layer(name, x);
                    assertArrayEquals(longs(strides), y.stride(), name + " " + dtype);
                    Torch.manualSeed(1);
                    double[] expected = layer(name, x.contiguous()).toDoubleArray(), got = y.toDoubleArray();
                    for (int i = 0; i < got.length; i++) {
                        // batch norm composes its statistics in another order on a channels-last input: last-digit differences
                        assertEquals(expected[i], got[i], 1e-5 * (1 + Math.abs(expected[i])), name + " " + dtype + ": element " + i);
                    }
                }))));
        return tests;
    }

    /** Module.to(format) lays out the 4-d parameters (a convolution's weight) and leaves the others (bias, a linear layer's). */
    @Test
    void moduleToChannelsLastConvertsFourDimensionalParametersOnly() {
        Torch.manualSeed(0);
        Sequential m = new Sequential(new Conv2d(3, 4, 3), new org.torch4j.nn.Flatten(), new Linear(4 * 4 * 4, 2));
        Tensor x = Torch.randn(2, 3, 6, 6);
        String before = m.forward(x).toString();
        Tensor weight = m.parameters().get(0);
        m.to(MemoryFormat.CHANNELS_LAST);
        assertSame(weight, m.parameters().get(0), "parameters keep their identity");
        assertArrayEquals(new long[] {27, 1, 9, 3}, weight.stride());
        assertArrayEquals(new long[] {1}, m.parameters().get(1).stride());
        assertArrayEquals(new long[] {64, 1}, m.parameters().get(2).stride());
        assertEquals(before, m.forward(x.contiguous(MemoryFormat.CHANNELS_LAST)).toString());
    }

    /**
     * A 3-d convolution's 5-d weight under CHANNELS_LAST (or a 2-d one's under CHANNELS_LAST_3D): PyTorch's error,
     * and, unlike PyTorch, which has converted the tensors it met first, nothing converted.
     */
    @Test
    void moduleToAFormatOfTheWrongRankChangesNothing() {
        Sequential m = new Sequential(new Conv2d(3, 4, 3), new org.torch4j.nn.Conv3d(4, 2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.to(MemoryFormat.CHANNELS_LAST));
        assertEquals("required rank 4 tensor to use channels_last format", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.to(MemoryFormat.CHANNELS_LAST_3D));
        assertEquals("required rank 5 tensor to use channels_last_3d format", e.getMessage());
        assertArrayEquals(new long[] {27, 9, 3, 1}, m.parameters().get(0).stride(), "the 2-d weight is left row-major");
        Sequential m3 = new Sequential(new org.torch4j.nn.Conv3d(4, 2, 1));
        m3.to(MemoryFormat.CHANNELS_LAST_3D);
        assertArrayEquals(new long[] {4, 1, 4, 4, 4}, m3.parameters().get(0).stride());
    }
}
