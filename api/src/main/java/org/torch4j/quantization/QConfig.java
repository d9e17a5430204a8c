package org.torch4j.quantization;

import java.util.function.Supplier;

/**
 * What static quantization observes a module with ({@code torch.ao.quantization.QConfig}): a factory of activation
 * observers (one per observed module output) and one of weight observers (one per weight, made at
 * {@link StaticQuantization#convert convert}).
 *
 * @param activation makes the observer of a module's output
 * @param weight makes the observer of a module's weight
 */
public record QConfig(Supplier<? extends ObserverBase> activation, Supplier<? extends ObserverBase> weight) {
    /**
     * Checks both factories are given.
     *
     * @param activation makes the observer of a module's output
     * @param weight makes the observer of a module's weight
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

    private static HistogramObserver histogram(boolean reduceRange) {
        return new HistogramObserver(2048, 128, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, reduceRange, null, null, MinMaxObserver.DEFAULT_EPS);
    }
}
