package org.torch4j.quantization;

import java.util.Set;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * PyTorch's quantization functions: {@code torch.quantize_per_tensor}, {@code torch.quantize_per_channel},
 * {@code torch.fake_quantize_per_tensor_affine}, {@code torch.fake_quantize_per_channel_affine} and
 * {@code torch.ao.quantization.quantize_dynamic}.
 */
public final class Quantization {
    private Quantization() {}

    /**
     * Quantizes a float32 tensor with one scale and zero point ({@code torch.quantize_per_tensor}): {@code q =
     * clamp(zero_point + round(x * (1 / scale)))}, rounding half to even in float32 as PyTorch's CPU kernel.
     *
     * @param x a float32 tensor
     * @param scale the step between quantized values
     * @param zeroPoint the integer that stands for 0.0, within {@code dtype}'s range
     * @param dtype quint8, qint8 or qint32
     * @return the quantized tensor, per-tensor affine
     */
    public static QuantizedTensor quantizePerTensor(Tensor x, double scale, long zeroPoint, QDType dtype) {
        requireFloat(x);
        checkZeroPoint("quantize_tensor_per_tensor_affine", zeroPoint, dtype);
        long[] q = AffineQuantizer.quantize(x.contiguous().toFloatArray(), new double[] {scale}, new long[] {zeroPoint}, 1, dtype);
        return QuantizedTensor.perTensor(q, x.shape(), dtype, scale, zeroPoint);
    }

    /**
     * Quantizes a float32 tensor with a scale and zero point per slice along {@code axis}
     * ({@code torch.quantize_per_channel}).
     *
     * @param x a float32 tensor
     * @param scales one scale per channel (1-d, converted to float64)
     * @param zeroPoints one zero point per channel (1-d, converted to int64)
     * @param axis the channel dim, in {@code [0, x.dim())}
     * @param dtype quint8, qint8 or qint32
     * @return the quantized tensor, per-channel affine
     */
    public static QuantizedTensor quantizePerChannel(Tensor x, Tensor scales, Tensor zeroPoints, int axis, QDType dtype) {
        requireFloat(x);
        if (axis < 0 || axis >= x.dim()) {
            throw new IllegalArgumentException("Channel axis out of range in per channel affine quantization. Got: " + axis
                    + "Expected: [0, " + x.dim() + ")");
        }
        double[] s = scales.to(DType.FLOAT64).contiguous().toDoubleArray();
        long[] z = zeroPoints.to(DType.INT64).contiguous().toLongArray();
        if (s.length != z.length) throw new IllegalArgumentException("number of elements in scales and zero_points must match");
        if (s.length != x.shape()[axis]) throw new IllegalArgumentException("length of scales must equal to channel");
        for (long zp : z) checkZeroPoint("quantize_tensor_per_channel_affine", zp, dtype);
        long[] q = AffineQuantizer.quantize(x.contiguous().toFloatArray(), s, z, inner(x.shape(), axis), dtype);
        return QuantizedTensor.perChannel(q, x.shape(), dtype, s, z, axis);
    }

    /**
     * Fake quantization with one scale and zero point ({@code torch.fake_quantize_per_tensor_affine}): {@code
     * (clamp(zero_point + round(x / scale), quant_min, quant_max) - zero_point) * scale}, in x's floating dtype. Its
     * gradient is the straight-through estimator: the output gradient where the unclamped value lies in
     * {@code [quant_min, quant_max]}, zero elsewhere.
     *
     * @param x a floating tensor
     * @param scale the scale (used as float32, as PyTorch's kernel)
     * @param zeroPoint the zero point, within {@code [quantMin, quantMax]}
     * @param quantMin the smallest quantized value
     * @param quantMax the largest quantized value
     * @return the fake-quantized tensor
     */
    public static Tensor fakeQuantizePerTensorAffine(Tensor x, double scale, long zeroPoint, long quantMin, long quantMax) {
        if (quantMin > quantMax) throw new IllegalArgumentException("`quant_min` should be less than or equal to `quant_max`.");
        if (zeroPoint < quantMin || zeroPoint > quantMax) {
            throw new IllegalArgumentException("`zero_point` must be between `quant_min` and `quant_max`.");
        }
        return perTensor(x, (float) scale, zeroPoint, quantMin, quantMax);
    }

    /**
     * {@link #fakeQuantizePerTensorAffine(Tensor, double, long, long, long)} with the scale and zero point as
     * one-element tensors (PyTorch's tensor-qparams overload, which {@link FakeQuantize} calls; it does not check
     * the zero point's range).
     *
     * @param x a floating tensor
     * @param scale a one-element floating tensor
     * @param zeroPoint a one-element integer tensor
     * @param quantMin the smallest quantized value
     * @param quantMax the largest quantized value
     * @return the fake-quantized tensor
     */
    public static Tensor fakeQuantizePerTensorAffine(Tensor x, Tensor scale, Tensor zeroPoint, long quantMin, long quantMax) {
        return perTensor(x, (float) scale.item(), zeroPoint.itemLong(), quantMin, quantMax);
    }

    private static Tensor perTensor(Tensor x, float scale, long zeroPoint, long quantMin, long quantMax) {
        requireFloating(x);
        return new FakeQuantizeAffine("FakeQuantizePerTensorAffineCachemaskBackward", new float[] {scale},
                new double[] {zeroPoint}, false, 1, quantMin, quantMax).apply(x)[0];
    }

    /**
     * Fake quantization with a scale and zero point per slice along {@code axis}
     * ({@code torch.fake_quantize_per_channel_affine}), with the straight-through gradient of
     * {@link #fakeQuantizePerTensorAffine(Tensor, double, long, long, long)}.
     *
     * @param x a floating tensor
     * @param scale 1-d scales, one per channel (used as float32)
     * @param zeroPoint 1-d zero points: int32, or float32 for float zero points
     * @param axis the channel dim
     * @param quantMin the smallest quantized value
     * @param quantMax the largest quantized value
     * @return the fake-quantized tensor
     */
    public static Tensor fakeQuantizePerChannelAffine(Tensor x, Tensor scale, Tensor zeroPoint, int axis, long quantMin, long quantMax) {
        DType zd = zeroPoint.dtype();
        if (zd != DType.INT32 && zd != DType.FLOAT32 && zd != DType.FLOAT16) {
            throw new IllegalArgumentException("Zero-point must be Int32, Float or Half, found " + Internals.get().cppName(zd));
        }
        if (scale.dim() != 1) throw new IllegalArgumentException("scale should be a 1-D tensor");
        if (zeroPoint.dim() != 1) throw new IllegalArgumentException("zero point should be a 1-D tensor");
        if (scale.numel() != zeroPoint.numel()) throw new IllegalArgumentException("scale and zero-point need to have the same dimensions");
        int ax = Internals.get().wrapDim(axis, x.dim());
        if (scale.numel() != x.shape()[ax]) {
            throw new IllegalArgumentException("dimensions of scale and zero-point are not consistent with input tensor");
        }
        if (quantMin > quantMax) throw new IllegalArgumentException("`quant_min` should be less than or equal to `quant_max`.");
        double[] z = zeroPoint.to(DType.FLOAT64).contiguous().toDoubleArray();
        boolean floatZeroPoints = zeroPoint.isFloatingPoint();
        if (!floatZeroPoints) {
            for (double v : z) {
                if (v < quantMin || v > quantMax) throw new IllegalArgumentException("`zero_point` must be between `quant_min` and `quant_max`.");
            }
        }
        if (axis < 0 || axis > x.dim()) {
            throw new IllegalArgumentException("`axis` must be between 0 and number of dimensions of input");
        }
        requireFloating(x);
        float[] s = scale.to(DType.FLOAT32).contiguous().toFloatArray();
        return new FakeQuantizeAffine("FakeQuantizePerChannelAffineCachemaskBackward", s, z, floatZeroPoints,
                inner(x.shape(), ax), quantMin, quantMax).apply(x)[0];
    }

    /**
     * Dynamic quantization of every {@link Linear} and {@link LSTM} ({@code torch.ao.quantization.quantize_dynamic(model)}
     * with its default qconfig): a copy of {@code model} whose {@code Linear} layers are {@link DynamicQuantizedLinear}s
     * and whose {@code LSTM}s are {@link DynamicQuantizedLSTM}s. (PyTorch's default also covers GRU and the RNN cells,
     * which stay in float here.)
     *
     * @param model the float model (left unchanged)
     * @return the quantized copy
     */
    public static Module quantizeDynamic(Module model) {
        return quantizeDynamic(model, Set.of(Linear.class, LSTM.class));
    }

    /**
     * Dynamic quantization of the layers of exactly the given classes ({@code quantize_dynamic(model,
     * qconfig_spec={nn.Linear})}); {@link Linear} (and its subclasses) and {@link LSTM} can be quantized dynamically here.
     *
     * @param model the float model (left unchanged)
     * @param classes the module classes to replace
     * @return the quantized copy
     * @throws IllegalArgumentException for a class other than Linear, its subclasses and LSTM, and for an LSTM without bias
     * @throws IllegalStateException when a module holds a layer to replace in a field typed {@code Linear}, where its
     *     quantized replacement cannot go
     */
    public static Module quantizeDynamic(Module model, Set<Class<? extends Module>> classes) {
        for (Class<? extends Module> c : classes) {
            if (!Linear.class.isAssignableFrom(c) && c != LSTM.class) {
                throw new IllegalArgumentException("quantizeDynamic: no dynamic quantized module for " + c.getSimpleName());
            }
        }
        Module copy = Module.deepCopy(model);
        return ModuleSwap.swap(copy, m -> !classes.contains(m.getClass()) ? null
                : m instanceof LSTM lstm ? DynamicQuantizedLSTM.fromFloat(lstm) : DynamicQuantizedLinear.fromFloat((Linear) m));
    }

    /** The product of the dims after {@code axis}. */
    static long inner(long[] shape, int axis) {
        long n = 1;
        for (int d = axis + 1; d < shape.length; d++) n *= shape[d];
        return n;
    }

    private static void requireFloat(Tensor x) {
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("Quantize only works on Float Tensor, got " + Internals.get().cppName(x.dtype()));
        }
    }

    private static void requireFloating(Tensor x) {
        if (x.dtype() != DType.FLOAT32 && x.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("\"fake_quantize_tensor_cachemask_kernel_type_handling\" not implemented for '"
                    + Internals.get().cppName(x.dtype()) + "'");
        }
    }

    private static void checkZeroPoint(String fn, long zeroPoint, QDType dtype) {
        if (zeroPoint > dtype.max()) throw new IllegalArgumentException(fn + " zero_point " + zeroPoint + " is above upper bound.");
        if (zeroPoint < dtype.min()) throw new IllegalArgumentException(fn + " zero_point " + zeroPoint + " is below lower bound.");
    }
}
