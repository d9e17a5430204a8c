package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Parameter;

/**
 * The importer's inference rewrites (ReLU and Add in place, BatchNormalization folded into the Conv
 * before it) give what the graph as written gives, never overwrite a value something else still reads,
 * follow parameters changed between runs, and leave training (gradients recorded) untouched.
 */
class InferenceRewritesTest {

    private static float[] random(int n, int seed) {
        Torch.manualSeed(seed);
        return Torch.randn(n).toFloatArray();
    }

    /** conv(x) -> relu -> r; conv(r) + r -> relu -> y, also a = the first conv's output, as a second graph output. */
    private static OnnxModule residual(boolean exposeA) throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(Models.value("x", -1, 3, 6, 7))
                .addOutput(Models.value("y"))
                .addInitializer(Models.floats("w1", random(3 * 3 * 9, 1), 3, 3, 3, 3))
                .addInitializer(Models.floats("b1", random(3, 2), 3))
                .addInitializer(Models.floats("w2", random(3 * 3 * 9, 3), 3, 3, 3, 3))
                .addNode(Models.node("Conv", List.of("x", "w1", "b1"), List.of("a"), Models.ints("pads", 1, 1, 1, 1)))
                .addNode(Models.node("Relu", List.of("a"), List.of("r")))
                .addNode(Models.node("Conv", List.of("r", "w2"), List.of("c"), Models.ints("pads", 1, 1, 1, 1)))
                .addNode(Models.node("Add", List.of("c", "r"), List.of("s")))
                .addNode(Models.node("Relu", List.of("s"), List.of("y")));
        if (exposeA) g.addOutput(Models.value("a"));
        return Onnx.load(Models.model(g).toByteArray());
    }

    @Test
    void inPlaceReluAndAddGiveTheSameBitsAndSpareInputsAndOutputs() throws Exception {
        Tensor x = Torch.randn(2, 3, 6, 7);
        float[] before = x.toFloatArray();
        for (boolean exposeA : new boolean[] {false, true}) {
            OnnxModule m = residual(exposeA);
            Map<String, Tensor> written = m.forward(Map.of("x", x)); // gradients recorded: no rewrite
            Map<String, Tensor> rewritten;
            try (var noGrad = Torch.noGrad()) {
                rewritten = m.forward(Map.of("x", x));
            }
            assertArrayEquals(written.get("y").detach().toFloatArray(), rewritten.get("y").toFloatArray(), "y");
            // y is the second Conv's output tensor, added to and rectified in place (each bumps its version)
            assertEquals(0, written.get("y").version());
            assertEquals(2, rewritten.get("y").version(), "Add and Relu ran in place");
            if (exposeA) {
                // a is a graph output: the ReLU reading it must not rectify it
                assertArrayEquals(written.get("a").detach().toFloatArray(), rewritten.get("a").toFloatArray(), "a");
                assertTrue(rewritten.get("a").lt(0).any().item() != 0, "a keeps its negative values");
            }
        }
        assertArrayEquals(before, x.toFloatArray(), "the graph input is never overwritten");
    }

    @Test
    void aValueReadTwiceIsNotOverwritten() throws Exception {
        // a -> relu -> r, then a + r: the ReLU must not rectify a, which the Add reads after it
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(Models.value("x", -1, 2, 5, 5))
                .addOutput(Models.value("y"))
                .addInitializer(Models.floats("w", random(2 * 2 * 9, 4), 2, 2, 3, 3))
                .addNode(Models.node("Conv", List.of("x", "w"), List.of("a"), Models.ints("pads", 1, 1, 1, 1)))
                .addNode(Models.node("Relu", List.of("a"), List.of("r")))
                .addNode(Models.node("Add", List.of("a", "r"), List.of("y")));
        OnnxModule m = Onnx.load(Models.model(g).toByteArray());
        Tensor x = Torch.randn(3, 2, 5, 5);
        Tensor want = m.forward(x).detach();
        try (var noGrad = Torch.noGrad()) {
            assertArrayEquals(want.toFloatArray(), m.forward(x).toFloatArray());
        }
    }

    /** x -> Conv(w, b) -> BatchNormalization(gamma, beta, mean, var) -> Relu. */
    private static OnnxModule convBatchNorm() throws Exception {
        float[] var = random(4, 9);
        for (int i = 0; i < var.length; i++) var[i] = 0.5f + var[i] * var[i];
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(Models.value("x", -1, 3, 8, 8))
                .addOutput(Models.value("y"))
                .addInitializer(Models.floats("w", random(4 * 3 * 9, 5), 4, 3, 3, 3))
                .addInitializer(Models.floats("b", random(4, 6), 4))
                .addInitializer(Models.floats("gamma", random(4, 7), 4))
                .addInitializer(Models.floats("beta", random(4, 8), 4))
                .addInitializer(Models.floats("mean", random(4, 10), 4))
                .addInitializer(Models.floats("var", var, 4))
                .addNode(Models.node("Conv", List.of("x", "w", "b"), List.of("c"), Models.ints("strides", 2, 2)))
                .addNode(Models.node("BatchNormalization", List.of("c", "gamma", "beta", "mean", "var"), List.of("n")))
                .addNode(Models.node("Relu", List.of("n"), List.of("y")));
        return Onnx.load(Models.model(g).toByteArray());
    }

    private static void assertClose(Tensor want, Tensor got) {
        float[] a = want.detach().toFloatArray(), b = got.toFloatArray();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5 * (1 + Math.abs(a[i])), "element " + i);
    }

    @Test
    void batchNormFoldedIntoTheConvFollowsItsParameters() throws Exception {
        OnnxModule m = convBatchNorm();
        Tensor x = Torch.randn(2, 3, 8, 8);
        try (var noGrad = Torch.noGrad()) {
            Tensor folded = m.forward(x);
            assertTrue(folded.gt(0).any().item() != 0);
            assertClose(m.forward(x.clone()).clone(), folded); // the cached fold
        }
        assertClose(m.forward(x), noGradForward(m, x));
        // parameters changed in place between runs: the fold is computed again
        Map<String, Parameter> p = m.namedParameters();
        try (var noGrad = Torch.noGrad()) {
            for (String name : p.keySet()) {
                if (name.contains("gamma") || name.equals("w") || name.contains("mean")) p.get(name).mul_(1.5);
            }
        }
        assertClose(m.forward(x), noGradForward(m, x));
    }

    @Test
    void withGradientsTheBatchNormParametersAreTrained() throws Exception {
        OnnxModule m = convBatchNorm();
        m.forward(Torch.randn(2, 3, 8, 8)).sum().backward();
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            assertNotNull(e.getValue().grad(), e.getKey() + " gets a gradient");
        }
    }

    private static Tensor noGradForward(OnnxModule m, Tensor x) {
        try (var noGrad = Torch.noGrad()) {
            return m.forward(x);
        }
    }
}
