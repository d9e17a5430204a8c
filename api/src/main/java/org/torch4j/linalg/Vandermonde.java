package org.torch4j.linalg;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * torch.linalg.vander: torch.vander's increasing powers, batched over the leading dims of x. Each
 * row of the flattened x is one row of torch.vander, so that op's formula (and gradient) serves.
 */
final class Vandermonde {
    private Vandermonde() {}

    static Tensor vander(Tensor x, Long n) {
        DType d = x.dtype();
        if (d == DType.FLOAT16 || d == DType.BFLOAT16 || d == DType.BOOL) {
            throw new IllegalArgumentException("linalg.vander supports floating point, complex, and integer tensors, but got "
                    + Internals.get().cppName(d));
        }
        long cols = n != null ? n : x.dim() == 0 ? 1 : x.size(-1);
        if (cols <= 1) throw new IllegalArgumentException("N must be greater than 1.");
        long[] shape = Arrays.copyOf(x.shape(), x.dim() + 1);
        shape[x.dim()] = cols;
        return Torch.vander(x.reshape(-1), cols, true).reshape(shape);
    }
}
