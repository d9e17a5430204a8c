package org.torch4j;

import java.util.Arrays;

/**
 * The autograd history of views whose base changes in place. Every view remembers its base (the tensor that
 * owns the memory, never itself a view) and the base's {@link Tensor#historyVersion} its {@code gradFn} was made
 * for. An in-place op on the base, or on any view of it, gives the base a new history: the op on a view through
 * {@link #rebase} (the base's node becomes PyTorch's {@code CopySlices}), on the base itself through
 * {@link InPlace}. Other views find out lazily, in {@link #sync}, and take an {@code AsStridedBackward0} node
 * over the base's new history, as PyTorch regenerates a view's grad_fn when its base's version moved on.
 *
 * <p>A view's elements are located in its base by storage position: the base's memory, taken in its stride
 * order (or, with gaps, as its whole span) and in the view's units (the real pairs of a complex base under a real
 * view), is a contiguous tensor, and the view is an {@code as_strided} of it. Bases whose elements overlap in
 * memory are refused.
 */
final class ViewHistory {
    private ViewHistory() {}

    /** A view of {@code base} made now: it tracks the base's history from here on. */
    static void adopt(Tensor view, Tensor base) {
        view.viewBase = base;
        view.seenBaseHistory = base.historyVersion;
        view.madeWithoutGrad = !GradMode.isEnabled();
    }

    /**
     * Before an in-place write to {@code t}: PyTorch's refusal, with grad mode on, of a view made with it off whose
     * base requires grad (the base's history would miss the write).
     */
    static void checkWrite(Tensor t) {
        if (t.viewBase != null && t.viewBase.requiresGrad && GradMode.isEnabled()) checkMadeWithGrad(t);
    }

    /** PyTorch's refusal of an in-place op, with grad mode on, on a view made with it off. */
    private static void checkMadeWithGrad(Tensor view) {
        if (view.madeWithoutGrad) {
            throw new IllegalStateException("A view was created in no_grad mode and is being modified inplace with grad "
                    + "mode enabled. " + NO_GRAD_ADVICE);
        }
    }

    private static final String NO_GRAD_ADVICE = "Given that this use case is ambiguous and error-prone, it is forbidden. "
            + "You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if "
            + "you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).";

    /** Brings a view's gradFn up to date with its base's history (a no-op for tensors that are not views). */
    static void sync(Tensor view) {
        Tensor base = view.viewBase;
        if (base == null || view.seenBaseHistory == base.historyVersion) return;
        if (view.madeWithoutGrad) {
            throw new IllegalStateException("A view was created in no_grad mode and its base or another view of its base "
                    + "has been modified inplace with grad mode enabled. " + NO_GRAD_ADVICE);
        }
        view.seenBaseHistory = base.historyVersion;
        if (!base.requiresGrad) {
            view.gradFn = null;
            view.outputNr = 0;
            view.requiresGrad = false;
            return;
        }
        readFrom(view, base, new Region(base, view));
    }

    /**
     * {@code view} (a view of {@code base}) was overwritten with {@code r}. The base's new node takes the
     * base's old gradient with the view region zeroed for the old history, and the region itself for r.
     */
    static void rebase(Tensor base, Tensor view, Tensor r) {
        checkMadeWithGrad(view);
        Region region = new Region(base, view);
        Node.Edge oldBase = Autograd.gradEdge(base);
        Autograd.FormulaNode copySlices = new Autograd.FormulaNode("CopySlices", (g, n) -> {
            Tensor grad = region.toUnits(g[0]);
            Tensor forBase = n.needsInputGrad(0) ? region.fromUnits(grad.maskedFill(region.insideMask(grad), 0.0)) : null;
            Tensor forView = n.needsInputGrad(1) ? region.of(grad).clone() : null;
            return new Tensor[] {forBase, forView};
        }, new Tensor[] {base, r});
        copySlices.next = new Node.Edge[] {oldBase, Autograd.gradEdge(r)};
        copySlices.save();
        base.gradFn = copySlices;
        base.outputNr = 0;
        base.requiresGrad = true;
        base.historyVersion++;
        view.seenBaseHistory = base.historyVersion;
        readFrom(view, base, region);
    }

    /** Makes {@code view}'s history "the region of base": a node scattering its gradient into the base's shape. */
    private static void readFrom(Tensor view, Tensor base, Region region) {
        Autograd.FormulaNode viewNode = new Autograd.FormulaNode("AsStridedBackward0",
                (g, n) -> new Tensor[] {region.scatter(g[0])}, new Tensor[] {base});
        viewNode.next = new Node.Edge[] {Autograd.gradEdge(base)};
        viewNode.save();
        view.gradFn = viewNode;
        view.outputNr = 0;
        view.requiresGrad = true;
        Autograd.moveRetainedGrad(view);
    }

    /**
     * Where a view lies in its base. A gradient of the base is brought into "units" (viewed as real pairs when
     * the base is complex and the view real; then, for a base without gaps in memory, permuted into its stride
     * order and made contiguous, for one with gaps, written into its memory span, zeros between): there the view
     * is {@code as_strided(shape, strides, offset)}, with the view's own strides.
     */
    private static final class Region {
        private final boolean realPairs;
        /** The base in units (real pairs, if so), relative to its first element. */
        private final long[] baseShape;
        private final long[] baseStrides;
        /** Dense bases: the base's dims in stride order, and back; null for a base with gaps. */
        private final int[] order;
        private final int[] inverse;
        private final long[] unitsShape;
        private final long[] shape;
        private final long[] strides;
        private final long offset;

        Region(Tensor base, Tensor view) {
            realPairs = base.dtype() != view.dtype();
            if (realPairs && !(base.isComplex() && view.dtype() == base.dtype().toReal())) {
                throw new UnsupportedOperationException("in-place autograd through a " + view.dtype() + " view of a "
                        + base.dtype() + " tensor is not supported; write out of place (Torch.complex, viewAsReal)");
            }
            long[] bShape = base.shape, bStrides = base.strides;
            long bOffset = base.offset;
            if (realPairs) {
                int r = bShape.length;
                bShape = Arrays.copyOf(bShape, r + 1);
                bShape[r] = 2;
                bStrides = Arrays.copyOf(bStrides, r + 1);
                for (int i = 0; i < r; i++) bStrides[i] *= 2;
                bStrides[r] = 1;
                bOffset *= 2;
            }
            baseShape = bShape;
            baseStrides = bStrides;
            if (Shapes.nonOverlappingAndDense(bShape, bStrides)) {
                order = strideOrder(bStrides);
                inverse = new int[order.length];
                unitsShape = new long[order.length];
                for (int i = 0; i < order.length; i++) {
                    inverse[order[i]] = i;
                    unitsShape[i] = bShape[order[i]];
                }
            } else if (Views.hasOverlap(bShape, bStrides)) {
                throw new UnsupportedOperationException("in-place operations on a view of a tensor whose elements overlap "
                        + "in memory (size " + Shapes.str(base.shape) + ", stride " + Shapes.str(base.strides)
                        + ") are not supported when it requires grad; call contiguous() on it first");
            } else {
                order = inverse = null;
                long span = 1;
                for (int i = 0; i < bShape.length; i++) if (bShape[i] > 0) span += (bShape[i] - 1) * bStrides[i];
                unitsShape = new long[] {Shapes.numel(bShape) == 0 ? 0 : span};
            }
            shape = view.shape;
            strides = view.strides;
            offset = view.offset - bOffset;
        }

        /** The base's dims from the largest stride to the smallest (a stable order, ties kept). */
        private static int[] strideOrder(long[] strides) {
            Integer[] dims = new Integer[strides.length];
            for (int i = 0; i < dims.length; i++) dims[i] = i;
            Arrays.sort(dims, (a, b) -> Long.compare(strides[b], strides[a]));
            return Arrays.stream(dims).mapToInt(Integer::intValue).toArray();
        }

        private boolean permuted() {
            for (int i = 0; i < order.length; i++) if (order[i] != i) return true;
            return false;
        }

        /** A gradient of the base (its shape and dtype) as a contiguous tensor in units. */
        Tensor toUnits(Tensor g) {
            Tensor t = realPairs ? Complexes.viewAsReal(g) : g;
            if (order == null) return Views.scatterRegion(t, unitsShape, this::base);
            return (permuted() ? t.permute(order) : t).contiguous();
        }

        /** The inverse of {@link #toUnits}. */
        Tensor fromUnits(Tensor t) {
            Tensor b = order == null ? base(t) : permuted() ? t.permute(inverse) : t;
            return realPairs ? Complexes.newComplex(b.contiguous()) : b;
        }

        /** The base's elements of its memory span (a base with gaps). */
        private Tensor base(Tensor span) {
            return span.asStrided(baseShape, baseStrides, span.offset);
        }

        /** The view's elements of a contiguous tensor in units (a view of it). */
        Tensor of(Tensor units) {
            return units.asStrided(shape, strides, units.offset + offset);
        }

        /**
         * True at the view's elements, in units: where the base's old history gets no gradient (filled, not
         * multiplied by 0, which would keep a NaN or infinity there, as PyTorch's CopySlices overwrites it).
         */
        Tensor insideMask(Tensor units) {
            Tensor mask = Torch.zeros(units.shape(), DType.BOOL, units.device());
            try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
                of(mask).fill_(1L);
            }
            return mask;
        }

        /** The base's gradient from the view's: {@code g} written into zeros, differentiable for double backward. */
        Tensor scatter(Tensor g) {
            return fromUnits(Views.scatterRegion(g, unitsShape, this::of));
        }
    }
}
