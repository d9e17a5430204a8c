package org.torch4j.nn;

import java.util.List;
import org.torch4j.Hook;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * A way of pruning a module's parameter ({@code torch.nn.utils.prune.BasePruningMethod}): it computes a mask
 * of zeros and ones from the parameter's values (or importance scores) and the mask so far. Applied by
 * {@link Prune}, it replaces the parameter {@code name} by {@code name_orig} and the buffer {@code name_mask},
 * and as the module's forward pre-hook makes the module's own tensor object (its field) stand for
 * {@code name_mask * name_orig} before each forward, so the pruned entries get no gradient.
 */
public abstract class PruningMethod implements ForwardPreHook {
    /** For subclasses: a method not yet applied to any module. */
    protected PruningMethod() {}

    /** How a method chooses what to prune, which decides what a {@link PruningContainer} lets it see. */
    public enum Type {
        /** Single entries: it sees the entries not pruned yet. */
        UNSTRUCTURED,
        /** Whole slices along {@link #dim()}: it sees the slices not pruned entirely yet. */
        STRUCTURED,
        /** The whole tensor. */
        GLOBAL
    }

    String tensorName;
    /** The module's own tensor object, which stands for the pruned value. */
    Parameter target;
    private Hook handle;

    /** Which kind of method this is ({@code PRUNING_TYPE}). */
    public abstract Type type();

    /** The dim whose slices a structured method prunes; unused by the others. */
    public int dim() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is not a structured pruning method");
    }

    /**
     * The new mask ({@code compute_mask}): zeros where {@code t} is to be pruned, starting from {@code defaultMask}
     * (the mask so far, or ones).
     */
    public abstract Tensor computeMask(Tensor t, Tensor defaultMask);

    /** The name of the pruned parameter, or null before the method is applied. */
    public String tensorName() {
        return tensorName;
    }

    /** {@code name_mask * name_orig} of {@code module} ({@code apply_mask}). */
    public Tensor applyMask(Module module) {
        Tensor orig = module.ownParameter(tensorName + "_orig"), mask = module.buffer(tensorName + "_mask");
        return mask.to(orig.dtype()).mul(orig);
    }

    @Override
    public List<Object> apply(Module module, List<Object> args) {
        Internals.get().rebind(target, applyMask(module));
        return null;
    }

    void attach(Module module) {
        handle = module.registerForwardPreHook(this);
    }

    void detach() {
        handle.remove();
    }

    /**
     * Makes the pruning permanent ({@code remove}): the parameter {@code name} registered again (the module's own
     * object), holding the pruned values, and {@code name_orig}, {@code name_mask} and the hook dropped.
     */
    void remove(Module module) {
        Tensor pruned;
        try (var g = Torch.noGrad()) {
            pruned = applyMask(module);
        }
        boolean grad = module.ownParameter(tensorName + "_orig").requiresGrad();
        Internals.get().rebind(target, pruned);
        if (grad) target.requiresGrad_();
        module.removeParameter(tensorName + "_orig");
        module.removeBuffer(tensorName + "_mask");
        module.registerParameter(tensorName, target);
        detach();
    }

    // ---- amounts ------------------------------------------------------------------------------------

    /** PyTorch's check of an amount at construction: a fraction in [0, 1], or a non-negative count. */
    static void checkAmount(Number amount) {
        boolean count = amount instanceof Integer || amount instanceof Long;
        double v = amount.doubleValue();
        if (count ? v < 0 : v > 1 || v < 0) {
            throw new IllegalArgumentException("amount=" + show(amount) + " should either be a float in the range [0, 1] or a "
                    + "non-negative integer");
        }
    }

    /** How many of {@code size} units an amount prunes: the count, or the fraction rounded half to even. */
    static long toPrune(Number amount, long size) {
        long n = amount instanceof Integer || amount instanceof Long ? amount.longValue() : (long) Math.rint(amount.doubleValue() * size);
        if ((amount instanceof Integer || amount instanceof Long) && n > size) {
            throw new IllegalArgumentException("amount=" + n + " should be smaller than the number of parameters to prune=" + size);
        }
        return n;
    }

    static String show(Number amount) {
        return amount instanceof Integer || amount instanceof Long ? amount.toString() : Py.repr(amount.doubleValue());
    }

    /** PyTorch's checks of a structured method's tensor and dim. */
    static int checkStructured(Tensor t, int dim) {
        if (t.dim() <= 1) {
            throw new IllegalArgumentException("Structured pruning can only be applied to multidimensional tensors. Found tensor of shape "
                    + Py.size(t.shape()) + " with " + t.dim() + " dims");
        }
        if (dim >= t.dim()) throw new IndexOutOfBoundsException("Invalid index " + dim + " for tensor of size " + Py.size(t.shape()));
        return dim < 0 ? dim + t.dim() : dim;
    }
}
