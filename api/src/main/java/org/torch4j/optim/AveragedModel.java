package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * A running average of a model's weights for stochastic weight averaging and weight EMAs
 * ({@code torch.optim.swa_utils.AveragedModel}): it holds a {@link Module#deepCopy deep copy} of the model, and
 * each {@link #updateParameters} folds the model's current parameters into the copy's: the first call copies
 * them, later ones apply {@code avgFn(averaged, current, nAveraged)}, by default the equal-weight average
 * {@code averaged + (current - averaged) / (nAveraged + 1)}. With {@code useBuffers} the buffers (batch-norm
 * statistics) are averaged the same way; without, they stay those of the copy, which {@link SwaUtils#updateBn}
 * recomputes. The state dict holds {@code n_averaged} and the copy's state under {@code module.}, as PyTorch's.
 *
 * <pre>{@code
 * var swa = new AveragedModel<>(model);
 * var swaScheduler = new SWALR(opt, 0.05);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     train(model, opt);
 *     if (epoch >= 75) { swa.updateParameters(model); swaScheduler.step(); }
 * }
 * SwaUtils.updateBn(loader, swa);
 * Tensor prediction = swa.forward(x);
 * }</pre>
 *
 * @param <M> the model's class; {@link #module} is the averaged copy, for calls other than {@code forward(Tensor)}
 */
public class AveragedModel<M extends Module> extends Module {

    /**
     * How a parameter is averaged ({@code avg_fn}): the new value from the averaged one, the model's current one
     * and the number of models averaged so far (a 0-dim int64 tensor), all detached.
     */
    @FunctionalInterface
    public interface AvgFn {
        /** The new averaged value. */
        Tensor apply(Tensor averaged, Tensor current, Tensor numAveraged);
    }

    /** The averaged copy of the model. */
    public final M module;
    /** Whether buffers are averaged too ({@code use_buffers}). */
    public final boolean useBuffers;
    private final AvgFn avgFn;
    private final Tensor nAveraged;

    /** An equal-weight average of {@code model}'s parameters, kept where the model is ({@code AveragedModel(model)}). */
    public AveragedModel(M model) {
        this(model, null, null, false);
    }

    /**
     * {@code AveragedModel(model, device, avg_fn, use_buffers)}.
     *
     * @param device where the average is kept (null: the model's devices)
     * @param avgFn the averaging function (null: the equal-weight average)
     * @param useBuffers whether buffers are averaged as well as parameters
     * @throws IllegalStateException when the model cannot be deep-copied (see {@link Module#deepCopy})
     */
    public AveragedModel(M model, Device device, AvgFn avgFn, boolean useBuffers) {
        M copy = Module.deepCopy(Objects.requireNonNull(model, "model"));
        if (device != null) copy.to(device);
        this.module = registerModule("module", copy);
        this.nAveraged = registerBuffer("n_averaged", Torch.zeros(new long[0], DType.INT64, device == null ? Device.CPU : device));
        this.avgFn = avgFn == null ? AveragedModel::equalWeights : avgFn;
        this.useBuffers = useBuffers;
    }

    private static Tensor equalWeights(Tensor averaged, Tensor current, Tensor numAveraged) {
        return averaged.add(current.sub(averaged).div(numAveraged.add(1L)));
    }

    /** The averaged model's output ({@code module(x)}, with its hooks). */
    @Override
    public Tensor forward(Tensor input) {
        return module.call(input);
    }

    /** The number of models averaged so far ({@code n_averaged}, a 0-dim int64 buffer). */
    public Tensor nAveraged() {
        return nAveraged;
    }

    /**
     * Folds {@code model}'s current parameters (and buffers, with {@code useBuffers}) into the average, in
     * registration order, and counts one more model ({@code update_parameters}).
     *
     * @throws IllegalArgumentException when {@code model} has a different number of parameters (or buffers) than the
     *     average, where PyTorch would silently average only the first ones; shape mismatches fail as {@code copy_} does
     */
    public void updateParameters(Module model) {
        List<Tensor> mine = tensors(module), theirs = tensors(model);
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("update_parameters: the model has " + theirs.size() + (useBuffers ? " parameters and buffers" : " parameters")
                    + " but the averaged model has " + mine.size());
        }
        try (var g = Torch.noGrad()) {
            boolean first = nAveraged.itemLong() == 0;
            for (int i = 0; i < mine.size(); i++) {
                Tensor averaged = mine.get(i).detach();
                Tensor current = theirs.get(i).detach().to(averaged.device());
                averaged.copy_(first ? current : avgFn.apply(averaged, current, nAveraged.to(averaged.device())));
            }
            nAveraged.add_(1L);
        }
    }

    private List<Tensor> tensors(Module m) {
        List<Tensor> out = new ArrayList<>(m.parameters());
        if (useBuffers) out.addAll(m.buffers());
        return out;
    }
}
