package org.torch4j.quantization;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Fusion;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.trace.Trace;

/**
 * Eager-mode post-training static quantization, PyTorch 1.13's {@code torch.ao.quantization.fuse_modules},
 * {@code prepare} and {@code convert}: fuse conv-bn-relu, conv-relu and linear-relu, attach observers, calibrate by
 * running the prepared model, then swap in quantized modules.
 *
 * <pre>{@code
 * Module fused = StaticQuantization.fuseModules(model.eval(), List.of(List.of("conv", "bn", "relu")));
 * Module prepared = StaticQuantization.prepare(fused, QConfig.defaultQconfig());
 * for (Tensor x : calibration) prepared.call(x);
 * Module quantized = StaticQuantization.convert(prepared);
 * }</pre>
 *
 * <p>A Java module's {@code forward} takes and returns {@code Tensor}s, so a converted model passes each quantized
 * tensor between its modules as a float {@link QuantizedTensor#carrier() carrier} holding its dequantized values;
 * the quantized modules read the quantized tensor back with {@link QuantizedTensor#of}. {@code convert} leaves
 * {@link ReLU}, {@link MaxPool2d}, {@link Flatten}, {@link Dropout} and {@link Identity} as they are (as PyTorch) and
 * registers on them a forward hook that makes their float result (exact on dequantized values) the carrier of a
 * quantized tensor with their input's scale and zero point, as PyTorch's quantized kernels of these ops keep them.
 */
public final class StaticQuantization {
    private StaticQuantization() {}

    /** The qconfig of each module of a prepared model ({@code module.qconfig}), by identity. */
    private static final Map<Module, QConfig> QCONFIGS = Collections.synchronizedMap(new WeakHashMap<>());

    private static final String OBSERVER = "activation_post_process";

    /**
     * Fuses each group of modules, named by dotted path ({@code fuse_modules(model, modules_to_fuse)}): the first
     * module of a group becomes the fused module, the others {@link Identity}. Groups: Conv2d + BatchNorm2d
     * (folded into the conv), Conv2d + BatchNorm2d + ReLU and Conv2d + ReLU ({@link ConvReLU2d}), Linear + ReLU
     * ({@link LinearReLU}), Linear + BatchNorm1d (folded). Batch norms are folded as {@link Fusion} folds them, so
     * the modules must be in eval mode.
     *
     * @param model the float model (left unchanged)
     * @param modulesToFuse the groups of dotted module names
     * @return the fused copy
     * @throws IllegalArgumentException for an unknown name, a group of other types, or modules in training mode
     */
    public static Module fuseModules(Module model, List<List<String>> modulesToFuse) {
        return fuse(Module.deepCopy(model), modulesToFuse, false);
    }

    /** Fuses the groups of {@code model} in place; {@code qat} keeps conv + bn (+ relu) trainable ({@code is_qat}). */
    static Module fuse(Module model, List<List<String>> modulesToFuse, boolean qat) {
        for (List<String> group : modulesToFuse) {
            List<Module> mods = new ArrayList<>();
            for (String name : group) mods.add(get(model, name));
            Module fused = fuse(mods, qat);
            set(model, group.get(0), fused);
            for (int i = 1; i < group.size(); i++) set(model, group.get(i), new Identity());
        }
        return model;
    }

    private static Module fuse(List<Module> m, boolean qat) {
        List<Class<?>> types = new ArrayList<>();
        for (Module x : m) types.add(x.getClass());
        if (qat && (types.equals(List.of(Conv2d.class, BatchNorm2d.class)) || types.equals(List.of(Conv2d.class, BatchNorm2d.class, ReLU.class)))) {
            if (m.get(0).isTraining() != m.get(1).isTraining()) {
                throw new IllegalArgumentException("Conv and BN both must be in the same mode (train or eval).");
            }
            Conv2d conv = (Conv2d) m.get(0);
            BatchNorm2d bn = (BatchNorm2d) m.get(1);
            if (bn.numFeatures != conv.outChannels) {
                throw new IllegalArgumentException("Output channel of Conv2d must match num_features of BatchNorm2d");
            }
            if (!bn.affine) throw new IllegalArgumentException("Only support fusing BatchNorm2d with affine set to True");
            if (!bn.trackRunningStats) {
                throw new IllegalArgumentException("Only support fusing BatchNorm2d with tracking_running_stats set to True");
            }
            return m.size() == 2 ? new ConvBn2d(conv, bn) : new ConvBnReLU2d(conv, bn, (ReLU) m.get(2));
        }
        if (types.equals(List.of(Conv2d.class, BatchNorm2d.class))) return fuseConvBn(m.get(0), m.get(1));
        if (types.equals(List.of(Conv2d.class, BatchNorm2d.class, ReLU.class))) {
            return new ConvReLU2d((Conv2d) fuseConvBn(m.get(0), m.get(1)), (ReLU) m.get(2));
        }
        if (types.equals(List.of(Conv2d.class, ReLU.class))) return new ConvReLU2d((Conv2d) m.get(0), (ReLU) m.get(1));
        if (types.equals(List.of(Linear.class, ReLU.class))) return new LinearReLU((Linear) m.get(0), (ReLU) m.get(1));
        if (types.equals(List.of(Linear.class, BatchNorm1d.class)) && !qat) {
            sameMode(m.get(0), m.get(1), "Linear and BN both must be in the same mode (train or eval).");
            return Fusion.fuseLinearBnEval((Linear) m.get(0), (BatchNorm1d) m.get(1));
        }
        List<String> names = new ArrayList<>();
        for (Class<?> c : types) names.add(c.getSimpleName());
        throw new IllegalArgumentException("did not find fuser method for: (" + String.join(", ", names) + ")");
    }

    private static Module fuseConvBn(Module conv, Module bn) {
        sameMode(conv, bn, "Conv and BN both must be in the same mode (train or eval).");
        return Fusion.fuseConvBnEval((Conv2d) conv, (BatchNorm2d) bn, false);
    }

    private static void sameMode(Module a, Module b, String message) {
        if (a.isTraining() != b.isTraining()) throw new IllegalArgumentException(message);
        if (a.isTraining()) throw new IllegalArgumentException("Fusion only for eval!");
    }

    /**
     * Attaches observers for calibration ({@code model.qconfig = qconfig; prepare(model)}): every module gets
     * {@code qconfig}; each {@link QuantStub}, {@link Linear}, {@link Conv2d}, {@link ConvReLU2d} and {@link LinearReLU}
     * gets an {@code activation_post_process} child made by {@code qconfig.activation()} and a forward hook that
     * runs it on the module's output; each {@link FloatFunctional}'s {@code activation_post_process} becomes such an
     * observer (run by its operations). Dropout and {@link DeQuantStub} get none, as in PyTorch. (For
     * quantization-aware training, {@link QuantizationAwareTraining#prepareQat} attaches them the same way, to the
     * QAT layers too.)
     *
     * @param model the float model, in eval mode for post-training quantization (left unchanged)
     * @param qconfig the configuration for the whole model
     * @return the prepared copy
     */
    public static Module prepare(Module model, QConfig qconfig) {
        return prepareInPlace(Module.deepCopy(model), qconfig);
    }

    /** Gives every module of {@code model} the qconfig and attaches the observers, in place. */
    static Module prepareInPlace(Module model, QConfig qconfig) {
        for (Module m : model.modules()) QCONFIGS.put(m, qconfig);
        addObservers(model, qconfig);
        return model;
    }

    private static void addObservers(Module module, QConfig qconfig) {
        for (Module child : module.children()) {
            if (child == null || child instanceof Dropout) continue;
            if (child instanceof FloatFunctional) {
                child.addModule(OBSERVER, qconfig.activation().get());
            } else if (child instanceof ConvReLU2d || child instanceof LinearReLU || QuantizationAwareTraining.isQat(child)) {
                insertObserver(child, qconfig);
            } else {
                addObservers(child, qconfig);
            }
        }
        if (module.children().isEmpty() && (module instanceof QuantStub || module.getClass() == Linear.class || module.getClass() == Conv2d.class)) {
            insertObserver(module, qconfig);
        }
    }

    private static void insertObserver(Module m, QConfig qconfig) {
        m.addModule(OBSERVER, qconfig.activation().get());
        m.registerForwardHook((mod, args, out) -> mod.namedChildren().get(OBSERVER).call((Tensor) out));
    }

    /**
     * Swaps in the quantized modules ({@code convert(prepared)}): {@link QuantStub} to {@link Quantize},
     * {@link DeQuantStub} to {@link DeQuantize}, {@link Linear} to {@link QuantizedLinear}, {@link LinearReLU} to
     * {@link QuantizedLinearReLU}, {@link Conv2d} to {@link QuantizedConv2d}, {@link ConvReLU2d} to
     * {@link QuantizedConvReLU2d}, {@link FloatFunctional} to {@link QFunctional}; each takes its output parameters
     * from its observer and quantizes its weight with a new weight observer of its qconfig. The QAT layers of
     * {@link QuantizationAwareTraining#prepareQat} become the same quantized modules, their output parameters from
     * their activation fake quantizer's observer, their weight (with a conv-bn layer's running statistics folded in)
     * quantized with their own {@code weight_fake_quant}'s observer. The modules that work on
     * quantized tensors as they are (ReLU, MaxPool2d, Flatten, Dropout, Identity) stay (see the class comment).
     *
     * @param prepared a model returned by {@link #prepare} and calibrated (left unchanged)
     * @return the quantized copy
     * @throws IllegalStateException when the model was not prepared
     */
    public static Module convert(Module prepared) {
        Module copy = Module.deepCopy(prepared);
        List<Module> from = prepared.modules(), to = copy.modules();
        for (int i = 0; i < from.size(); i++) {
            QConfig q = QCONFIGS.get(from.get(i));
            if (q != null) QCONFIGS.put(to.get(i), q);
        }
        if (QCONFIGS.get(copy) == null) {
            throw new IllegalStateException("convert: the model has no qconfig; run StaticQuantization.prepare and calibrate it first");
        }
        Module root = ModuleSwap.swap(copy, StaticQuantization::swap);
        for (Module m : root.modules()) {
            if (m instanceof ReLU || m instanceof MaxPool2d || m instanceof Flatten || m instanceof Dropout || m instanceof Identity) {
                m.registerForwardHook(StaticQuantization::keepQparams);
            }
        }
        return root;
    }

    private static Module swap(Module m) {
        if (QCONFIGS.get(m) == null) return null;
        if (m instanceof QuantStub s) return Quantize.fromFloat(s);
        if (m instanceof DeQuantStub) return new DeQuantize();
        if (m.getClass() == FloatFunctional.class) return QFunctional.fromFloat((FloatFunctional) m);
        if (m instanceof LinearReLU || m.getClass() == Linear.class || m instanceof org.torch4j.quantization.qat.Linear) {
            return QuantizedLinear.fromFloat(m);
        }
        if (m instanceof ConvReLU2d || m.getClass() == Conv2d.class || m instanceof org.torch4j.quantization.qat.ConvBase) {
            return QuantizedConv2d.fromFloat(m);
        }
        return null;
    }

    /** The forward hook of the ops that keep their input's quantization parameters. */
    private static Object keepQparams(Module m, List<Object> args, Object out) {
        if (args.isEmpty() || !(args.get(0) instanceof Tensor in) || !QuantizedTensor.isCarrier(in) || !(out instanceof Tensor t)) return null;
        if (t == in) return null;
        QuantizedTensor q = QuantizedTensor.of(in);
        if (Trace.recording()) {
            return Trace.op("aten::quantize_per_tensor", () -> keepQparams(m, args, out), t, q.qScale(), q.qZeroPoint(), q.dtype());
        }
        return Quantization.quantizePerTensor(t.to(DType.FLOAT32), q.qScale(), q.qZeroPoint(), q.dtype()).carrier();
    }

    /** The parameters of the observer {@code prepare} attached to {@code m} (an observer or a fake quantizer). */
    static QParams outputQparams(Module m) {
        Module pp = m.namedChildren().get(OBSERVER);
        if (pp instanceof ObserverBase || pp instanceof FakeQuantize) return qparams(pp);
        throw new IllegalStateException("'" + m.getClass().getSimpleName() + "' object has no attribute 'activation_post_process'");
    }

    /** An observer's or fake quantizer's {@code calculate_qparams()}. */
    static QParams qparams(Module postProcess) {
        if (postProcess instanceof FakeQuantize fq) return fq.calculateQparams();
        return observerOf(postProcess).calculateQparams();
    }

    /** The observer itself, or a fake quantizer's observer (for its dtype, scheme and axis). */
    static ObserverBase observerOf(Module postProcess) {
        if (postProcess instanceof FakeQuantize fq) return fq.activationPostProcess();
        if (postProcess instanceof ObserverBase obs) return obs;
        throw new IllegalStateException("expected an observer or a fake quantizer, got " + postProcess.getClass().getSimpleName());
    }

    /** The qconfig {@code prepare} gave {@code m}. */
    static QConfig qconfig(Module m) {
        QConfig q = QCONFIGS.get(m);
        if (q == null) throw new IllegalStateException("Input float module must have qconfig defined");
        return q;
    }

    /**
     * A float weight observed by a new weight observer of {@code qconfig} and quantized with its parameters
     * ({@code _quantize_weight}): per tensor, or per channel along the observer's axis.
     */
    static QuantizedTensor quantizeWeight(Tensor weight, QConfig qconfig) {
        return quantizeWeight(weight, qconfig.weight().get());
    }

    /**
     * A float weight run through {@code weightPostProcess} (an observer, or a QAT layer's {@code weight_fake_quant},
     * whose observer then sees it if enabled) and quantized with its {@code calculate_qparams()}.
     */
    static QuantizedTensor quantizeWeight(Tensor weight, Module weightPostProcess) {
        ObserverBase obs = observerOf(weightPostProcess);
        if (obs.dtype() != QDType.QINT8) throw new IllegalArgumentException("Weight observer must have dtype torch.qint8");
        Tensor w = weight.detach().to(DType.FLOAT32);
        try (var g = org.torch4j.Torch.noGrad()) {
            weightPostProcess.call(w);
        }
        QParams qp = qparams(weightPostProcess);
        if (obs.qscheme().isPerChannel()) {
            return Quantization.quantizePerChannel(w, qp.scale().to(DType.FLOAT64), qp.zeroPoint().to(DType.INT64), obs.chAxis(), obs.dtype());
        }
        return Quantization.quantizePerTensor(w, qp.scale().item(), qp.zeroPoint().itemLong(), obs.dtype());
    }

    private static Module get(Module root, String path) {
        Module m = root;
        for (String part : path.split("\\.")) {
            Module next = m.namedChildren().get(part);
            if (next == null) throw new IllegalArgumentException("'" + m.getClass().getSimpleName() + "' object has no attribute '" + part + "'");
            m = next;
        }
        return m;
    }

    private static void set(Module root, String path, Module replacement) {
        int dot = path.lastIndexOf('.');
        Module parent = dot < 0 ? root : get(root, path.substring(0, dot));
        String name = path.substring(dot + 1);
        ModuleSwap.replace(parent, name, replacement);
    }
}
