package org.torch4j.nn;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.trace.Trace;

/**
 * The {@code inplace=True} of activation and dropout modules: the result is written into the input. Under
 * autograd the function runs on a copy of the input's old value (so the tensors its backward saves are not the
 * memory being overwritten) and {@code copy_} writes it back, which gives the input the function's history and
 * refuses a leaf that requires grad, as PyTorch does.
 */
final class InPlace {
    private InPlace() {}

    /**
     * {@code f(x)}, written into {@code x} when {@code inplace}. While a trace records (ONNX export, TensorBoard's
     * graph) the result is returned out of place: a graph has values, not memory, and a model that may overwrite
     * its input never reads the old value again.
     */
    static Tensor apply(boolean inplace, Tensor x, UnaryOperator<Tensor> f) {
        if (!inplace || Trace.recording()) return f.apply(x);
        Tensor y = f.apply(Torch.isGradEnabled() && x.requiresGrad() ? x.clone() : x);
        return y == x ? x : x.copy_(y);
    }

    /** PyTorch's extra_repr suffix for the flag: {@code ", inplace=True"} when set, else nothing. */
    static String suffix(boolean inplace) {
        return inplace ? ", inplace=True" : "";
    }
}
