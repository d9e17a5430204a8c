package org.torch4j.onnx.importer.ops;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/**
 * Linear (de)quantization and the integer matmul/conv operators, computed exactly in float64 and
 * rounded half to even, then saturated to the 8-bit type.
 */
public final class Quantization {
    private Quantization() {}

    public static void register(OpRegistry.Builder r) {
        r.single("QuantizeLinear", c -> {
            Tensor x = c.in(0), zp = c.opt(2);
            DType to = zp == null ? DType.UINT8 : zp.dtype();
            Tensor scale = perAxis(c, c.in(1), x);
            Tensor q = x.to(DType.FLOAT32).div(scale.to(DType.FLOAT32)).round();
            if (zp != null) q = q.add(perAxis(c, zp, x).to(DType.FLOAT32));
            return saturate(q, to);
        });
        r.single("DequantizeLinear", c -> {
            Tensor x = c.in(0), scale = perAxis(c, c.in(1), x);
            Tensor v = x.to(DType.FLOAT32);
            if (c.has(2)) v = v.sub(perAxis(c, c.in(2), x).to(DType.FLOAT32));
            return v.mul(scale);
        });
        r.op("DynamicQuantizeLinear", c -> {
            Tensor x = c.in(0).to(DType.FLOAT32);
            double min = Math.min(0, x.min().item()), max = Math.max(0, x.max().item());
            float scale = (float) ((max - min) / 255);
            Tensor s = Util.scalar(scale, x);
            double zp = scale == 0 ? 0 : Math.rint(Math.max(0, Math.min(255, (float) (0 - min / scale))));
            Tensor y = saturate(x.div(s).round().add(zp), DType.UINT8);
            return new Object[] {y, s, Util.scalar(zp, x).to(DType.UINT8)};
        });
        r.single("MatMulInteger", c -> {
            Tensor a = rowCentered(c.in(0), c.opt(2)), b = centered(c.in(1), c.opt(3));
            return a.matmul(b).round().to(DType.INT32);
        });
        r.single("QLinearMatMul", c -> {
            Tensor a = rowCentered(c.in(0), c.in(2)), b = centered(c.in(3), c.in(5));
            Tensor multiplier = c.in(1).to(DType.FLOAT64).mul(c.in(4).to(DType.FLOAT64)).div(c.in(6).to(DType.FLOAT64));
            Tensor y = a.matmul(b).mul(multiplier).round().add(c.in(7).to(DType.FLOAT64));
            return saturate(y, c.in(7).dtype());
        });
        r.single("QLinearConv", c -> {
            Tensor x = centered(c.in(0), c.in(2));
            Tensor wzp = c.in(5), w = c.in(3).to(DType.FLOAT64);
            w = w.sub(wzp.numel() > 1 ? Normalization.channel(wzp, w).to(DType.FLOAT64) : wzp.to(DType.FLOAT64));
            Tensor acc = Convolutions.conv(c, x, w, c.has(8) ? c.in(8).to(DType.FLOAT64) : null);
            Tensor ws = c.in(4).to(DType.FLOAT64);
            Tensor multiplier = c.in(1).to(DType.FLOAT64).mul(ws.numel() > 1 ? Normalization.channel(ws, acc) : ws).div(c.in(6).to(DType.FLOAT64));
            return saturate(acc.mul(multiplier).round().add(c.in(7).to(DType.FLOAT64)), c.in(7).dtype());
        });
    }

    /** {@code x - zeroPoint} in float64 (exact for 8- and 32-bit integers). */
    static Tensor centered(Tensor x, Tensor zeroPoint) {
        Tensor v = x.to(DType.FLOAT64);
        return zeroPoint == null ? v : v.sub(zeroPoint.to(DType.FLOAT64));
    }

    /** MatMulInteger's A: a 1-D zero point holds one value per row. */
    private static Tensor rowCentered(Tensor a, Tensor zeroPoint) {
        if (zeroPoint != null && zeroPoint.dim() == 1 && zeroPoint.numel() > 1) return centered(a, zeroPoint.unsqueeze(1));
        return centered(a, zeroPoint);
    }

    /** A scale or zero point: one value, or one per slice along {@code axis} (default 1). */
    private static Tensor perAxis(OpCall c, Tensor v, Tensor x) {
        if (v.dim() == 0 || (v.numel() == 1 && !c.hasAttr("axis"))) return v.reshape(new long[0]);
        long[] shape = Util.fill(x.dim(), 1);
        shape[Util.axis(c.i("axis", 1), x.dim())] = v.numel();
        return v.reshape(shape);
    }

    private static Tensor saturate(Tensor v, DType to) {
        double lo = to == DType.INT8 ? -128 : to == DType.UINT8 ? 0 : to == DType.INT16 ? -32768 : Integer.MIN_VALUE;
        double hi = to == DType.INT8 ? 127 : to == DType.UINT8 ? 255 : to == DType.INT16 ? 32767 : Integer.MAX_VALUE;
        return v.clamp(lo, hi).to(to);
    }
}
