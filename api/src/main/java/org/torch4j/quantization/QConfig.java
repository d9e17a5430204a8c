package org.torch4j.quantization;

import java.util.function.Supplier;

/**
 * What quantization observes a module with ({@code torch.ao.quantization.QConfig}): a factory of activation
 * post-processes (one per observed module output) and one of weight post-processes (one per weight: made at
 * {@link StaticQuantization#convert convert} for post-training quantization, by each QAT layer for
 * quantization-aware training). Each makes an {@link ObserverBase} or a {@link FakeQuantize}.
 *
 * @param activation makes the observer or fake quantizer of a module's output
 * @param weight makes the observer or fake quantizer of a module's weight
 */
public record QConfig(Supplier<? extends org.torch4j.nn.Module> activation, Supplier<? extends org.torch4j.nn.Module> weight) {
    /**
     * Checks both factories are given.
     *
     * @param activation makes the observer or fake quantizer of a module's output
     * @param weight makes the observer or fake quantizer of a module's weight
     */
    public QConfig {
        if (activation == null || weight == null) throw new IllegalArgumentException("QConfig: activation and weight must be given");
    }

    /**
     * {@code default_qconfig}: activations by {@link QConfigs#defaultObserver()} (min/max, quint8, 0 to 127), weights by
     * {@link QConfigs#defaultWeightObserver()} (qint8, per-tensor symmetric).
     *
     * @return the configuration
     */
    public static QConfig defaultQconfig() {
        return new QConfig(QConfigs::defaultObserver, QConfigs::defaultWeightObserver);
    }

    /**
     * {@code get_default_qconfig(backend)}: a {@link HistogramObserver} for activations (quint8, 0 to 255, reduced
     * to 0 to 127 for "fbgemm" and "x86") and per-channel qint8 symmetric weights, except "qnnpack", whose weights
     * are per tensor ({@link QConfigs#defaultWeightObserver()}); any other name gives {@link #defaultQconfig()}.
     *
     * @param backend "qnnpack", "onednn", "fbgemm" or "x86"
     * @return the configuration
     */
    public static QConfig getDefaultQconfig(String backend) {
        return switch (backend) {
            case "fbgemm", "x86" -> new QConfig(() -> histogram(true), QConfigs::defaultPerChannelWeightObserver);
            case "onednn" -> new QConfig(() -> histogram(false), QConfigs::defaultPerChannelWeightObserver);
            case "qnnpack" -> new QConfig(() -> histogram(false), QConfigs::defaultWeightObserver);
            default -> defaultQconfig();
        };
    }

    /**
     * {@code default_qat_qconfig}: activations by {@link QConfigs#defaultFakeQuant()} (moving-average min/max, quint8,
     * 0 to 127), weights by {@link QConfigs#defaultWeightFakeQuant()} (qint8, per-tensor symmetric).
     *
     * @return the configuration
     */
    public static QConfig defaultQatQconfig() {
        return new QConfig(QConfigs::defaultFakeQuant, QConfigs::defaultWeightFakeQuant);
    }

    /**
     * {@code get_default_qat_qconfig(backend)} (version 1, PyTorch's default): {@link FusedMovingAvgObsFakeQuantize}
     * with a moving-average min/max observer for activations (quint8, 0 to 255, reduced to 0 to 127 for "fbgemm" and
     * "x86"), and for weights {@link QConfigs#defaultFusedWtFakeQuant()} (qint8, per-tensor symmetric) for "qnnpack",
     * {@link QConfigs#defaultFusedPerChannelWtFakeQuant()} for the others; any other name gives
     * {@code default_qat_qconfig_v2} (0 to 255 activations, per-tensor weights).
     *
     * @param backend "qnnpack", "onednn", "fbgemm" or "x86"
     * @return the configuration
     */
    public static QConfig getDefaultQatQconfig(String backend) {
        return getDefaultQatQconfig(backend, 1);
    }

    /**
     * {@code get_default_qat_qconfig(backend, version)}: version 1 as {@link #getDefaultQatQconfig(String)}; version 0
     * the unfused modules, {@link FakeQuantize} with a moving-average min/max observer for activations and
     * {@link QConfigs#defaultWeightFakeQuant()} ("qnnpack") or {@link QConfigs#defaultPerChannelWeightFakeQuant()}
     * weights, and {@link #defaultQatQconfig()} for another name.
     *
     * @param backend "qnnpack", "onednn", "fbgemm" or "x86"
     * @param version 0 or 1
     * @return the configuration
     * @throws IllegalArgumentException for another version
     */
    public static QConfig getDefaultQatQconfig(String backend, int version) {
        boolean reduce = backend.equals("fbgemm") || backend.equals("x86");
        boolean known = reduce || backend.equals("qnnpack") || backend.equals("onednn");
        if (version == 0) {
            if (!known) return defaultQatQconfig();
            return new QConfig(() -> FakeQuantize.withRange((lo, hi) -> movingAverage(lo, hi, reduce), QDType.QUINT8, 0, 255),
                    backend.equals("qnnpack") ? QConfigs::defaultWeightFakeQuant : QConfigs::defaultPerChannelWeightFakeQuant);
        }
        if (version != 1) {
            throw new IllegalArgumentException("Version number: " + version + "in get_default_qat_qconfig is not supported. Version number must be 0 or 1");
        }
        if (!known) return new QConfig(QConfigs::defaultFusedActFakeQuant, QConfigs::defaultFusedWtFakeQuant);
        return new QConfig(() -> FusedMovingAvgObsFakeQuantize.withRange((lo, hi) -> movingAverage(lo, hi, reduce), QDType.QUINT8, 0, 255),
                backend.equals("qnnpack") ? QConfigs::defaultFusedWtFakeQuant : QConfigs::defaultFusedPerChannelWtFakeQuant);
    }

    private static MovingAverageMinMaxObserver movingAverage(Long quantMin, Long quantMax, boolean reduceRange) {
        return new MovingAverageMinMaxObserver(0.01, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, reduceRange, quantMin, quantMax, MinMaxObserver.DEFAULT_EPS);
    }

    private static HistogramObserver histogram(boolean reduceRange) {
        return new HistogramObserver(2048, 128, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, reduceRange, null, null, MinMaxObserver.DEFAULT_EPS);
    }
}
