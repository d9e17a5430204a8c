package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.vision.VisionOpsTest.close;
import static org.torch4j.vision.VisionOpsTest.tensor;
import static org.torch4j.vision.VisionReference.list;
import static org.torch4j.vision.VisionReference.longs;
import static org.torch4j.vision.VisionReference.map;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.GELU;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.SiLU;
import org.torch4j.vision.ops.Conv2dNormActivation;
import org.torch4j.vision.ops.Conv3dNormActivation;
import org.torch4j.vision.ops.DeformConv;
import org.torch4j.vision.ops.DeformConv2d;
import org.torch4j.vision.ops.DropBlock2d;
import org.torch4j.vision.ops.DropBlock3d;
import org.torch4j.vision.ops.MLP;

/** The second part of org.torch4j.vision.ops against torchvision 0.14 (tools/gen_vision_ops2_reference.py, reference/vision/ops2.json). */
class VisionOps2Test {
    private static final Map<String, Object> REF = map(VisionReference.load("ops2.json"));

    private static Map<String, Object> section(String name) {
        return map(REF.get(name));
    }

    private static Tensor opt(Map<String, Object> c, String key) {
        return c.containsKey(key) ? tensor(c.get(key)) : null;
    }

    // ---- deform_conv2d ----------------------------------------------------------------------------

    @Test
    void deformConv2dValuesAndGradientsMatchTorchvision() {
        for (Object o : list(section("deform").get("cases"))) {
            Map<String, Object> c = map(o);
            String name = (String) c.get("name");
            long[] stride = longs(c.get("stride")), padding = longs(c.get("padding")), dilation = longs(c.get("dilation"));
            Tensor x = tensor(c.get("input")), offset = tensor(c.get("offset")), weight = tensor(c.get("weight"));
            Tensor bias = opt(c, "bias"), mask = opt(c, "mask");
            List<Tensor> floats = new java.util.ArrayList<>();
            for (Tensor t : new Tensor[] {x, offset, weight, bias, mask}) floats.add(t == null ? null : t.toFloat().requiresGrad_());
            Tensor out32 = DeformConv.deformConv2d(floats.get(0), floats.get(1), floats.get(2), floats.get(3), stride, padding, dilation, floats.get(4));
            close(c.get("output32"), out32, name + " float32");
            out32.mul(tensor(c.get("gradWeights")).toFloat()).sum().backward();
            List<Object> grads32 = list(c.get("grads32"));
            int k = 0;
            for (Tensor t : floats) if (t != null) close(grads32.get(k), t.grad(), name + " float32 gradient " + k++);
            List<Tensor> leaves = new java.util.ArrayList<>();
            for (Tensor t : new Tensor[] {x, offset, weight, bias, mask}) leaves.add(t == null ? null : t.clone().requiresGrad_());
            Tensor out = DeformConv.deformConv2d(leaves.get(0), leaves.get(1), leaves.get(2), leaves.get(3), stride, padding, dilation, leaves.get(4));
            close(c.get("output64"), out, name + " float64");
            out.mul(tensor(c.get("gradWeights"))).sum().backward();
            close(c.get("gradInput"), leaves.get(0).grad(), name + " input grad");
            close(c.get("gradOffset"), leaves.get(1).grad(), name + " offset grad");
            close(c.get("gradWeight"), leaves.get(2).grad(), name + " weight grad");
            if (bias != null) close(c.get("gradBias"), leaves.get(3).grad(), name + " bias grad");
            if (mask != null) close(c.get("gradMask"), leaves.get(4).grad(), name + " mask grad");
        }
    }

    @Test
    void deformConv2dPassesGradcheckAndGradgradcheck() {
        Torch.manualSeed(21);
        Tensor x = Torch.randn(1, 2, 4, 4).toDouble().requiresGrad_();
        Tensor offset = Torch.randn(1, 2 * 2 * 4, 5, 2).toDouble().mul(1.3).requiresGrad_();
        Tensor mask = Torch.rand(1, 2 * 4, 5, 2).toDouble().requiresGrad_();
        Tensor weight = Torch.randn(2, 2, 2, 2).toDouble().requiresGrad_();
        Tensor bias = Torch.randn(2).toDouble().requiresGrad_();
        assertTrue(GradCheck.gradcheck(a -> DeformConv.deformConv2d(a[0], a[1], a[2], a[3], new long[] {1}, new long[] {1, 0},
                new long[] {1, 2}, a[4]), x, offset, weight, bias, mask));
        // torchvision refuses double backward; torch4j's sampling ops are each other's derivatives, so it has one
        Tensor x2 = Torch.randn(1, 2, 3, 3).toDouble().requiresGrad_(), offset2 = Torch.randn(1, 8, 2, 2).toDouble().requiresGrad_();
        Tensor mask2 = Torch.rand(1, 4, 2, 2).toDouble().requiresGrad_(), weight2 = Torch.randn(2, 2, 2, 2).toDouble().requiresGrad_();
        assertTrue(GradCheck.gradgradcheck(a -> DeformConv.deformConv2d(a[0], a[1], a[2], null, new long[] {1}, new long[] {0},
                new long[] {1}, a[3]), x2, offset2, weight2, mask2));
    }

    @Test
    void deformConv2dModuleHasTorchvisionsWeightsAndPrintForm() {
        Map<String, Object> s = section("deform"), m = map(s.get("module"));
        Torch.manualSeed(5);
        DeformConv2d a = new DeformConv2d(4, 6, new long[] {3}, new long[] {1}, new long[] {1}, new long[] {1}, 2, true);
        DeformConv2d b = new DeformConv2d(3, 2, new long[] {3, 2}, new long[] {2}, new long[] {0}, new long[] {1, 2}, 1, false);
        assertState(m.get("state"), a, "DeformConv2d");
        assertState(m.get("state2"), b, "DeformConv2d bias=False");
        close(m.get("output"), a.call(tensor(m.get("input")), tensor(m.get("offset")), tensor(m.get("mask"))), "DeformConv2d forward");
        Map<String, Object> reprs = map(s.get("reprs"));
        assertEquals(reprs.get("DeformConv2d(4, 6, 3, padding=1, groups=2)"), a.toString());
        assertEquals(reprs.get("DeformConv2d(3, 2, (3, 2), stride=2, dilation=(1, 2), bias=False)"), b.toString());
        assertEquals(reprs.get("DeformConv2d(2, 2, 1)"), new DeformConv2d(2, 2, 1).toString());
    }

    @Test
    void deformConv2dRefusesBadArgumentsWithTorchvisionsMessages() {
        Tensor x = Torch.randn(1, 4, 5, 5), w = Torch.randn(6, 2, 3, 3), off = Torch.randn(1, 36, 3, 3);
        long[] one = {1}, zero = {0};
        assertMessage("offset_channels", () -> DeformConv.deformConv2d(x, Torch.randn(1, 5, 3, 3), w));
        assertMessage("offset_dims", () -> DeformConv.deformConv2d(x, Torch.randn(1, 36, 4, 3), w));
        assertMessage("offset_batch", () -> DeformConv.deformConv2d(x, Torch.randn(2, 36, 3, 3), w));
        assertMessage("mask_channels", () -> DeformConv.deformConv2d(x, off, w, null, one, zero, one, Torch.randn(1, 5, 3, 3)));
        assertMessage("mask_dims", () -> DeformConv.deformConv2d(x, off, w, null, one, zero, one, Torch.randn(1, 18, 3, 4)));
        assertMessage("mask_batch", () -> DeformConv.deformConv2d(x, off, w, null, one, zero, one, Torch.randn(2, 18, 3, 3)));
        assertMessage("weight_groups", () -> DeformConv.deformConv2d(x, off, Torch.randn(6, 3, 3, 3)));
        assertMessage("weight_out_groups", () -> DeformConv.deformConv2d(x, off, Torch.randn(5, 2, 3, 3)));
        assertMessage("weight_dim", () -> DeformConv.deformConv2d(x, off, w.select(0, 0)));
        assertMessage("offset_groups_channels", () -> DeformConv.deformConv2d(x, Torch.randn(1, 54, 3, 3), w));
        assertMessage("padding", () -> DeformConv.deformConv2d(x, off, w, null, one, new long[] {-1}, one, null));
        assertMessage("too_small", () -> DeformConv.deformConv2d(Torch.randn(1, 4, 2, 2), off, w));
        assertMessage("weight_dtype", () -> DeformConv.deformConv2d(x, off, w.toDouble()));
        assertMessage("offset_dtype", () -> DeformConv.deformConv2d(x, off.toDouble(), w));
        assertMessage("mask_dtype", () -> DeformConv.deformConv2d(x, off, w, null, one, zero, one, Torch.rand(1, 18, 3, 3).toDouble()));
        assertMessage("long_input", () -> DeformConv.deformConv2d(x.toLong(), off.toLong(), w.toLong()));
        assertMessage("module_in_groups", () -> new DeformConv2d(3, 4, new long[] {3}, one, zero, one, 2, true));
        assertMessage("module_out_groups", () -> new DeformConv2d(4, 3, new long[] {3}, one, zero, one, 2, true));
        // torchvision divides by the stride before checking it (a floating point exception); torch4j checks first
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeformConv.deformConv2d(x, off, w, null, new long[] {0, 1}, zero, one, null));
        assertEquals("stride_h: 0 stride_w: 1", e.getMessage());
        // torchvision's module divides by groups (ZeroDivisionError); torch4j's did too, inside (found by fuzzing)
        assertEquals("groups must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new DeformConv2d(4, 6, new long[] {3}, one, zero, one, 0, true)).getMessage());
    }

    @Test
    void readmeExampleRunsAndZeroOffsetsGiveAConvolution() {
        Torch.manualSeed(0);
        // ---- README (vision ops) ----
        Tensor x = Torch.randn(2, 8, 16, 16);
        var deform = new DeformConv2d(8, 16, new long[] {3}, new long[] {1}, new long[] {1}, new long[] {1}, 1, true);
        Tensor offset = Torch.zeros(2, 2 * 3 * 3, 16, 16);              // zero offsets: an ordinary 3x3 convolution
        Tensor y = deform.call(x, offset, Torch.ones(2, 3 * 3, 16, 16)); // [2, 16, 16, 16]
        Tensor dropped = new DropBlock2d(0.1, 3).call(y);               // in training: 3x3 blocks zeroed, the rest rescaled
        // ---- end ----
        Tensor conv = org.torch4j.nn.F.conv2d(x, deform.weight, deform.bias, new long[] {1}, new long[] {1}, new long[] {1}, 1);
        assertTrue(VisionReference.relativeDifference(y, conv) < 1e-5, "zero offsets and a mask of ones: a convolution");
        assertEquals(List.of(2L, 16L, 16L, 16L), java.util.Arrays.stream(dropped.shape()).boxed().toList());
    }

    // ---- DropBlock --------------------------------------------------------------------------------

    @Test
    void dropBlockDrawsTorchvisionsBlocks() {
        Map<String, Object> s = section("dropblock"), draws = map(s.get("draws"));
        Torch.manualSeed(3);
        close(draws.get("bernoulli32"), Torch.empty(2, 3, 4, 4).bernoulli_(0.3), "bernoulli_ float32");
        close(draws.get("bernoulli64"), Torch.empty(2, 3, 4).toDouble().bernoulli_(0.3), "bernoulli_ float64");
        Tensor x2 = Torch.arange(1, 1 + 2 * 3 * 5 * 7, 1).reshape(2, 3, 5, 7).toFloat().div(10);
        Tensor x3 = Torch.arange(1, 1 + 2 * 2 * 3 * 5 * 6, 1).reshape(2, 2, 3, 5, 6).toFloat().div(10);
        for (Object o : list(s.get("cases"))) {
            Map<String, Object> c = map(o);
            int rank = ((Number) c.get("rank")).intValue();
            double p = ((Number) c.get("p")).doubleValue();
            long block = ((Number) c.get("blockSize")).longValue();
            Tensor x = (rank == 2 ? x2 : x3).to(org.torch4j.DType.of((String) c.get("dtype")));
            Torch.manualSeed(((Number) c.get("seed")).longValue());
            Tensor r = rank == 2 ? DropBlock2d.dropBlock2d(x, p, block) : DropBlock3d.dropBlock3d(x, p, block);
            close(c.get("result"), r, "drop_block" + rank + "d seed " + c.get("seed"));
        }
        Map<String, Object> in = map(s.get("inplace"));
        Tensor xi = x2.clone();
        Torch.manualSeed(7);
        Tensor r = new DropBlock2d(0.4, 3, true, 1e-6).call(xi);
        close(in.get("result"), xi, "DropBlock2d(inplace=True)");
        assertSame(xi, r);
        DropBlock3d eval = new DropBlock3d(0.5, 3);
        eval.eval();
        assertSame(x3, eval.call(x3));
        Map<String, Object> reprs = map(s.get("reprs"));
        assertEquals(reprs.get("DropBlock2d(0.1, 3)"), new DropBlock2d(0.1, 3).toString());
        assertEquals(reprs.get("DropBlock3d(0.5, 2, True)"), new DropBlock3d(0.5, 2, true, 1e-6).toString());
        assertEquals(reprs.get("DropBlock2d(1e-05, 4, eps=0.001)"), new DropBlock2d(1e-5, 4, false, 1e-3).toString());
        Tensor x = Torch.randn(1, 4, 5, 5);
        assertMessage("dropblock_p", () -> DropBlock2d.dropBlock2d(x, 1.5, 3));
        assertMessage("dropblock2d_dim", () -> DropBlock2d.dropBlock2d(x.select(0, 0), 0.5, 3));
        assertMessage("dropblock3d_dim", () -> DropBlock3d.dropBlock3d(x, 0.5, 3));
        assertMessage("dropblock_even_block", () -> DropBlock2d.dropBlock2d(x, 0.5, 2));
    }

    // ---- MLP and the conv-norm-activation blocks --------------------------------------------------

    @Test
    void mlpAndConvNormActivationMatchTorchvision() {
        Map<String, Object> s = section("mlp");
        Torch.manualSeed(1);
        MLP a = new MLP(4, new long[] {8, 3}, LayerNorm::new, inplace -> new org.torch4j.nn.ReLU(), false, true, 0.0);
        MLP b = new MLP(4, new long[] {5, 6, 2}, BatchNorm1d::new, inplace -> new GELU(), null, false, 0.2);
        Conv3dNormActivation c = new Conv3dNormActivation(2, 4, new long[] {3}, new long[] {1, 2, 2}, null, 1, org.torch4j.nn.BatchNorm3d::new,
                inplace -> new org.torch4j.nn.ReLU(), new long[] {1}, false, null);
        Conv3dNormActivation d = new Conv3dNormActivation(2, 3, new long[] {1, 3, 3}, new long[] {1}, null, 1, null, inplace -> new SiLU(),
                new long[] {1}, null, null);
        Conv2dNormActivation e = new Conv2dNormActivation(3, 4, new long[] {3}, new long[] {2}, null, 1, org.torch4j.nn.BatchNorm2d::new,
                inplace -> new org.torch4j.nn.ReLU(), new long[] {2}, false, null);
        Map<String, Module> modules = Map.of("mlpA", a, "mlpB", b, "conv3d", c, "conv3dPlain", d, "conv2d", e);
        Tensor xa = tensor(map(s.get("mlpA")).get("input")), x3 = tensor(map(s.get("conv3d")).get("input"));
        Tensor x2 = tensor(map(s.get("conv2d")).get("input"));
        for (Map.Entry<String, Module> m : modules.entrySet()) {
            Map<String, Object> ref = map(s.get(m.getKey()));
            assertState(ref.get("state"), m.getValue(), m.getKey());
            assertEquals(ref.get("repr"), m.getValue().toString(), m.getKey() + " repr");
            m.getValue().eval();
            Tensor in = m.getKey().startsWith("mlp") ? xa : m.getKey().startsWith("conv3d") ? x3 : x2;
            close(ref.get("output"), m.getValue().call(in), m.getKey() + " output");
        }
        assertEquals(4, c.outChannels);
        assertTrue(new org.torch4j.vision.models.Conv2dNormActivation(3, 4, 3, 1, 1, new org.torch4j.nn.ReLU()) instanceof Conv2dNormActivation);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Same keys in the same order, and the same values (seeded parameters equal bit for bit up to float32 printing). */
    private static void assertState(Object expected, Module module, String what) {
        Map<String, Object> ref = map(expected);
        Map<String, Tensor> state = module.stateDict();
        assertEquals(List.copyOf(ref.keySet()), List.copyOf(state.keySet()), what + " keys");
        for (Map.Entry<String, Object> e : ref.entrySet()) close(e.getValue(), state.get(e.getKey()), what + " " + e.getKey());
    }

    private static void assertMessage(String key, Executable call) {
        Map<String, Object> ref = map(section("errors").get(key));
        RuntimeException e = assertThrows(RuntimeException.class, call, key);
        assertEquals(ref.get("message"), e.getMessage(), key);
    }
}
