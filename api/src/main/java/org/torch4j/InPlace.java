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
        if (GradMode.isEnabled() && self.requiresGrad && self.isLeaf() && self.viewBase == null) {
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place operation.");
        }
        Tensor base = self.viewBase;
        if (GradMode.isEnabled() && base != null && base.requiresGrad && base.isLeaf()) {
            throw new IllegalStateException("a view of a leaf Variable that requires grad is being used in an in-place "
                    + "operation.");
        }
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
        Tensor base = self.viewBase;
        if (base != null && (base.requiresGrad || r.requiresGrad)) {
            rebaseView(base, self, r);
            return;
        }
        self.gradFn = r.gradFn;
        self.outputNr = r.outputNr;
        self.requiresGrad = r.requiresGrad || (self.requiresGrad && self.isLeaf());
    }

    /**
     * {@code view} (a view of {@code base}) was overwritten with {@code r}. The base's new node takes the
     * base's old gradient with the view region zeroed for the old history, and the region itself for r.
     */
    private static void rebaseView(Tensor base, Tensor view, Tensor r) {
        if (base.dtype() != view.dtype()) {
            // a real view of a complex tensor (viewAsReal, real(), imag()) or the reverse: its region is
            // in other units than the base's, which CopySlices does not translate
            throw new UnsupportedOperationException("in-place operations on a " + view.dtype() + " view of a " + base.dtype()
                    + " tensor that requires grad are not supported; write out of place (Torch.complex, viewAsComplex)");
        }
        if (!base.isContiguous()) {
            throw new UnsupportedOperationException("in-place operations on a view of a non-contiguous tensor that requires "
                    + "grad are not supported; call contiguous() on the base first");
        }
        long[] vShape = view.shape, vStrides = view.strides;
        long vOffset = view.offset - base.offset;
        Node.Edge oldBase = Autograd.gradEdge(base);
        Autograd.FormulaNode copySlices = new Autograd.FormulaNode("CopySlices", (g, n) -> {
            Tensor grad = g[0].contiguous();
            Tensor forBase = n.needsInputGrad(0) ? grad.mul(regionMask(grad, vShape, vStrides, vOffset)) : null;
            Tensor forView = n.needsInputGrad(1)
                    ? grad.asStrided(vShape, vStrides, grad.offset + vOffset).clone() : null;
            return new Tensor[] {forBase, forView};
        }, new Tensor[] {base, r});
        copySlices.next = new Node.Edge[] {oldBase, Autograd.gradEdge(r)};
        copySlices.save();
        base.gradFn = copySlices;
        base.outputNr = 0;
        base.requiresGrad = true;
        // the view now reads from the rebased base
        Autograd.FormulaNode viewNode = new Autograd.FormulaNode("AsStridedBackward0", (g, n) ->
                new Tensor[] {scatterIntoZeros(g[0], base.shape, vShape, vStrides, vOffset)}, new Tensor[] {base});
        viewNode.next = new Node.Edge[] {new Node.Edge(copySlices, 0)};
        viewNode.save();
        view.gradFn = viewNode;
        view.outputNr = 0;
        view.requiresGrad = true;
    }

    /** 1 outside the view region, 0 inside (for double backward through CopySlices). */
    private static Tensor regionMask(Tensor like, long[] shape, long[] strides, long offset) {
        Tensor mask = Torch.onesLike(like);
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            mask.asStrided(shape, strides, offset).zero_();
        }
        return mask;
    }

    /** A differentiable "zeros with g written into the view region" (for double backward). */
    private static Tensor scatterIntoZeros(Tensor g, long[] baseShape, long[] shape, long[] strides, long offset) {
        return Views.scatterRegion(g, baseShape, t -> t.asStrided(shape, strides, offset));
    }
}
