package org.torch4j.quantization;

import java.util.List;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.quantization.qat.ConvBase;

/**
 * Eager-mode quantization-aware training, PyTorch 1.13's {@code torch.ao.quantization.fuse_modules_qat},
 * {@code prepare_qat} and the QAT helpers ({@code enable_observer}, {@code disable_observer},
 * {@code enable_fake_quant}, {@code disable_fake_quant}, {@code freeze_bn_stats}, {@code update_bn_stats}, each
 * applied over a model with {@link Module#apply}); {@link StaticQuantization#convert} turns the trained model into
 * quantized modules.
 *
 * <pre>{@code
 * Module fused = QuantizationAwareTraining.fuseModulesQat(model.train(), List.of(List.of("conv", "bn", "relu")));
 * Module qat = QuantizationAwareTraining.prepareQat(fused, QConfig.getDefaultQatQconfig("qnnpack"));
 * // train qat; midway: qat.apply(QuantizationAwareTraining::freezeBnStats); qat.apply(QuantizationAwareTraining::disableObserver);
 * Module quantized = StaticQuantization.convert(qat.eval());
 * }</pre>
 */
public final class QuantizationAwareTraining {
    private QuantizationAwareTraining() {}

    /**
     * {@code fuse_modules_qat(model, modules_to_fuse)}: as {@link StaticQuantization#fuseModules}, except that a
     * Conv2d + BatchNorm2d (+ ReLU) group becomes a trainable {@link ConvBn2d} ({@link ConvBnReLU2d}) instead of a
     * folded convolution; Conv2d + ReLU and Linear + ReLU give {@link ConvReLU2d} and {@link LinearReLU}.
     *
     * @param model the float model (left unchanged)
     * @param modulesToFuse the groups of dotted module names
     * @return the fused copy
     * @throws IllegalArgumentException for an unknown name, a group of other types, or a conv and batch norm in
     *     different modes
     */
    public static Module fuseModulesQat(Module model, List<List<String>> modulesToFuse) {
        return StaticQuantization.fuse(Module.deepCopy(model), modulesToFuse, true);
    }

    /**
     * {@code model.qconfig = qconfig; prepare_qat(model)}: a copy of the model with every float layer of PyTorch's
     * default QAT mapping swapped for its QAT counterpart ({@link Linear} to {@link org.torch4j.quantization.qat.Linear},
     * {@link Conv2d} to {@link org.torch4j.quantization.qat.Conv2d}, {@link LinearReLU}, {@link ConvReLU2d},
     * {@link ConvBn2d}, {@link ConvBnReLU2d} to theirs in {@code org.torch4j.quantization.qat}), then activation fake
     * quantizers attached as {@link StaticQuantization#prepare} attaches observers (the QAT layers, the
     * {@link QuantStub}s, the {@link FloatFunctional}s).
     *
     * @param model the float model, in training mode
     * @param qconfig the configuration for the whole model, usually {@link QConfig#getDefaultQatQconfig(String)}
     * @return the prepared copy
     * @throws IllegalStateException when the model is in eval mode
     */
    public static Module prepareQat(Module model, QConfig qconfig) {
        return prepareQat(model, qconfig, false);
    }

    /**
     * {@code prepare_qat(model, inplace=inplace)}: as {@link #prepareQat(Module, QConfig)}, on the model itself when
     * {@code inplace} (the layers are swapped in their parents, sharing the float layers' parameters).
     *
     * @param model the float model, in training mode
     * @param qconfig the configuration for the whole model
     * @param inplace whether to change {@code model} instead of a copy
     * @return the prepared model (the root itself, unless the root is a layer that is swapped)
     * @throws IllegalStateException when the model is in eval mode
     */
    public static Module prepareQat(Module model, QConfig qconfig, boolean inplace) {
        if (!model.isTraining()) throw new IllegalStateException("prepare_qat only works on models in training mode");
        if (qconfig == null) throw new IllegalArgumentException("prepare_qat: a qconfig must be given");
        Module m = inplace ? model : Module.deepCopy(model);
        m = ModuleSwap.swap(m, x -> qatModule(x, qconfig));
        return StaticQuantization.prepareInPlace(m, qconfig);
    }

    /** PyTorch's {@code DEFAULT_QAT_MODULE_MAPPINGS} (the 2-d and linear entries). */
    private static Module qatModule(Module m, QConfig qconfig) {
        if (m.getClass() == Linear.class) return org.torch4j.quantization.qat.Linear.fromFloat(m, qconfig);
        if (m.getClass() == Conv2d.class) return org.torch4j.quantization.qat.Conv2d.fromFloat(m, qconfig);
        if (m instanceof LinearReLU) return org.torch4j.quantization.qat.LinearReLU.fromFloat(m, qconfig);
        if (m instanceof ConvReLU2d) return org.torch4j.quantization.qat.ConvReLU2d.fromFloat(m, qconfig);
        if (m instanceof ConvBnReLU2d) return org.torch4j.quantization.qat.ConvBnReLU2d.fromFloat(m, qconfig);
        if (m instanceof ConvBn2d) return org.torch4j.quantization.qat.ConvBn2d.fromFloat(m, qconfig);
        return null;
    }

    /**
     * {@code enable_observer(mod)}: turns observation on if {@code mod} is a {@link FakeQuantize}
     * ({@code model.apply(QuantizationAwareTraining::enableObserver)}).
     *
     * @param mod any module
     */
    public static void enableObserver(Module mod) {
        if (mod instanceof FakeQuantize fq) fq.enableObserver();
    }

    /**
     * {@code disable_observer(mod)}: freezes a {@link FakeQuantize}'s statistics (its scale and zero point then stay).
     *
     * @param mod any module
     */
    public static void disableObserver(Module mod) {
        if (mod instanceof FakeQuantize fq) fq.disableObserver();
    }

    /**
     * {@code enable_fake_quant(mod)}: turns fake quantization on if {@code mod} is a {@link FakeQuantize}.
     *
     * @param mod any module
     */
    public static void enableFakeQuant(Module mod) {
        if (mod instanceof FakeQuantize fq) fq.enableFakeQuant();
    }

    /**
     * {@code disable_fake_quant(mod)}: a {@link FakeQuantize} then passes its input through.
     *
     * @param mod any module
     */
    public static void disableFakeQuant(Module mod) {
        if (mod instanceof FakeQuantize fq) fq.disableFakeQuant();
    }

    /**
     * {@code torch.nn.intrinsic.qat.freeze_bn_stats(mod)}: freezes the batch-norm statistics of a QAT
     * {@link org.torch4j.quantization.qat.ConvBn2d} or {@link org.torch4j.quantization.qat.ConvBnReLU2d}.
     *
     * @param mod any module
     */
    public static void freezeBnStats(Module mod) {
        if (mod instanceof org.torch4j.quantization.qat.ConvBn2d cb) cb.freezeBnStats();
    }

    /**
     * {@code torch.nn.intrinsic.qat.update_bn_stats(mod)}: lets a QAT conv-bn layer update its batch-norm statistics again.
     *
     * @param mod any module
     */
    public static void updateBnStats(Module mod) {
        if (mod instanceof org.torch4j.quantization.qat.ConvBn2d cb) cb.updateBnStats();
    }

    /** Whether {@code m} is one of the QAT layers. */
    static boolean isQat(Module m) {
        return m instanceof org.torch4j.quantization.qat.Linear || m instanceof ConvBase;
    }
}
