package org.torch4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * {@code torch.nn.utils.prune}: masking entries or slices of a module's parameter. Pruning {@code name}
 * registers the parameter {@code name_orig} and the buffer {@code name_mask} in its place and a forward
 * pre-hook (the {@link PruningMethod}) that makes the module's own tensor stand for
 * {@code name_mask * name_orig}; pruning it again multiplies the masks through a {@link PruningContainer};
 * {@link #remove} makes it permanent. The methods are the nested classes, with PyTorch's names.
 *
 * <p>Unlike PyTorch, where the module's parameter object becomes {@code name_orig}, {@code name_orig} is a
 * new parameter over the same data: build optimizers after pruning.
 */
public final class Prune {
    private Prune() {}

    /** Prunes nothing ({@code prune.Identity}): a mask of ones. */
    public static final class Identity extends PruningMethod {
        /** {@code prune.Identity()}: no options. */
        public Identity() {}

        @Override
        public Type type() {
            return Type.UNSTRUCTURED;
        }

        @Override
        public Tensor computeMask(Tensor t, Tensor defaultMask) {
            return defaultMask;
        }
    }

    /** Prunes {@code amount} entries chosen at random ({@code prune.RandomUnstructured}). */
    public static final class RandomUnstructured extends PruningMethod {
        private final Number amount;

        /**
         * A method pruning {@code amount} entries.
         *
         * @param amount a fraction in [0, 1] (a Double) or a count (an Integer or Long) of entries
         * @throws IllegalArgumentException for a fraction outside [0, 1] or a negative count, as PyTorch words it
         */
        public RandomUnstructured(Number amount) {
            checkAmount(amount);
            this.amount = amount;
        }

        @Override
        public Type type() {
            return Type.UNSTRUCTURED;
        }

        /** The entries of the {@code amount} largest of {@code rand_like(t)}, as PyTorch draws them. */
        @Override
        public Tensor computeMask(Tensor t, Tensor defaultMask) {
            long n = toPrune(amount, t.numel());
            if (n == 0) return defaultMask.clone();
            return zeroAt(defaultMask, Torch.randLike(t).reshape(-1).topk((int) n).indices());
        }
    }

    /** Prunes the {@code amount} entries of smallest magnitude ({@code prune.L1Unstructured}). */
    public static final class L1Unstructured extends PruningMethod {
        private final Number amount;

        /**
         * A method pruning {@code amount} entries.
         *
         * @param amount a fraction in [0, 1] (a Double) or a count (an Integer or Long) of entries
         * @throws IllegalArgumentException for a fraction outside [0, 1] or a negative count, as PyTorch words it
         */
        public L1Unstructured(Number amount) {
            checkAmount(amount);
            this.amount = amount;
        }

        @Override
        public Type type() {
            return Type.UNSTRUCTURED;
        }

        @Override
        public Tensor computeMask(Tensor t, Tensor defaultMask) {
            long n = toPrune(amount, t.numel());
            if (n == 0) return defaultMask.clone();
            return zeroAt(defaultMask, t.abs().reshape(-1).topk((int) n, 0, false, true).indices());
        }
    }

    /** Prunes {@code amount} slices along {@code dim} chosen at random ({@code prune.RandomStructured}). */
    public static final class RandomStructured extends PruningMethod {
        private final Number amount;
        private final int dim;

        /**
         * A method pruning {@code amount} slices along {@code dim}.
         *
         * @param amount a fraction in [0, 1] (a Double) or a count (an Integer or Long) of slices
         * @throws IllegalArgumentException for a fraction outside [0, 1] or a negative count, as PyTorch words it
         */
        public RandomStructured(Number amount, int dim) {
            checkAmount(amount);
            this.amount = amount;
            this.dim = dim;
        }

        @Override
        public Type type() {
            return Type.STRUCTURED;
        }

        @Override
        public int dim() {
            return dim;
        }

        /** Keeps the slices whose {@code torch.rand(channels)} draw exceeds the amount-th smallest draw. */
        @Override
        public Tensor computeMask(Tensor t, Tensor defaultMask) {
            int d = checkStructured(t, dim);
            long channels = t.size(d), n = toPrune(amount, channels);
            if (n == 0) return defaultMask;
            double[] prob = Torch.rand(channels).toDoubleArray();
            double threshold = Torch.tensor(prob, channels).sort().values().toDoubleArray()[(int) n - 1];
            List<Long> kept = new ArrayList<>();
            for (int c = 0; c < channels; c++) if (prob[c] > threshold) kept.add((long) c);
            return slices(t, d, kept).mul(defaultMask.to(t.dtype()));
        }
    }

    /** Prunes the {@code amount} slices along {@code dim} of smallest {@code n}-norm ({@code prune.LnStructured}). */
    public static final class LnStructured extends PruningMethod {
        private final Number amount;
        private final double n;
        private final int dim;

        /**
         * A method pruning the {@code amount} slices along {@code dim} of smallest {@code n}-norm.
         *
         * @param amount a fraction in [0, 1] (a Double) or a count (an Integer or Long) of slices
         * @param n the norm's order (1, 2, infinity, ...)
         */
        public LnStructured(Number amount, double n, int dim) {
            checkAmount(amount);
            this.amount = amount;
            this.n = n;
            this.dim = dim;
        }

        @Override
        public Type type() {
            return Type.STRUCTURED;
        }

        @Override
        public int dim() {
            return dim;
        }

        @Override
        public Tensor computeMask(Tensor t, Tensor defaultMask) {
            int d = checkStructured(t, dim);
            long channels = t.size(d), prune = toPrune(amount, channels);
            int[] others = new int[t.dim() - 1];
            for (int i = 0, j = 0; i < t.dim(); i++) if (i != d) others[j++] = i;
            Tensor norm = t.norm(n, others, false);
            long[] keep = norm.topk((int) (channels - prune), 0, true, true).indices().toLongArray();
            if (prune == 0) return defaultMask;
            List<Long> kept = new ArrayList<>();
            for (long c : keep) kept.add(c);
            return slices(t, d, kept).mul(defaultMask.to(t.dtype()));
        }
    }

    /** Prunes where a given mask is 0 ({@code prune.CustomFromMask}). */
    public static final class CustomFromMask extends PruningMethod {
        private final Tensor mask;

        /**
         * A method pruning where {@code mask} is 0.
         *
         * @param mask zeros where the parameter is to be pruned, ones elsewhere, of the parameter's shape
         */
        public CustomFromMask(Tensor mask) {
            this.mask = mask.keep();
        }

        @Override
        public Type type() {
            return Type.GLOBAL;
        }

        @Override
        public Tensor computeMask(Tensor t, Tensor defaultMask) {
            if (!java.util.Arrays.equals(defaultMask.shape(), mask.shape())) {
                throw new IllegalArgumentException("the mask of shape " + Py.size(mask.shape()) + " does not match the tensor's "
                        + Py.size(defaultMask.shape()));
            }
            return defaultMask.mul(mask.to(defaultMask.dtype()));
        }
    }

    /** {@code default_mask} with the flat positions {@code index} set to 0. */
    private static Tensor zeroAt(Tensor defaultMask, Tensor index) {
        double[] m = defaultMask.contiguous().toDoubleArray();
        for (long i : index.toLongArray()) m[(int) i] = 0;
        return Masks.of(m, defaultMask, defaultMask.shape());
    }

    /** Ones on the slices {@code kept} of {@code t} along {@code dim}, zeros elsewhere, in {@code t}'s dtype. */
    private static Tensor slices(Tensor t, int dim, List<Long> kept) {
        return Masks.of(new Masks.Slices(t.shape(), dim).ones(kept), t, t.shape());
    }

    // ---- applying ---------------------------------------------------------------------------------------

    /**
     * Prunes {@code module}'s parameter {@code name} by {@code method} ({@code BasePruningMethod.apply}): the mask is
     * computed from {@code importanceScores} (null: the parameter's current value). A parameter pruned before gets a
     * {@link PruningContainer} holding its methods, this one last. Nothing changes when the mask cannot be computed.
     *
     * @return the method now hooked on the module (the container when there was a method before)
     */
    public static PruningMethod apply(Module module, String name, PruningMethod method, Tensor importanceScores) {
        PruningMethod old = hook(module, name);
        method.tensorName = name;
        PruningMethod combined = method;
        if (old instanceof PruningContainer c) {
            combined = c;
        } else if (old != null) {
            combined = new PruningContainer(old);
        }
        Parameter target = old != null ? old.target : module.ownParameter(name);
        if (target == null) throw new IllegalArgumentException("'" + module.getClass().getSimpleName() + "' object has no attribute '" + name + "'");
        Tensor current = old != null ? old.applyMask(module) : target;
        if (importanceScores != null && !java.util.Arrays.equals(importanceScores.shape(), current.shape())) {
            throw new IllegalArgumentException("importance_scores should have the same shape as parameter " + name + " of " + module);
        }
        Tensor mask;
        try (var g = Torch.noGrad()) {
            Tensor scores = (importanceScores != null ? importanceScores : current).detach();
            Tensor defaultMask = old != null ? module.buffer(name + "_mask").clone() : Torch.onesLike(target);
            if (combined instanceof PruningContainer c) c.add(method);
            try {
                mask = combined.computeMask(scores, defaultMask).keep();
            } catch (RuntimeException e) {
                if (combined instanceof PruningContainer c) c.removeLast();   // the module keeps its pruning as it was
                throw e;
            }
        }
        if (old == null) {
            module.removeParameter(name);
            module.registerParameter(name + "_orig", new Parameter(target.detach(), target.requiresGrad()));
            module.registerBuffer(name + "_mask", mask);
        } else {
            module.setBuffer(name + "_mask", mask);
            old.detach();
        }
        combined.target = target;
        Internals.get().rebind(target, combined.applyMask(module));
        combined.attach(module);
        return combined;
    }

    /** The pruning method hooked on {@code module} for {@code name}, or null. */
    static PruningMethod hook(Module module, String name) {
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof PruningMethod p && name.equals(p.tensorName)) return p;
        }
        return null;
    }

    /** {@code prune.identity(module, name)}: the pruning layout with a mask of ones. */
    public static Module identity(Module module, String name) {
        apply(module, name, new Identity(), null);
        return module;
    }

    /** {@code prune.random_unstructured(module, name, amount)}. */
    public static Module randomUnstructured(Module module, String name, Number amount) {
        apply(module, name, new RandomUnstructured(amount), null);
        return module;
    }

    /** {@code prune.l1_unstructured(module, name, amount, importance_scores)} (scores may be null). */
    public static Module l1Unstructured(Module module, String name, Number amount, Tensor importanceScores) {
        apply(module, name, new L1Unstructured(amount), importanceScores);
        return module;
    }

    /** {@code prune.random_structured(module, name, amount, dim)}. */
    public static Module randomStructured(Module module, String name, Number amount, int dim) {
        apply(module, name, new RandomStructured(amount, dim), null);
        return module;
    }

    /** {@code prune.ln_structured(module, name, amount, n, dim, importance_scores)} (scores may be null). */
    public static Module lnStructured(Module module, String name, Number amount, double n, int dim, Tensor importanceScores) {
        apply(module, name, new LnStructured(amount, n, dim), importanceScores);
        return module;
    }

    /** {@code prune.custom_from_mask(module, name, mask)}. */
    public static Module customFromMask(Module module, String name, Tensor mask) {
        apply(module, name, new CustomFromMask(mask), null);
        return module;
    }

    /**
     * {@code prune.remove(module, name)}: the pruning made permanent, the parameter {@code name} holding the
     * pruned values again.
     */
    public static Module remove(Module module, String name) {
        PruningMethod p = hook(module, name);
        if (p == null) {
            throw new IllegalArgumentException("Parameter '" + name + "' of module " + module + " has to be pruned before pruning can be removed");
        }
        p.remove(module);
        return module;
    }

    /** {@code prune.is_pruned(module)}: whether it or a submodule has a pruned parameter. */
    public static boolean isPruned(Module module) {
        for (Module m : module.modules()) {
            for (ForwardPreHook h : m.forwardPreHooks()) if (h instanceof PruningMethod) return true;
        }
        return false;
    }

    /**
     * A (module, parameter name) pair for {@link #globalUnstructured}.
     *
     * @param module the module holding the parameter
     * @param name the parameter's name in that module, e.g. {@code "weight"}
     */
    public record Target(Module module, String name) {}

    /**
     * {@code prune.global_unstructured}: one unstructured method applied to all the parameters at once, as if they
     * were one vector (the values of already pruned ones, their masks as the mask so far); each then gets its part
     * of the mask through {@link CustomFromMask}.
     *
     * @param importanceScores scores per target (missing ones: the values), or null
     */
    public static void globalUnstructured(List<Target> targets, PruningMethod method, Map<Target, Tensor> importanceScores) {
        if (method.type() != PruningMethod.Type.UNSTRUCTURED) {
            throw new IllegalArgumentException("Only \"unstructured\" PRUNING_TYPE supported for the `pruning_method`. Found method "
                    + "<class 'torch.nn.utils.prune." + method.getClass().getSimpleName() + "'> of type " + method.type().name().toLowerCase());
        }
        List<Tensor> scores = new ArrayList<>(), masks = new ArrayList<>();
        for (Target t : targets) {
            PruningMethod old = hook(t.module(), t.name());
            Tensor value = old != null ? old.applyMask(t.module()) : t.module().ownParameter(t.name());
            if (value == null) throw new IllegalArgumentException("'" + t.module().getClass().getSimpleName() + "' object has no attribute '" + t.name() + "'");
            Tensor s = importanceScores == null ? null : importanceScores.get(t);
            scores.add((s != null ? s : value).detach().reshape(-1));
            masks.add(old != null ? t.module().buffer(t.name() + "_mask").reshape(-1) : Torch.onesLike(value).reshape(-1));
        }
        Tensor finalMask;
        try (var g = Torch.noGrad()) {
            PruningContainer container = new PruningContainer("temp");
            method.tensorName = "temp";
            container.add(method);
            finalMask = container.computeMask(Torch.cat(scores, 0), Torch.cat(masks, 0));
        }
        long at = 0;
        for (Target t : targets) {
            long n = scores.get(targets.indexOf(t)).numel();
            Tensor part = finalMask.narrow(0, at, n).reshape(t.module().ownParameter(t.name()) != null
                    ? t.module().ownParameter(t.name()).shape() : t.module().ownParameter(t.name() + "_orig").shape());
            customFromMask(t.module(), t.name(), part);
            at += n;
        }
    }
}
