package org.torch4j.quantization;

import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Fake quantization with PyTorch 1.13's CPU arithmetic ({@code fake_quantize_tensor_cachemask_kernel} and its
 * per-channel twin) and its straight-through gradient: the output gradient passes where {@code quant_min <=
 * zero_point + nearbyint(x / scale) <= quant_max} and is zero elsewhere. Inputs: {@code x}; the per-element scales
 * and zero points are fixed Java arrays (one per channel block of {@code inner} elements).
 */
final class FakeQuantizeAffine extends Function {
    private final float[] scales;
    private final double[] zeroPoints;
    private final boolean floatZeroPoints;
    private final long inner;
    private final long quantMin;
    private final long quantMax;
    private final String nodeName;

    FakeQuantizeAffine(String nodeName, float[] scales, double[] zeroPoints, boolean floatZeroPoints, long inner, long quantMin, long quantMax) {
        this.scales = scales;
        this.zeroPoints = zeroPoints;
        this.floatZeroPoints = floatZeroPoints;
        this.inner = inner;
        this.quantMin = quantMin;
        this.quantMax = quantMax;
        this.nodeName = nodeName;
    }

    @Override
    protected String name() {
        return nodeName;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor x = in[0];
        boolean dbl = x.dtype() == DType.FLOAT64;
        double[] v = x.contiguous().toDoubleArray();
        double[] out = new double[v.length];
        boolean[] mask = new boolean[v.length];
        int c = scales.length;
        for (int i = 0; i < v.length; i++) {
            int ch = (int) ((i / inner) % c);
            float sc = scales[ch];
            float inv = 1.0f / sc;
            double zp = zeroPoints[ch];
            long q;
            if (floatZeroPoints) {
                // lrint(zero_point + self * inv_scale), float arithmetic for float inputs
                q = dbl ? (long) Math.rint(zp + v[i] * inv) : (long) Math.rint((float) zp + (float) v[i] * inv);
            } else if (dbl) {
                q = (long) (zp + Math.rint(v[i] * inv));
            } else {
                q = (long) ((float) zp + (float) Math.rint((float) v[i] * inv));  // int64 + float -> float
            }
            double clamped = Math.min(Math.max((double) q, quantMin), quantMax);  // std::fmin/fmax in double
            double r = (clamped - (floatZeroPoints ? (float) zp : zp)) * sc;
            out[i] = dbl ? r : (float) r;
            mask[i] = quantMin <= q && q <= quantMax;
        }
        ctx.saveForBackward(Torch.tensor(mask, x.shape()));
        return new Tensor[] {Torch.tensor(out, x.shape()).to(x.dtype())};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
        Tensor mask = ctx.savedTensors()[0];
        return new Tensor[] {grad[0].mul(mask.to(grad[0].dtype()))};
    }
}
