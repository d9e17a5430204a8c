package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Records;
import org.torch4j.nn.BatchNorm;
import org.torch4j.nn.Module;

/**
 * {@code torch.optim.swa_utils}' function {@code update_bn}; the other two members are {@link AveragedModel} and
 * {@link SWALR}.
 */
public final class SwaUtils {
    private SwaUtils() {}

    /**
     * Recomputes the batch-norm running statistics of {@code model} with one pass over {@code loader}
     * ({@code update_bn(loader, model)}), as needed after averaging weights: every {@link BatchNorm} module that
     * tracks running statistics is reset (mean 0, variance 1, batch count 0) and, with its momentum set to None
     * for the pass (a cumulative average over the batches), the model runs in training mode on each batch
     * without recording gradients; momentum and the model's training mode are restored afterwards. A model
     * without batch norm is left untouched and nothing is read from the loader.
     *
     * <p>Each batch is the model's input when it is a tensor, else its first element: the first element of a
     * {@code List} or array, the first component of a record (PyTorch takes {@code input[0]} of a list or tuple).
     *
     * @throws IllegalArgumentException for a batch none of these forms
     */
    public static void updateBn(Iterable<?> loader, Module model) {
        updateBn(loader, model, null, SwaUtils::firstTensor);
    }

    /** {@code update_bn(loader, model, device)}: each input is moved to {@code device} first (null: left where it is). */
    public static void updateBn(Iterable<?> loader, Module model, Device device) {
        updateBn(loader, model, device, SwaUtils::firstTensor);
    }

    /**
     * {@link #updateBn(Iterable, Module, Device)} with the model's input picked from each batch by {@code input}
     * (for batches whose input is not their first element).
     */
    public static <B> void updateBn(Iterable<B> loader, Module model, Device device, Function<? super B, Tensor> input) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(input, "input");
        Map<BatchNorm, Double> momenta = new LinkedHashMap<>();
        for (Module m : model.modules()) {
            if (m instanceof BatchNorm bn && bn.trackRunningStats) momenta.put(bn, bn.momentum);
        }
        if (momenta.isEmpty()) return;
        boolean wasTraining = model.isTraining();
        try (var g = Torch.noGrad()) {
            model.train();
            for (BatchNorm bn : momenta.keySet()) {
                bn.resetRunningStats();
                bn.momentum = null;
            }
            for (B batch : loader) {
                Tensor x = input.apply(batch);
                model.call(device == null ? x : x.to(device));
            }
        } finally {
            momenta.forEach((bn, momentum) -> bn.momentum = momentum);
            model.train(wasTraining);
        }
    }

    private static Tensor firstTensor(Object batch) {
        Object first = switch (batch) {
            case Tensor t -> t;
            case List<?> l when !l.isEmpty() -> l.get(0);
            case Object[] a when a.length > 0 -> a[0];
            case Record r when r.getClass().getRecordComponents().length > 0 -> Records.values(r)[0];
            case null, default -> null;
        };
        if (first instanceof Tensor t) return t;
        throw new IllegalArgumentException("update_bn: expected each batch to be a Tensor, or a list, array or record whose first element is one, but got "
                + (batch == null ? "null" : batch.getClass().getName()));
    }
}
