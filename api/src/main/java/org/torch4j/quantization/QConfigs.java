package org.torch4j.quantization;

/**
 * PyTorch's default observers and fake quantizers ({@code torch.ao.quantization.default_observer},
 * {@code default_fake_quant}, ...): each method makes a new module with those settings.
 */
public final class QConfigs {
    private QConfigs() {}

    private static final double EPS = MinMaxObserver.DEFAULT_EPS;

    /** {@code default_observer}: a {@link MinMaxObserver} with range 0 to 127. */
    public static MinMaxObserver defaultObserver() {
        return new MinMaxObserver(QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, false, 0L, 127L, EPS);
    }

    /** {@code default_weight_observer}: a qint8, per-tensor symmetric {@link MinMaxObserver}. */
    public static MinMaxObserver defaultWeightObserver() {
        return new MinMaxObserver(QDType.QINT8, QScheme.PER_TENSOR_SYMMETRIC, false, null, null, EPS);
    }

    /** {@code default_per_channel_weight_observer}: a qint8, per-channel symmetric {@link PerChannelMinMaxObserver}. */
    public static PerChannelMinMaxObserver defaultPerChannelWeightObserver() {
        return new PerChannelMinMaxObserver(0, QDType.QINT8, QScheme.PER_CHANNEL_SYMMETRIC, false, null, null, EPS);
    }

    /** {@code default_histogram_observer}: a {@link HistogramObserver} with range 0 to 127. */
    public static HistogramObserver defaultHistogramObserver() {
        return new HistogramObserver(2048, 128, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, false, 0L, 127L, EPS);
    }

    /** {@code default_fake_quant}: moving-average min/max, quint8, range 0 to 255 reduced to 0 to 127. */
    public static FakeQuantize defaultFakeQuant() {
        return FakeQuantize.withRange((lo, hi) -> new MovingAverageMinMaxObserver(0.01, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, true,
                lo, hi, EPS), QDType.QUINT8, 0, 255);
    }

    /** {@code default_weight_fake_quant}: moving-average min/max, qint8, per-tensor symmetric, -128 to 127. */
    public static FakeQuantize defaultWeightFakeQuant() {
        return FakeQuantize.withRange((lo, hi) -> new MovingAverageMinMaxObserver(0.01, QDType.QINT8, QScheme.PER_TENSOR_SYMMETRIC, false,
                lo, hi, EPS), QDType.QINT8, -128, 127);
    }

    /** {@code default_dynamic_fake_quant}: min/max of the last batch (averaging constant 1), quint8, 0 to 255. */
    public static FakeQuantize defaultDynamicFakeQuant() {
        return FakeQuantize.withRange((lo, hi) -> new MovingAverageMinMaxObserver(1, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, false,
                lo, hi, EPS), QDType.QUINT8, 0, 255);
    }

    /** {@code default_per_channel_weight_fake_quant}: moving-average per-channel min/max, qint8, symmetric, axis 0. */
    public static FakeQuantize defaultPerChannelWeightFakeQuant() {
        return FakeQuantize.withRange((lo, hi) -> new MovingAveragePerChannelMinMaxObserver(0.01, 0, QDType.QINT8,
                QScheme.PER_CHANNEL_SYMMETRIC, false, lo, hi, EPS), QDType.QINT8, -128, 127);
    }

    /** {@code default_embedding_fake_quant}: per-channel float qparams over axis 0, quint8, last batch's min/max. */
    public static FakeQuantize defaultEmbeddingFakeQuant() {
        return FakeQuantize.withRange((lo, hi) -> new MovingAveragePerChannelMinMaxObserver(1, 0, QDType.QUINT8,
                QScheme.PER_CHANNEL_AFFINE_FLOAT_QPARAMS, false, lo, hi, EPS), QDType.QUINT8, 0, 255);
    }

    /** {@code default_histogram_fake_quant}: a histogram observer, quint8, range 0 to 255 reduced to 0 to 127. */
    public static FakeQuantize defaultHistogramFakeQuant() {
        return FakeQuantize.withRange((lo, hi) -> new HistogramObserver(2048, 128, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, true,
                lo, hi, EPS), QDType.QUINT8, 0, 255);
    }

    /** {@code default_fused_act_fake_quant}: a {@link FusedMovingAvgObsFakeQuantize}, quint8, per-tensor affine, 0 to 255. */
    public static FusedMovingAvgObsFakeQuantize defaultFusedActFakeQuant() {
        return FusedMovingAvgObsFakeQuantize.withRange((lo, hi) -> new MovingAverageMinMaxObserver(0.01, QDType.QUINT8,
                QScheme.PER_TENSOR_AFFINE, false, lo, hi, EPS), QDType.QUINT8, 0, 255);
    }

    /** {@code default_fused_wt_fake_quant}: a {@link FusedMovingAvgObsFakeQuantize}, qint8, per-tensor symmetric, -128 to 127. */
    public static FusedMovingAvgObsFakeQuantize defaultFusedWtFakeQuant() {
        return FusedMovingAvgObsFakeQuantize.withRange((lo, hi) -> new MovingAverageMinMaxObserver(0.01, QDType.QINT8,
                QScheme.PER_TENSOR_SYMMETRIC, false, lo, hi, EPS), QDType.QINT8, -128, 127);
    }

    /** {@code default_fused_per_channel_wt_fake_quant}: fused, qint8, per-channel symmetric along axis 0, -128 to 127. */
    public static FusedMovingAvgObsFakeQuantize defaultFusedPerChannelWtFakeQuant() {
        return FusedMovingAvgObsFakeQuantize.withRange((lo, hi) -> new MovingAveragePerChannelMinMaxObserver(0.01, 0, QDType.QINT8,
                QScheme.PER_CHANNEL_SYMMETRIC, false, lo, hi, EPS), QDType.QINT8, -128, 127);
    }
}
