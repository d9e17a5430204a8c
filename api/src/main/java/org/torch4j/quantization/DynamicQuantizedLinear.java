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
        return linearDynamic(input, weight, bias);
    }

    /**
     * PyTorch's {@code quantized::linear_dynamic(x, w, reduce_range=True)}: {@code x} quantized to quint8 with
     * parameters from its min and max (range 0 to 127), int32 sums with the qint8 weight, float32 output.
     */
    static Tensor linearDynamic(Tensor input, QuantizedTensor weight, Tensor bias) {
        long inFeatures = weight.shape()[1], outFeatures = weight.shape()[0];
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
        int in = (int) inFeatures, out = (int) outFeatures, rows = x.length / Math.max(in, 1);
        int[] xq = new int[x.length];
        for (int i = 0; i < x.length; i++) xq[i] = (int) AffineQuantizer.quantize(x[i], p.scale(), p.zeroPoint(), 0, 255) - p.zeroPoint();
        long[] wl = weight.intRepr().toLongArray();
        int[] w = new int[wl.length];
        for (int i = 0; i < wl.length; i++) w[i] = (int) (wl[i] - weight.qZeroPoint());
        float[] b = bias == null ? null : bias.to(org.torch4j.DType.FLOAT32).contiguous().toFloatArray();
        float outScale = (float) (p.scale() * weight.qScale());
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                int acc = 0;
                for (int k = 0; k < in; k++) acc += xq[r * in + k] * w[o * in + k];
                y[r * out + o] = (float) acc * outScale + (b == null ? 0f : b[o]);
            }
        }
        long[] shape = input.shape().clone();
        shape[shape.length - 1] = outFeatures;
        return Torch.tensor(y, shape);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", dtype=" + weight.dtype() + ", qscheme=" + weight.qscheme();
    }
}
