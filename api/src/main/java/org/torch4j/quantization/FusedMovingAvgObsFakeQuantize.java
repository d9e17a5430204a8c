package org.torch4j.quantization;

import java.util.function.BiFunction;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Observation and fake quantization in one step ({@code torch.ao.quantization.FusedMovingAvgObsFakeQuantize}), the
 * module of PyTorch 1.13's default QAT qconfigs: ATen's {@code fused_moving_avg_obs_fake_quant}. While the observer
 * is enabled each forward moves the observer's running {@code min_val} / {@code max_val} towards the batch's (per
 * tensor, or per channel along axis 0) by its averaging constant, in float32 (the first batch taken as it is); while
 * fake quantization is enabled the scale and zero point are chosen from the running values by ATen's
 * {@code ChooseQuantizationParams} (symmetric schemes preserve sparsity) and the input is fake quantized with the
 * straight-through gradient. {@link #calculateQparams()} is the observer's, as in PyTorch, so a converted model takes
 * its parameters from the observer's formula, which can differ from the training-time {@code scale} by a float32 ulp.
 * The flags {@code fake_quant_enabled} and {@code observer_enabled} are int64, as in PyTorch.
 */
public class FusedMovingAvgObsFakeQuantize extends FakeQuantize {
    /**
     * Fused observation and fake quantization with the given observer.
     *
     * @param observer a {@link MovingAverageMinMaxObserver} or {@link MovingAveragePerChannelMinMaxObserver}
     * @throws IllegalArgumentException for another observer
     */
    public FusedMovingAvgObsFakeQuantize(ObserverBase observer) {
        super(requireMovingAverage(observer));
        setBuffer("fake_quant_enabled", Torch.tensor(new long[] {1}, 1));
        setBuffer("observer_enabled", Torch.tensor(new long[] {1}, 1));
    }

    private static ObserverBase requireMovingAverage(ObserverBase observer) {
        if (!(observer instanceof MovingAverageMinMaxObserver || observer instanceof MovingAveragePerChannelMinMaxObserver)) {
            throw new IllegalArgumentException("Fused observer+fake_quant module only works with MovingAverageMinMaxObserver");
        }
        return observer;
    }

    /**
     * PyTorch's {@code FusedMovingAvgObsFakeQuantize(observer=cls, quant_min=..., quant_max=..., dtype=...)}: checks the
     * range against the dtype, then builds the observer with it.
     *
     * @param observer makes the observer from {@code quant_min} and {@code quant_max}
     * @param dtype the observer's dtype
     * @param quantMin the smallest quantized value
     * @param quantMax the largest quantized value
     * @return the module
     */
    public static FusedMovingAvgObsFakeQuantize withRange(BiFunction<Long, Long, ? extends ObserverBase> observer, QDType dtype,
                                                          long quantMin, long quantMax) {
        checkRange(dtype, quantMin, quantMax);
        return new FusedMovingAvgObsFakeQuantize(observer.apply(quantMin, quantMax));
    }

    @Override
    public Tensor forward(Tensor x) {
        ObserverBase obs = activationPostProcess();
        boolean perChannel = obs.qscheme().isPerChannel();
        try (var g = Torch.noGrad()) {
            if (buffer("observer_enabled").itemLong() != 0) observe(x.detach(), obs, perChannel);
            if (buffer("fake_quant_enabled").itemLong() == 0) return x;
            chooseQparams(obs, perChannel);
        }
        return perChannel
                ? Quantization.fakeQuantizePerChannelAffine(x, scale(), zeroPoint(), obs.chAxis(), quantMin(), quantMax())
                : Quantization.fakeQuantizePerTensorAffine(x, scale(), zeroPoint(), quantMin(), quantMax());
    }

    /** ATen's {@code calculate_moving_average}, in float32. */
    private static void observe(Tensor x, ObserverBase obs, boolean perChannel) {
        Tensor in = x.to(DType.FLOAT32);
        if (perChannel) {
            if (obs.chAxis() != 0) {
                throw new IllegalArgumentException("Per-channel FakeQuant in fused_moving_avg_obs_fake_quant is only supported on axis == 0");
            }
            var mm = in.reshape(in.shape()[0], -1).aminmax(1, false);
            MovingAveragePerChannelMinMaxObserver o = (MovingAveragePerChannelMinMaxObserver) obs;
            int n = (int) mm.min().numel();
            float[] min = o.minVal().numel() == n ? o.minVal().toFloatArray() : filled(n, Float.POSITIVE_INFINITY);
            float[] max = o.maxVal().numel() == n ? o.maxVal().toFloatArray() : filled(n, Float.NEGATIVE_INFINITY);
            average(min, mm.min().toFloatArray(), (float) o.averagingConstant());
            average(max, mm.max().toFloatArray(), (float) o.averagingConstant());
            o.setMinMax(Torch.tensor(min, n), Torch.tensor(max, n));
        } else {
            var mm = in.aminmax();
            MovingAverageMinMaxObserver o = (MovingAverageMinMaxObserver) obs;
            float[] min = {(float) o.minVal().item()}, max = {(float) o.maxVal().item()};
            average(min, new float[] {(float) mm.min().item()}, (float) o.averagingConstant());
            average(max, new float[] {(float) mm.max().item()}, (float) o.averagingConstant());
            o.minVal().fill_(min[0]);
            o.maxVal().fill_(max[0]);
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static void average(float[] running, float[] current, float c) {
        for (int i = 0; i < running.length; i++) {
            running[i] = Float.isInfinite(running[i]) ? current[i] : running[i] + c * (current[i] - running[i]);
        }
    }

    /** ATen's {@code choose_qparams_fake_quant}: the scale and zero point buffers from the running min and max. */
    private void chooseQparams(ObserverBase obs, boolean perChannel) {
        float[] min = (perChannel ? ((PerChannelMinMaxObserver) obs).minVal() : ((MinMaxObserver) obs).minVal()).toFloatArray();
        float[] max = (perChannel ? ((PerChannelMinMaxObserver) obs).maxVal() : ((MinMaxObserver) obs).maxVal()).toFloatArray();
        float[] scale = new float[min.length];
        int[] zeroPoint = new int[min.length];
        for (int i = 0; i < min.length; i++) {
            ChooseQParams.Params p = ChooseQParams.choose(min[i], max[i], (int) quantMin(), (int) quantMax(), obs.qscheme().isSymmetric(), false);
            scale[i] = (float) p.scale();
            zeroPoint[i] = p.zeroPoint();
        }
        if (scale().numel() != scale.length) {
            setBuffer("scale", Torch.tensor(scale, scale.length));
            setBuffer("zero_point", Torch.tensor(zeroPoint, zeroPoint.length));
        } else {
            scale().copy_(Torch.tensor(scale, scale.length));
            zeroPoint().copy_(Torch.tensor(zeroPoint, zeroPoint.length));
        }
    }

    @Override
    protected String extraRepr() {
        ObserverBase obs = activationPostProcess();
        boolean reduceRange = obs instanceof UniformQuantizationObserverBase u && u.reduceRange;
        return "fake_quant_enabled=" + buffer("fake_quant_enabled") + ", observer_enabled=" + buffer("observer_enabled") + ", scale="
                + scale() + ", zero_point=" + zeroPoint() + ", dtype=" + obs.dtype() + ", quant_min=" + quantMin() + ", quant_max="
                + quantMax() + ", qscheme=" + obs.qscheme() + ", reduce_range=" + (reduceRange ? "True" : "False");
    }
}
