package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.conformance.QuantCases.map;
import static org.torch4j.conformance.QuantCases.objects;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.quantization.DynamicQuantizedLSTM;
import org.torch4j.quantization.DynamicQuantizedLinear;
import org.torch4j.quantization.FakeQuantize;
import org.torch4j.quantization.QConfigs;
import org.torch4j.quantization.QDType;
import org.torch4j.quantization.QuantizedTensor;
import org.torch4j.quantization.Quantization;

/**
 * Dynamic quantization ({@code quantize_dynamic}) against PyTorch 1.13: the quantized weights bit for bit, the
 * outputs of PyTorch's {@code quantized::linear_dynamic} on the same weights and inputs, the module tree's print,
 * and the README's example.
 */
class QuantDynamicTest {

    @Test
    void dynamicLinearMatchesPyTorch() {
        Map<String, Object> dyn = map(QuantCases.reference().get("dynamic"));
        for (Object o : objects(dyn.get("cases"))) {
            Map<String, Object> c = map(o);
            Tensor w = Reference.tensor(c.get("weight"));
            boolean hasBias = c.get("bias") != null;
            Linear lin = new Linear(w.shape()[1], w.shape()[0], hasBias);
            try (var g = Torch.noGrad()) {
                lin.weight.copy_(w);
                if (hasBias) lin.bias.copy_(Reference.tensor(c.get("bias")));
            }
            Sequential model = new Sequential(lin);
            Module q = Quantization.quantizeDynamic(model);
            String ctx = "dynamic " + lin;
            assertEquals(c.get("repr"), q.toString(), ctx);
            DynamicQuantizedLinear ql = (DynamicQuantizedLinear) q.children().get(0);
            Reference.assertTensor(c.get("weight_int_repr"), ql.weight().intRepr(), ctx + " weight");
            assertEquals(((Number) c.get("weight_scale")).doubleValue(), ql.weight().qScale(), ctx + " weight scale");
            Tensor x = Reference.tensor(c.get("x"));
            // PyTorch (oneDNN) and torch4j agree on the quantized operands and the int32 sums; the float output
            // scaling and bias addition round differently by a few float32 ulps (see docs/quantization.md); without a
            // bias the outputs are equal bit for bit
            Reference.assertTensor(c.get("out"), q.call(x), 1e-6, 1e-6, ctx + " out");
            Reference.assertTensor(c.get("float_out"), model.call(x), ctx + " the float model is unchanged");
        }
        Module nested = new Sequential(new Linear(4, 3), new ReLU(), new Sequential(new Linear(3, 2)));
        assertEquals(dyn.get("nested_repr"), Quantization.quantizeDynamic(nested).toString());
    }

    @Test
    void dynamicLstmMatchesPyTorch() {
        Map<String, Object> dyn = map(QuantCases.reference().get("dynamic"));
        for (Object o : objects(dyn.get("lstm"))) {
            Map<String, Object> c = map(o);
            LSTM lstm = new LSTM(4, 3, ((Number) c.get("layers")).intValue(), (Boolean) c.get("bias"), (Boolean) c.get("batch_first"), 0,
                    (Boolean) c.get("bidirectional"));
            Map<String, Tensor> state = new java.util.LinkedHashMap<>();
            map(c.get("state")).forEach((k, v) -> state.put(k, Reference.tensor(v)));
            lstm.loadStateDict(state);
            Module q = Quantization.quantizeDynamic(new Sequential(lstm));
            String ctx = "dynamic " + lstm;
            assertEquals(c.get("repr"), q.toString(), ctx);
            DynamicQuantizedLSTM ql = (DynamicQuantizedLSTM) q.children().get(0);
            LSTM.Output out = ql.call(Reference.tensor(c.get("x")), new LSTM.State(Reference.tensor(c.get("h0")), Reference.tensor(c.get("c0"))));
            // the integer parts agree; the bias additions and the gates' float32 sigmoid/tanh may differ from PyTorch's
            // in the last bits (the hidden state is requantized at every step, and on these inputs no such difference
            // crosses a rounding boundary)
            Reference.assertTensor(c.get("out"), out.output(), 1e-6, 1e-6, ctx + " output");
            Reference.assertTensor(c.get("h"), out.state().h(), 1e-6, 1e-6, ctx + " h");
            Reference.assertTensor(c.get("c"), out.state().c(), 1e-6, 1e-6, ctx + " c");
        }
        assertThrows(IllegalArgumentException.class, () -> Quantization.quantizeDynamic(new LSTM(4, 3, 1, false, false, 0, false)));
    }

    /** A module whose forward reads a field: quantizeDynamic rewrites a field typed Module, refuses one typed Linear. */
    static final class Head extends Module {
        Module proj = registerModule("proj", new Linear(3, 2));

        @Override
        public Tensor forward(Tensor x) {
            return proj.call(x);
        }
    }

    static final class TypedHead extends Module {
        final Linear proj = registerModule("proj", new Linear(3, 2));

        @Override
        public Tensor forward(Tensor x) {
            return proj.call(x);
        }
    }

    @Test
    void fieldsOfCustomModules() {
        Head head = new Head();
        Head q = (Head) Quantization.quantizeDynamic(head);
        assertNotSame(head, q);
        assertInstanceOf(DynamicQuantizedLinear.class, q.proj);
        assertInstanceOf(Linear.class, head.proj);
        assertEquals(List.of(q.proj), q.children());
        assertThrows(IllegalStateException.class, () -> Quantization.quantizeDynamic(new TypedHead()));
    }

    /** The README's example, as printed there. */
    @Test
    void readmeExample() {
        Tensor x = Torch.tensor(new float[] {0.5f, -1.25f, 3.0f, 0.05f, 0.15f}, 5);
        QuantizedTensor q = Quantization.quantizePerTensor(x, 0.1, 10, QDType.QUINT8);
        Tensor ints = q.intRepr();                          // uint8 [15, 0, 40, 10, 12]: zero point + x * 10 rounded half to even
        Tensor back = q.dequantize();                       // [0.5, -1.0, 3.0, 0.0, 0.2]
        assertArrayEquals(new long[] {15, 0, 40, 10, 12}, ints.toLongArray());
        assertArrayEquals(new float[] {0.5f, -1.0f, 3.0f, 0.0f, 0.2f}, back.toFloatArray());

        FakeQuantize fq = QConfigs.defaultFakeQuant();       // moving-average min/max observer, quint8 reduced to [0, 127]
        Tensor w = x.detach().requiresGrad_();
        Tensor y = fq.call(w);                               // observes, then fake-quantizes with the new scale
        y.sum().backward();                                  // straight-through: gradient 1 inside the range, 0 outside
        assertEquals(fq.scale().item(), (3.0f + 1.25f) / 127f, 1e-7);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, w.grad().toFloatArray());

        Torch.manualSeed(0);
        Module model = new Sequential(new Linear(16, 8), new ReLU(), new Linear(8, 4));
        Module quantized = Quantization.quantizeDynamic(model);   // each Linear -> DynamicQuantizedLinear, qint8 weights
        Tensor in = Torch.randn(2, 16);
        Tensor out = quantized.call(in);                           // int8 products, int32 sums, float output
        assertTrue(out.sub(model.call(in)).abs().max().item() < 0.05);
        assertTrue(quantized.toString().contains("(0): DynamicQuantizedLinear(in_features=16, out_features=8, dtype=torch.qint8, "
                + "qscheme=torch.per_tensor_affine)"));
    }
}
