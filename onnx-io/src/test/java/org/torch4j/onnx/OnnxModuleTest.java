package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Parameter;
import org.torch4j.onnx.proto.OnnxProto.FunctionProto;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.torch4j.optim.SGD;

/** OnnxModule as a torch4j module: names, forward, dynamic shapes, fine-tuning. */
class OnnxModuleTest {

    static final float[] W = {1, -1, 0.5f, 2, 0, 1};   // [3, 2]
    static final float[] B = {0.5f, -0.25f, 0};

    static OnnxModule linear() throws Exception {
        return Onnx.load(Models.linearRelu(W, B, 2, 3).toByteArray());
    }

    @Test
    void initializersBecomeParametersUnderValidNames() throws Exception {
        OnnxModule m = linear();
        assertEquals(List.of("fc_weight", "fc_bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(Map.of("fc_weight", "fc.weight", "fc_bias", "fc.bias"), m.onnxNames());
        assertEquals(List.of("x"), m.inputNames());
        assertEquals(List.of("y"), m.outputNames());
        assertEquals(17L, m.opsets().get(""));
        assertTrue(m.namedParameters().get("fc_weight").requiresGrad());
    }

    @Test
    void forwardRunsTheGraphForAnyBatchSize() throws Exception {
        OnnxModule m = linear();
        Tensor y = m.forward(Torch.tensor(new float[] {1, 2}, 1, 2));
        assertArrayEquals(new float[] {0, 4.25f, 2}, y.toFloatArray(), 1e-6f);  // relu([-0.5, 4.25, 2])
        Tensor y5 = m.forward(Torch.ones(5, 2));
        assertArrayEquals(new long[] {5, 3}, y5.shape());
        Map<String, Tensor> out = m.forward(Map.of("x", Torch.ones(2, 2)));
        assertArrayEquals(new long[] {2, 3}, out.get("y").shape());
    }

    @Test
    void theGraphReadsTheCurrentParameters() throws Exception {
        OnnxModule m = linear();
        m.loadStateDict(Map.of("fc_weight", Torch.zeros(3, 2), "fc_bias", Torch.tensor(new float[] {1, 2, 3}, 3)));
        assertArrayEquals(new float[] {1, 2, 3}, m.forward(Torch.ones(1, 2)).toFloatArray(), 0f);
        assertEquals(m, m.to(org.torch4j.Device.CPU));   // moves parameters, buffers and graph constants
        assertArrayEquals(new float[] {1, 2, 3}, m.forward(Torch.ones(1, 2)).toFloatArray(), 0f);
    }

    @Test
    void fineTuningWithAutogradLowersTheLoss() throws Exception {
        OnnxModule m = linear();
        m.train();
        Tensor x = Torch.tensor(new float[] {1, 2, -1, 0.5f, 0, 1, 2, 2}, 4, 2);
        Tensor target = Torch.ones(4, 3);
        SGD opt = new SGD(m.parameters(), 0.05);
        double first = 0, last = 0;
        for (int step = 0; step < 50; step++) {
            Tensor loss = m.forward(x).sub(target).square().mean();
            if (step == 0) first = loss.item();
            last = loss.item();
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        Parameter w = m.namedParameters().get("fc_weight");
        assertNotNull(w.grad());
        assertTrue(last < first / 2, "loss went from " + first + " to " + last);
    }

    @Test
    @SuppressWarnings("try")
    void inferenceFreesIntermediateValuesAfterTheirLastUse() throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"));
        String prev = "x";
        for (int i = 0; i < 20; i++) {
            String next = i == 19 ? "y" : "h" + i;
            g.addNode(Models.node(i % 2 == 0 ? "Neg" : "Identity", List.of(prev), List.of(next)).toBuilder().setName("n" + i).build());
            prev = next;
        }
        OnnxModule m = Onnx.load(Models.model(g).toByteArray());
        Tensor x = Torch.ones(4).keep();
        try (var scope = Torch.scope(); var noGrad = Torch.noGrad()) {
            Tensor y = m.forward(x);
            assertArrayEquals(new float[] {1, 1, 1, 1}, y.toFloatArray(), 0f);
            assertTrue(scope.size() <= 2, scope.size() + " tensors still open");
        }
        try (var scope = Torch.scope()) {   // with autograd on, nothing is freed early (backward may need it)
            m.forward(x.clone().requiresGrad_());
            assertTrue(scope.size() >= 10, scope.size() + " tensors open");
        }
    }

    @Test
    void inputsAreChecked() throws Exception {
        OnnxModule m = linear();
        OnnxException unknown = assertThrows(OnnxException.class, () -> m.forward(Map.of("z", Torch.ones(1, 2))));
        assertTrue(unknown.getMessage().contains("no input 'z'"), unknown.getMessage());
        OnnxException missing = assertThrows(OnnxException.class, () -> m.forward(Map.of()));
        assertTrue(missing.getMessage().contains("input 'x: float32[N, 2]' is missing"), missing.getMessage());
    }

    @Test
    void shapesAreReadAtRunTime() throws Exception {
        // y = Reshape(x, Concat(Shape(x)[0:1], [-1])): flattens whatever comes in
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(Models.value("x"))
                .addOutput(Models.value("y"))
                .addInitializer(Models.longs("minus_one", new long[] {-1}, 1))
                .addNode(Models.node("Shape", List.of("x"), List.of("s"), Models.attr("end", 1)))
                .addNode(Models.node("Concat", List.of("s", "minus_one"), List.of("shape"), Models.attr("axis", 0)))
                .addNode(Models.node("Reshape", List.of("x", "shape"), List.of("y")));
        OnnxModule m = Onnx.load(Models.model(g).toByteArray());
        assertArrayEquals(new long[] {2, 12}, m.forward(Torch.ones(2, 3, 4)).shape());
        assertArrayEquals(new long[] {7, 10}, m.forward(Torch.ones(7, 5, 2)).shape());
        assertTrue(m.namedParameters().isEmpty(), "int64 initializers are buffers");
        assertEquals(1, m.namedBuffers().size());
    }

    @Test
    void modelLocalFunctionsAreCalledLikeOperators() throws Exception {
        FunctionProto f = FunctionProto.newBuilder().setName("Double").setDomain("my.domain")
                .addInput("a").addOutput("b")
                .addNode(Models.node("Add", List.of("a", "a"), List.of("b")))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(Models.value("x")).addOutput(Models.value("y"))
                .addNode(Models.node("Double", List.of("x"), List.of("y")).toBuilder().setDomain("my.domain").build());
        ModelProto model = Models.model(g).toBuilder().addFunctions(f)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("my.domain").setVersion(1)).build();
        OnnxModule m = Onnx.load(model.toByteArray());
        assertArrayEquals(new float[] {2, 4}, m.forward(Torch.tensor(new float[] {1, 2}, 2)).toFloatArray(), 0f);
    }
}
