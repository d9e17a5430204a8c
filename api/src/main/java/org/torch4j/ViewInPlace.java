package org.torch4j;

import java.util.function.UnaryOperator;

/**
 * The in-place view ops ({@code squeeze_}, {@code t_}, {@code as_strided_}, ...): self takes the shape,
 * strides and offset of the view {@code op} makes of it, over the same storage, and the view's autograd
 * history (so {@code y.t_()} on a non-leaf has {@code TBackward}). A leaf that requires grad is refused as
 * in PyTorch.
 */
final class ViewInPlace {
    private ViewInPlace() {}

    static Tensor apply(Tensor self, UnaryOperator<Tensor> op) {
        self.checkOpen();
        InPlace.checkLeaf(self);
        Tensor v = op.apply(self);
        self.shape = v.shape.clone();
        self.strides = v.strides.clone();
        self.offset = v.offset;
        if (v.gradFn != null) {
            self.gradFn = v.gradFn;
            self.outputNr = v.outputNr;
        }
        v.close();
        return self;
    }
}
