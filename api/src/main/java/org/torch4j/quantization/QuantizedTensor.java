package org.torch4j.quantization;

import org.torch4j.internal.PyFormat;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A quantized tensor (PyTorch's tensors of dtype {@code torch.quint8}, {@code qint8}, {@code qint32}): integer
 * values {@code q} standing for {@code (q - zero_point) * scale}, with one scale and zero point for the tensor
 * ({@code torch.per_tensor_affine}) or one per channel along an axis ({@code torch.per_channel_affine}). Made by
 * {@link Quantization#quantizePerTensor} and {@link Quantization#quantizePerChannel}; immutable.
 */
public final class QuantizedTensor {
    private final Tensor intRepr;
    private final QDType dtype;
    private final QScheme qscheme;
    private final double scale;
    private final long zeroPoint;
    private final double[] scales;
    private final long[] zeroPoints;
    private final int axis;

    private QuantizedTensor(Tensor intRepr, QDType dtype, QScheme qscheme, double scale, long zeroPoint, double[] scales,
                            long[] zeroPoints, int axis) {
        this.intRepr = intRepr;
        this.dtype = dtype;
        this.qscheme = qscheme;
        this.scale = scale;
        this.zeroPoint = zeroPoint;
        this.scales = scales;
        this.zeroPoints = zeroPoints;
        this.axis = axis;
    }

    /** A per-tensor quantized tensor over integer values already in {@code dtype}'s range (not checked). */
    static QuantizedTensor perTensor(long[] q, long[] shape, QDType dtype, double scale, long zeroPoint) {
        return new QuantizedTensor(Torch.tensor(q, shape).to(dtype.storage()), dtype, QScheme.PER_TENSOR_AFFINE, scale, zeroPoint,
                null, null, -1);
    }

    /** A per-tensor quint8 or qint8 tensor over byte values already in {@code dtype}'s range (taken as they are, not copied later). */
    static QuantizedTensor perTensor(byte[] q, long[] shape, QDType dtype, double scale, long zeroPoint) {
        Tensor t = q.length == 0 ? Torch.zeros(shape, dtype.storage()) : Torch.frombuffer(q, dtype.storage()).reshape(shape);
        return new QuantizedTensor(t, dtype, QScheme.PER_TENSOR_AFFINE, scale, zeroPoint, null, null, -1);
    }

    /** A per-channel quantized tensor over integer values already in {@code dtype}'s range (not checked). */
    static QuantizedTensor perChannel(long[] q, long[] shape, QDType dtype, double[] scales, long[] zeroPoints, int axis) {
        return new QuantizedTensor(Torch.tensor(q, shape).to(dtype.storage()), dtype, QScheme.PER_CHANNEL_AFFINE, 0, 0,
                scales.clone(), zeroPoints.clone(), axis);
    }

    /** The carriers handed out by {@link #carrier()}, weakly keyed by identity (Tensor keeps Object's equals). */
    private static final java.util.Map<Tensor, QuantizedTensor> CARRIED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * The float32 tensor that stands for this quantized tensor between the modules of a converted model (a Java
     * module's {@code forward} takes and returns {@code Tensor}s): its values are {@link #dequantize()}'s, and the
     * quantized modules ({@link QuantizedLinear}, {@link QuantizedConv2d}, {@link QFunctional}, {@link DeQuantize})
     * find this quantized tensor from it with {@link #of(Tensor)}.
     *
     * @return a new float tensor carrying this quantized tensor
     */
    public Tensor carrier() {
        return carrier(null);
    }

    /** {@link #carrier()} over this tensor's values already dequantized as {@link #dequantize()} does (or null: computed). */
    Tensor carrier(float[] dequantized) {
        Tensor t = dequantized == null ? dequantize() : Torch.tensor(dequantized, shape());
        CARRIED.put(t, this);
        return t;
    }

    /** The float32 values {@code q - zero_point} of a per-tensor quantized tensor, in its shape: integers, exact. */
    Tensor centred() {
        requirePerTensor();
        Tensor c = intRepr.contiguous();
        if (dtype == QDType.QINT32 || !(org.torch4j.internal.Internals.get().storage(c) instanceof org.torch4j.spi.HostStorage h)) {
            return c.to(DType.FLOAT32).sub((double) zeroPoint);
        }
        byte[] q = h.bytes();
        int off = (int) c.storageOffset(), n = (int) c.numel(), zp = (int) zeroPoint;
        float[] f = new float[n];
        if (dtype == QDType.QUINT8) {
            for (int i = 0; i < n; i++) f[i] = (q[off + i] & 0xFF) - zp;
        } else {
            for (int i = 0; i < n; i++) f[i] = q[off + i] - zp;
        }
        return Torch.tensor(f, shape());
    }

    /**
     * The quantized tensor a {@link #carrier()} stands for (what a converted model passes between its modules).
     *
     * @param carrier a tensor returned by {@link #carrier()}
     * @return its quantized tensor
     * @throws IllegalArgumentException for any other tensor, with PyTorch's message for a float input to a quantized op
     */
    public static QuantizedTensor of(Tensor carrier) {
        return of(carrier, "aten::int_repr");
    }

    /** {@link #of(Tensor)}, naming {@code op} in the message. */
    static QuantizedTensor of(Tensor carrier, String op) {
        QuantizedTensor q = carrier == null ? null : CARRIED.get(carrier);
        if (q == null) {
            throw new IllegalArgumentException("Could not run '" + op + "' with arguments from the 'CPU' backend. This could be because "
                    + "the operator doesn't exist for this backend, or was omitted during the selective/custom build process (if "
                    + "using custom build).");
        }
        return q;
    }

    /** Whether {@code t} is a {@link #carrier()}. */
    static boolean isCarrier(Tensor t) {
        return t != null && CARRIED.containsKey(t);
    }

    /** The integer values as ints, minus nothing (row-major). */
    int[] ints() {
        long[] l = intRepr.contiguous().toLongArray();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) out[i] = (int) l[i];
        return out;
    }

    /** The quantized dtype. */
    public QDType dtype() {
        return dtype;
    }

    /** The scheme: {@link QScheme#PER_TENSOR_AFFINE} or {@link QScheme#PER_CHANNEL_AFFINE} ({@code qscheme()}). */
    public QScheme qscheme() {
        return qscheme;
    }

    /** The shape. */
    public long[] shape() {
        return intRepr.shape();
    }

    /** The number of dims. */
    public int dim() {
        return intRepr.dim();
    }

    /** The number of elements. */
    public long numel() {
        return intRepr.numel();
    }

    /** A copy of the integer values as a uint8, int8 or int32 tensor ({@code int_repr()}). */
    public Tensor intRepr() {
        return intRepr.clone();
    }

    /** The float32 values {@code (q - zero_point) * scale}, as PyTorch's CPU kernels compute them ({@code dequantize()}). */
    public Tensor dequantize() {
        long[] q = intRepr.toLongArray();
        float[] out = qscheme == QScheme.PER_TENSOR_AFFINE
                ? AffineQuantizer.dequantizePerTensor(q, scale, zeroPoint)
                : AffineQuantizer.dequantizePerChannel(q, scales, zeroPoints, inner());
        return Torch.tensor(out, shape());
    }

    /** The scale of a per-tensor quantized tensor ({@code q_scale()}). */
    public double qScale() {
        requirePerTensor();
        return scale;
    }

    /** The zero point of a per-tensor quantized tensor ({@code q_zero_point()}). */
    public long qZeroPoint() {
        requirePerTensor();
        return zeroPoint;
    }

    /** The float64 scales of a per-channel quantized tensor ({@code q_per_channel_scales()}). */
    public Tensor qPerChannelScales() {
        requirePerChannel();
        return Torch.tensor(scales.clone(), scales.length);
    }

    /** The int64 zero points of a per-channel quantized tensor ({@code q_per_channel_zero_points()}). */
    public Tensor qPerChannelZeroPoints() {
        requirePerChannel();
        return Torch.tensor(zeroPoints.clone(), zeroPoints.length);
    }

    /** The channel axis of a per-channel quantized tensor ({@code q_per_channel_axis()}). */
    public int qPerChannelAxis() {
        requirePerChannel();
        return axis;
    }

    /** The number of elements per channel block: the product of the dims after the axis. */
    private long inner() {
        long n = 1;
        long[] s = shape();
        for (int d = axis + 1; d < s.length; d++) n *= s[d];
        return n;
    }

    private void requirePerTensor() {
        if (qscheme != QScheme.PER_TENSOR_AFFINE) {
            throw new IllegalArgumentException("Expected quantizer->qscheme() == kPerTensorAffine to be true, but got false. "
                    + "(Could this error message be improved? If so, please report an enhancement request to PyTorch.)");
        }
    }

    private void requirePerChannel() {
        if (qscheme != QScheme.PER_CHANNEL_AFFINE) {
            throw new IllegalArgumentException("Expected quantizer->qscheme() == kPerChannelAffine || quantizer->qscheme() == "
                    + "kPerChannelAffineFloatQParams to be true, but got false. (Could this error message be improved? If so, "
                    + "please report an enhancement request to PyTorch.)");
        }
    }

    /**
     * PyTorch's print: the dequantized values, then {@code size}, {@code dtype}, {@code quantization_scheme} and the
     * scale, zero point (and axis), wrapped at the print options' line width as PyTorch wraps suffixes.
     */
    @Override
    public String toString() {
        String values = dequantize().toString();  // "tensor(<values>)" of a float32 tensor: no suffixes
        String head = values.substring(0, values.length() - 1);
        java.util.List<String> suffixes = new java.util.ArrayList<>();
        suffixes.add("size=" + PyFormat.tuple(shape()));
        suffixes.add("dtype=" + dtype);
        suffixes.add("quantization_scheme=" + qscheme);
        if (qscheme == QScheme.PER_TENSOR_AFFINE) {
            suffixes.add("scale=" + PyFormat.repr(scale));
            suffixes.add("zero_point=" + zeroPoint);
        } else {
            suffixes.add("scale=" + Torch.tensor(scales.clone(), scales.length).to(DType.FLOAT64));
            suffixes.add("zero_point=" + Torch.tensor(zeroPoints.clone(), zeroPoints.length));
            suffixes.add("axis=" + axis);
        }
        int indent = "tensor(".length();
        int linewidth = Torch.getPrintoptions().linewidth();
        StringBuilder sb = new StringBuilder(head);
        int last = head.length() - head.lastIndexOf('\n') + 1;
        for (String s : suffixes) {
            if (last + s.length() + 2 > linewidth) {
                sb.append(",\n").append(" ".repeat(indent)).append(s);
                last = indent + s.length();
            } else {
                sb.append(", ").append(s);
                last += s.length() + 2;
            }
        }
        return sb.append(')').toString();
    }
}
