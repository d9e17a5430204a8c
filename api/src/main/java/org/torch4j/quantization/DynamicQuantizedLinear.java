package org.torch4j.quantization;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.trace.Trace;

/**
 * A dynamically quantized linear layer ({@code torch.ao.nn.quantized.dynamic.Linear}, printed as PyTorch prints it,
 * {@code DynamicQuantizedLinear}): qint8 per-tensor symmetric weights; each call quantizes its input to quint8 with
 * parameters chosen from the batch's min and max as PyTorch's {@code quantized::linear_dynamic} does (reduced
 * range 0 to 127), multiplies with int32 accumulation and returns float32 {@code acc * x_scale * w_scale + bias}.
 */
public class DynamicQuantizedLinear extends Module {
    private final QuantizedTensor weight;
    private final Tensor bias;
    private final QuantizedKernels.Weight packed;
    private final float[] biasValues;
    private final long inFeatures;
    private final long outFeatures;

    /**
     * A layer over a quantized weight.
     *
     * @param weight the qint8 per-tensor weight {@code (out_features, in_features)}
     * @param bias the float32 bias {@code (out_features)}, or null
     */
    public DynamicQuantizedLinear(QuantizedTensor weight, Tensor bias) {
        if (weight.dtype() != QDType.QINT8 || weight.qscheme() != QScheme.PER_TENSOR_AFFINE || weight.dim() != 2) {
            throw new IllegalArgumentException("DynamicQuantizedLinear: the weight must be a 2-d per-tensor qint8 tensor");
        }
        this.weight = weight;
        this.bias = bias == null ? null : bias.detach().contiguous();
        this.packed = QuantizedKernels.Weight.of(weight);
        this.biasValues = floats(this.bias);
        this.outFeatures = weight.shape()[0];
        this.inFeatures = weight.shape()[1];
    }

    /**
     * The quantized counterpart of {@code linear} ({@code from_float}): its weight observed by
     * {@link QConfigs#defaultWeightObserver()} and quantized to qint8 with that scale, its bias kept in float.
     *
     * @param linear the float layer
     * @return the new layer
     */
    public static DynamicQuantizedLinear fromFloat(Linear linear) {
        return new DynamicQuantizedLinear(quantizeWeight(linear.weight), linear.bias == null ? null : linear.bias.detach());
    }

    /** A float weight observed by {@link QConfigs#defaultWeightObserver()} and quantized to qint8 with its parameters. */
    static QuantizedTensor quantizeWeight(Tensor weight) {
        MinMaxObserver observer = QConfigs.defaultWeightObserver();
        Tensor w = weight.detach().to(org.torch4j.DType.FLOAT32);
        observer.call(w);
        QParams qp = observer.calculateQparams();
        return Quantization.quantizePerTensor(w, qp.scale().item(), qp.zeroPoint().itemLong(), QDType.QINT8);
    }

    /** The quantized weight ({@code weight()}). */
    public QuantizedTensor weight() {
        return weight;
    }

    /** The float bias, or null ({@code bias()}). */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (Trace.recording()) return Trace.op("quantized::linear_dynamic", () -> forward(input), input, this);
        if (input.shape()[input.dim() - 1] != inFeatures) {
            throw new IllegalArgumentException("DynamicQuantizedLinear: expected the input's last dim to be " + inFeatures + ", got "
                    + input.shape()[input.dim() - 1]);
        }
        return linearDynamic(input, packed, biasValues);
    }

    /** A bias's values as float32, or null. */
    static float[] floats(Tensor bias) {
        return bias == null ? null : bias.to(org.torch4j.DType.FLOAT32).contiguous().toFloatArray();
    }

    /**
     * PyTorch's {@code quantized::linear_dynamic(x, w, reduce_range=True)}: {@code x} quantized to quint8 with
     * parameters from its min and max (range 0 to 127), int32 sums with the qint8 weight ({@link QuantizedKernels#matmul}),
     * float32 output {@code acc * (x_scale * w_scale) + bias}.
     *
     * @param input the float input {@code (..., in)}
     * @param weight the packed per-tensor weight {@code (out, in)}
     * @param bias the float32 bias values, or null
     */
    static Tensor linearDynamic(Tensor input, QuantizedKernels.Weight weight, float[] bias) {
        int in = (int) weight.centred().shape()[1], out = weight.outChannels();
        float[] x = input.detach().to(org.torch4j.DType.FLOAT32).contiguous().toFloatArray();
        float min = 0, max = 0;
        if (x.length > 0) {
            min = Float.POSITIVE_INFINITY;
            max = Float.NEGATIVE_INFINITY;
            for (float v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        ChooseQParams.Params p = ChooseQParams.choose(min, max, 0, 255, true);
        int rows = x.length / Math.max(in, 1), zp = p.zeroPoint();
        float inv = 1.0f / (float) p.scale(), zpf = zp;
        float[] xc = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            // AffineQuantizer.quantize's arithmetic, minus the zero point
            xc[i] = Math.min(Math.max((long) (zpf + (float) Math.rint(x[i] * inv)), 0), 255) - zp;
        }
        int[] acc = QuantizedKernels.matmul(Torch.tensor(xc, rows, in), weight, Math.max(zp, 255 - zp));
        float outScale = (float) (p.scale() * weight.scales()[0]);
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0, i = r * out; o < out; o++, i++) y[i] = (float) acc[i] * outScale + (bias == null ? 0f : bias[o]);
        }
        long[] shape = input.shape().clone();
        shape[shape.length - 1] = out;
        return Torch.tensor(y, shape);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", dtype=" + weight.dtype() + ", qscheme=" + weight.qscheme();
    }
}
