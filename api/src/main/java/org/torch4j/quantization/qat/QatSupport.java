package org.torch4j.quantization.qat;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/** What the QAT layers share: copying parameter values, building without drawing. */
final class QatSupport {
    private QatSupport() {}

    /** Copies {@code src}'s values into {@code dst} without recording. */
    static void copy(Tensor dst, Tensor src) {
        try (var g = Torch.noGrad()) {
            dst.copy_(src.detach());
        }
    }

    /** Builds something without moving the global generator (for a module PyTorch makes by deepcopy, not by drawing). */
    static <T> T withoutDrawing(java.util.function.Supplier<T> build) {
        byte[] state = Torch.defaultGenerator().getState();
        try {
            return build.get();
        } finally {
            Torch.defaultGenerator().setState(state);
        }
    }
}
