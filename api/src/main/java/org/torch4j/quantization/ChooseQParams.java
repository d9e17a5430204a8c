package org.torch4j.quantization;

/**
 * PyTorch's {@code quant_utils::ChooseQuantizationParams} (QuantUtils.h): the scale and zero point that dynamic
 * quantization gives a batch of activations from its min and max.
 */
final class ChooseQParams {
    private ChooseQParams() {}

    /** fbgemm's smallest scale, {@code SMALL_SCALE_THRESHOLD}. */
    private static final float SMALL_SCALE_THRESHOLD = 6.1e-5f;

    /** A scale (double) and an int32 zero point. */
    record Params(double scale, int zeroPoint) {}

    /** With {@code preserve_sparsity} and {@code force_scale_power_of_two} false, as dynamic linear calls it. */
    static Params choose(float min, float max, int qmin, int qmax, boolean reduceRange) {
        return choose(min, max, qmin, qmax, false, reduceRange);
    }

    /**
     * With {@code force_scale_power_of_two} false; {@code preserveSparsity} centres a range that straddles 0 and puts the
     * zero point midway between {@code qmin} and {@code qmax}, as {@code fused_moving_avg_obs_fake_quant} asks for
     * symmetric schemes.
     */
    static Params choose(float min, float max, int qmin, int qmax, boolean preserveSparsity, boolean reduceRange) {
        if (!(min <= max)) throw new IllegalArgumentException("In ChooseQuantizationParams, min should be less than or equal to max");
        if (reduceRange) {
            qmin = qmin / 2;
            qmax = qmax / 2;
        }
        boolean symmetric = min < 0 && max > 0 && preserveSparsity;
        if (symmetric) {
            int symmetricQmin = -((qmax - qmin) / 2 + 1);
            int symmetricQmax = (qmax - qmin) / 2;
            double maxScale = Math.max(Math.abs(min / symmetricQmin), Math.abs(max / symmetricQmax));  // float quotients
            min = (float) (maxScale * symmetricQmin);
            max = (float) (maxScale * symmetricQmax);
        }
        min = Math.min(min, 0f);
        max = Math.max(max, 0f);
        double scale = ((double) max - min) / (qmax - qmin);
        if ((float) scale == 0.0f || Float.isInfinite(1.0f / (float) scale)) scale = 0.1;
        if (scale < SMALL_SCALE_THRESHOLD) {
            float orgScale = (float) scale;
            scale = SMALL_SCALE_THRESHOLD;
            if (min == 0.0f) {
                max = SMALL_SCALE_THRESHOLD * (qmax - qmin);
            } else if (max == 0.0f) {
                min = -SMALL_SCALE_THRESHOLD * (qmax - qmin);
            } else {
                float amplifier = SMALL_SCALE_THRESHOLD / orgScale;
                min *= amplifier;
                max *= amplifier;
            }
        }
        double fromMin = qmin - min / scale;
        double fromMax = qmax - max / scale;
        double fromMinError = Math.abs(qmin) - Math.abs(min / scale);
        double fromMaxError = Math.abs(qmax) - Math.abs(max / scale);
        double initial = fromMinError < fromMaxError ? fromMin : fromMax;
        if (symmetric) initial = (double) (qmin + qmax) / 2;
        int zeroPoint = initial < qmin ? qmin : initial > qmax ? qmax : (int) Math.rint(initial);
        return new Params(scale, zeroPoint);
    }
}
