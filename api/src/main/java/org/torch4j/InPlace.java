package org.torch4j;

import java.util.function.UnaryOperator;

/**
 * In-place ops under autograd. The op runs out of place on a copy of self's old value (so the tensors
 * its backward saves are not the memory being overwritten; add_ and sub_, whose backward saves nothing, run on
 * self itself, one copy fewer), the result is written into self, and
 * self takes over the result's history. When self is a view, its base's history is rebased too: the
 * base gets a {@code CopySlices} node that routes the view region's gradient through the op.
 */
final class InPlace {
    private InPlace() {}

    static void checkLeaf(Tensor self) {
        ViewHistory.sync(self);
        if (GradMode.isEnabled() && self.requiresGrad && self.isLeaf() && self.viewBase == null) {
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place operation.");
        }
        Tensor base = self.viewBase;
        if (GradMode.isEnabled() && base != null && base.requiresGrad && base.isLeaf()) {
            throw new IllegalStateException("a view of a leaf Variable that requires grad is being used in an in-place "
                    + "operation.");
        }
        ViewHistory.checkWrite(self);
    }

    static Tensor apply(Tensor self, java.util.function.Supplier<Tensor> outOfPlace) {
        return apply(self, t -> outOfPlace.get(), false);
    }

    /** Runs {@code op} on self's old value and writes the result into self, rebasing the graph. */
    static Tensor apply(Tensor self, UnaryOperator<Tensor> op, boolean onCopy) {
        checkLeaf(self);
        Tensor r = op.apply(onCopy ? self.clone() : self);
        if (r.storage == self.storage) r = r.clone();
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Conversions.copyInto(self, r);
        }
        self.storage.bumpVersion();
        replaceHistory(self, r);
        return self;
    }

    /**
     * After a kernel wrote an op's result into self's memory: bumps the version, and {@code record} makes the op's
     * node for (self, result), where self still carries its old history (the node's input edge) and result is self's
     * memory at the new version (what the node may save); then self takes result's place in the graph.
     */
    static Tensor recordWritten(Tensor self, java.util.function.Consumer<Tensor> record) {
        self.storage.bumpVersion();
        Tensor result = self.view(self.shape, self.strides, self.offset);
        record.accept(result);
        replaceHistory(self, result);
        return self;
    }

    /** Makes {@code self} (whose data now equals {@code r}'s) take r's place in the graph. */
    static void replaceHistory(Tensor self, Tensor r) {
        if (!GradMode.isEnabled()) return;  // as PyTorch: an in-place op under no_grad keeps the history
        Tensor base = self.viewBase;
        if (base != null && (base.requiresGrad || r.requiresGrad)) {
            ViewHistory.rebase(base, self, r);
            return;
        }
        boolean leafRequiringGrad = self.requiresGrad && self.gradFn == null;
        if (self.gradFn != r.gradFn && self.viewBase == null) self.historyVersion++;
        self.gradFn = r.gradFn;
        self.outputNr = r.outputNr;
        self.requiresGrad = r.requiresGrad || leafRequiringGrad;
        Autograd.moveRetainedGrad(self);
    }
}
