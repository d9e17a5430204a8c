package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;
import org.torch4j.quantization.QDType;
import org.torch4j.quantization.QScheme;
import org.torch4j.quantization.QuantizedTensor;

/**
 * Statically quantized models in the QDQ form of PyTorch 1.13's exporter ({@code symbolic_opset10/13.py}): each
 * quantized op dequantizes its inputs (DequantizeLinear at each use), runs the float op (Conv, Gemm, Add, Relu, ...)
 * and quantizes its output (QuantizeLinear) to the op's scale and zero point. Weights are int8 initializers with
 * their scales and zero points ({@code axis} for per-channel weights); biases are quantized to int32 with scale
 * {@code x_scale * w_scale} and truncated, as {@code requantize_bias_helper}'s {@code Cast(Div(b, scale))} does.
 * Dynamically quantized modules are refused, as PyTorch 1.13 refuses them.
 */
public final class QuantizedSymbolics {
    private QuantizedSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::quantize_per_tensor", (c, g) -> quantize(c, g, g.value(c.tensor(0), DType.FLOAT32), c.dbl(1), c.lng(2),
                (QDType) c.args()[3]));
        t.put("aten::dequantize", (c, g) -> g.result(c, g.value(c.tensor(0))));
        t.put("quantized::linear", (c, g) -> weighted(c, g, false, false));
        t.put("quantized::linear_relu", (c, g) -> weighted(c, g, false, true));
        t.put("quantized::conv2d", (c, g) -> weighted(c, g, true, false));
        t.put("quantized::conv2d_relu", (c, g) -> weighted(c, g, true, true));
        t.put("quantized::add", (c, g) -> quantize(c, g, g.node("Add", List.of(g.value(c.tensor(0)), g.value(c.tensor(1)))),
                c.dbl(2), c.lng(3), QDType.QUINT8));
        t.put("quantized::linear_dynamic", (c, g) -> {
            throw dynamic(c, g, (Module) c.args()[1]);
        });
        t.put("aten::quantized_lstm", (c, g) -> {
            throw dynamic(c, g, (Module) c.args()[3]);
        });
    }

    /** QuantizeLinear of the float value {@code x}, bound as the op's quantized result. */
    private static void quantize(Call c, GraphBuilder g, String x, double scale, long zeroPoint, QDType dtype) {
        if (dtype == QDType.QINT32) throw c.refuse("ONNX QuantizeLinear has no int32 output (quint8 and qint8 only)");
        String s = g.scalar(scale, DType.FLOAT32), z = g.scalar(zeroPoint, dtype.storage());
        g.resultQuantized(c, g.node("QuantizeLinear", List.of(x, s, z)), s, z);
    }

    /**
     * quantized::linear / conv2d (with or without ReLU): arguments {@code (x, weight, bias, [stride, padding, dilation,
     * groups,] scale, zero_point)}.
     */
    private static void weighted(Call c, GraphBuilder g, boolean conv, boolean relu) {
        Tensor x = c.tensor(0);
        QuantizedTensor w = (QuantizedTensor) c.args()[1];
        String xf = g.value(x);
        float xScale = (float) QuantizedTensor.of(x).qScale();
        int out = (int) w.shape()[0];
        boolean perChannel = w.qscheme() == QScheme.PER_CHANNEL_AFFINE;
        double[] scales = perChannel ? w.qPerChannelScales().toDoubleArray() : new double[] {w.qScale()};
        long[] wZeroPoints = perChannel ? w.qPerChannelZeroPoints().toLongArray() : new long[] {w.qZeroPoint()};
        float[] wScales = new float[scales.length];
        for (int i = 0; i < scales.length; i++) wScales[i] = (float) scales[i];
        String wf = dequantize(g, g.constant(w.intRepr()), wScales, Torch.tensor(wZeroPoints, wZeroPoints.length).to(DType.INT8),
                perChannel ? w.qPerChannelAxis() : -1);
        // the bias in int32 at scale x_scale * w_scale (float32), truncated as Cast(Div(bias, scale), int32); no bias
        // is PyTorch's zeros (its packed weights hold a zero bias)
        float[] bias = c.tensor(2) == null ? new float[out] : c.tensor(2).toFloatArray();
        float[] bScales = new float[wScales.length];
        int[] qBias = new int[out];
        for (int i = 0; i < out; i++) {
            float s = wScales[perChannel ? i : 0] * xScale;
            bScales[perChannel ? i : 0] = s;
            qBias[i] = (int) (bias[i] / s);
        }
        String bf = dequantize(g, g.constant(Torch.tensor(qBias, out)), bScales, Torch.tensor(new int[bScales.length], bScales.length),
                perChannel ? 0 : -1);
        String r;
        if (conv) {
            long[] pad = c.longs(4);
            r = g.node("Conv", List.of(xf, wf, bf), attr("strides", c.longs(3)), attr("pads", new long[] {pad[0], pad[1], pad[0], pad[1]}),
                    attr("dilations", c.longs(5)), attr("group", c.lng(6)), attr("kernel_shape", new long[] {w.shape()[2], w.shape()[3]}));
        } else {
            r = LinearSymbolics.linear(g, x.dim(), xf, wf, bf);
        }
        if (relu) r = g.node("Relu", List.of(r));
        int k = conv ? 7 : 3;
        quantize(c, g, r, c.dbl(k), c.lng(k + 1), QDType.QUINT8);
    }

    /**
     * DequantizeLinear of the integer constant {@code q} with float32 scales and the zero points {@code zeroPoints}
     * (one of each per tensor, a 0-d scale and zero point; or one per channel along {@code axis} when it is not -1).
     */
    private static String dequantize(GraphBuilder g, String q, float[] scales, Tensor zeroPoints, int axis) {
        String s = axis < 0 ? g.scalar(scales[0], DType.FLOAT32) : g.constant(Torch.tensor(scales, scales.length));
        String z = g.constant(axis < 0 ? zeroPoints.reshape() : zeroPoints);
        return g.node("DequantizeLinear", List.of(q, s, z), axis < 0 ? null : attr("axis", axis));
    }

    /** The refusal of a dynamically quantized module: PyTorch 1.13 has no ONNX form for them. */
    private static OnnxException dynamic(Call c, GraphBuilder g, Module m) {
        return new OnnxException("Exporting the operator '" + c.op() + "' to ONNX opset version " + g.opset() + " is not supported: "
                + "the dynamically quantized module " + m + " has no ONNX export (as in PyTorch 1.13); export the float model, "
                + "or one quantized statically (StaticQuantization)");
    }
}
