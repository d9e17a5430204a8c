package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torch4j.conformance.QuantCases.integer;
import static org.torch4j.conformance.QuantCases.list;
import static org.torch4j.conformance.QuantCases.message;
import static org.torch4j.conformance.QuantCases.num;
import static org.torch4j.conformance.QuantCases.objects;
import static org.torch4j.conformance.QuantCases.qdtype;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.quantization.QDType;
import org.torch4j.quantization.QScheme;
import org.torch4j.quantization.Quantization;
import org.torch4j.quantization.QuantizedTensor;

/**
 * Quantized tensors and fake quantization against PyTorch 1.13 ({@code quant.json}): integer values and
 * dequantized values bit for bit (including the .5 ties of {@code x * (1 / scale)} and their float neighbours),
 * prints, fake quantization's values and straight-through gradients bit for bit, and PyTorch's messages.
 */
class QuantTensorTest {

    private static long[] ints(Object o) {
        return objects(o).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    private static double[] doubles(Object o) {
        return objects(o).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    @Test
    void quantizePerTensorRoundsHalfToEvenAsPyTorch() {
        for (Map<String, Object> c : list("quantize")) {
            String ctx = "quantize scale=" + c.get("scale") + " zp=" + c.get("zero_point") + " " + c.get("dtype");
            QuantizedTensor q = Quantization.quantizePerTensor(Reference.tensor(c.get("x")), num(c, "scale"), integer(c, "zero_point"),
                    qdtype((String) c.get("dtype")));
            Reference.assertTensor(c.get("int_repr"), q.intRepr(), ctx + " int_repr");
            Reference.assertTensor(c.get("dequantize"), q.dequantize(), 0, 0, ctx + " dequantize");
            assertEquals(num(c, "scale"), q.qScale());
            assertEquals(integer(c, "zero_point"), q.qZeroPoint());
            assertEquals(QScheme.PER_TENSOR_AFFINE, q.qscheme());
        }
    }

    @Test
    void quantizePerChannel() {
        for (Map<String, Object> c : list("per_channel")) {
            String ctx = "per_channel axis=" + c.get("axis") + " " + c.get("dtype");
            double[] scales = doubles(c.get("scales"));
            long[] zps = ints(c.get("zero_points"));
            QuantizedTensor q = Quantization.quantizePerChannel(Reference.tensor(c.get("x")), Torch.tensor(scales, scales.length),
                    Torch.tensor(zps, zps.length), (int) integer(c, "axis"), qdtype((String) c.get("dtype")));
            Reference.assertTensor(c.get("int_repr"), q.intRepr(), ctx + " int_repr");
            Reference.assertTensor(c.get("dequantize"), q.dequantize(), 0, 0, ctx + " dequantize");
            assertEquals(c.get("repr"), q.toString(), ctx + " repr");
            assertEquals(DType.FLOAT64, q.qPerChannelScales().dtype());
            assertEquals(integer(c, "axis"), q.qPerChannelAxis());
        }
    }

    @Test
    void printsAsPyTorch() {
        Map<String, Object> r = QuantCases.map(QuantCases.reference().get("reprs"));
        Tensor x = Torch.tensor(new float[] {0.5f, -1.25f, 3.0f, 100.0f, 0.0125f}, 5);
        assertEquals(r.get("per_tensor_1d"), Quantization.quantizePerTensor(x, 0.1, 10, QDType.QUINT8).toString());
        assertEquals(r.get("per_tensor_qint32"), Quantization.quantizePerTensor(x, 1e-05, 0, QDType.QINT32).toString());
        Tensor m = Torch.arange(12).to(DType.FLOAT32).reshape(3, 4).div(7L);
        assertEquals(r.get("per_tensor_2d"), Quantization.quantizePerTensor(m, 0.05, -3, QDType.QINT8).toString());
        Tensor l = Torch.arange(30).to(DType.FLOAT32).div(3L);
        assertEquals(r.get("long"), Quantization.quantizePerTensor(l, 0.25, 0, QDType.QUINT8).toString());
    }

    @Test
    void fakeQuantizePerTensorValuesAndStraightThroughGradients() {
        for (Map<String, Object> c : list("fake")) {
            String ctx = "fake scale=" + c.get("scale") + " range=[" + c.get("quant_min") + ", " + c.get("quant_max") + "]";
            Tensor w = Reference.tensor(c.get("w"));
            for (int variant = 0; variant < 2; variant++) {
                Tensor x = Reference.tensor(c.get("x")).requiresGrad_();
                Tensor y = variant == 0
                        ? Quantization.fakeQuantizePerTensorAffine(x, num(c, "scale"), integer(c, "zero_point"), integer(c, "quant_min"),
                                integer(c, "quant_max"))
                        : Quantization.fakeQuantizePerTensorAffine(x, Torch.tensor(new float[] {(float) num(c, "scale")}, 1),
                                Torch.tensor(new int[] {(int) integer(c, "zero_point")}, 1), integer(c, "quant_min"), integer(c, "quant_max"));
                y.mul(w).sum().backward();
                Reference.assertTensor(c.get("out"), y, 0, 0, ctx + " out");
                Reference.assertTensor(c.get("grad"), x.grad(), 0, 0, ctx + " grad");
            }
        }
    }

    @Test
    void fakeQuantizePerChannel() {
        for (Map<String, Object> c : list("fake_channel")) {
            String ctx = "fake_channel axis=" + c.get("axis") + " zero points " + c.get("zero_points");
            double[] s = doubles(c.get("scales"));
            double[] z = doubles(c.get("zero_points"));
            DType zd = c.containsKey("float_zero_points") ? DType.FLOAT32 : DType.INT32;
            Tensor x = Reference.tensor(c.get("x")).requiresGrad_();
            Tensor y = Quantization.fakeQuantizePerChannelAffine(x, Torch.tensor(s, s.length).to(DType.FLOAT32),
                    Torch.tensor(z, z.length).to(zd), (int) integer(c, "axis"), integer(c, "quant_min"), integer(c, "quant_max"));
            y.mul(Reference.tensor(c.get("w"))).sum().backward();
            Reference.assertTensor(c.get("out"), y, 0, 0, ctx + " out");
            Reference.assertTensor(c.get("grad"), x.grad(), 0, 0, ctx + " grad");
        }
    }

    private static void assertMessage(String key, Supplier<Object> f) {
        RuntimeException e = assertThrows(RuntimeException.class, f::get, key);
        assertEquals(message(key), e.getMessage(), key);
    }

    @Test
    void messagesAsPyTorch() {
        Tensor x = Torch.randn(2, 3);
        Tensor s2 = Torch.tensor(new float[] {0.1f, 0.2f}, 2), z2 = Torch.tensor(new int[] {0, 0}, 2);
        Tensor z2l = z2.to(DType.INT64);
        assertMessage("quantize_double", () -> Quantization.quantizePerTensor(x.to(DType.FLOAT64), 0.1, 0, QDType.QUINT8));
        assertMessage("zero_point_above", () -> Quantization.quantizePerTensor(x, 0.1, 300, QDType.QUINT8));
        assertMessage("zero_point_below", () -> Quantization.quantizePerTensor(x, 0.1, -129, QDType.QINT8));
        assertMessage("channel_scales_length", () -> Quantization.quantizePerChannel(x, s2, z2l, 1, QDType.QUINT8));
        assertMessage("channel_axis", () -> Quantization.quantizePerChannel(x, s2, z2l, 2, QDType.QUINT8));
        assertMessage("channel_zero_points_length",
                () -> Quantization.quantizePerChannel(x, s2, Torch.tensor(new long[] {0, 0, 0}, 3), 0, QDType.QUINT8));
        assertMessage("channel_zero_point_above",
                () -> Quantization.quantizePerChannel(x, s2, Torch.tensor(new long[] {0, 300}, 2), 0, QDType.QUINT8));
        assertMessage("per_channel_scales_of_per_tensor", () -> Quantization.quantizePerTensor(x, 0.1, 0, QDType.QUINT8).qPerChannelScales());
        assertMessage("q_scale_of_per_channel", () -> Quantization.quantizePerChannel(x, s2, z2l, 0, QDType.QUINT8).qScale());
        assertMessage("fake_min_max", () -> Quantization.fakeQuantizePerTensorAffine(x, 0.1, 0, 10, 5));
        assertMessage("fake_zero_point", () -> Quantization.fakeQuantizePerTensorAffine(x, 0.1, 20, 0, 5));
        assertMessage("fake_long", () -> Quantization.fakeQuantizePerTensorAffine(x.to(DType.INT64), 0.1, 0, 0, 5));
        assertMessage("fake_channel_min_max", () -> Quantization.fakeQuantizePerChannelAffine(x, s2, z2, 0, 10, 5));
        assertMessage("fake_channel_zero_point",
                () -> Quantization.fakeQuantizePerChannelAffine(x, s2, Torch.tensor(new int[] {0, 300}, 2), 0, 0, 255));
        assertMessage("fake_channel_axis", () -> Quantization.fakeQuantizePerChannelAffine(x, s2, z2, 3, 0, 255));
        assertMessage("fake_channel_length", () -> Quantization.fakeQuantizePerChannelAffine(x, s2, z2, 1, 0, 255));
        assertMessage("fake_channel_zero_point_dtype", () -> Quantization.fakeQuantizePerChannelAffine(x, s2, z2l, 0, 0, 255));
    }
}
