package org.torch4j.amp;

import java.util.HashMap;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Autocast ({@code torch.autocast}): inside a scope opened by {@code Torch.autocast(device, dtype)},
 * the ops PyTorch lists as safe in lower precision (matmul, mm, bmm, addmm, baddbmm, linear,
 * convolution) cast their floating inputs on that device type to the scope's dtype, and the losses
 * PyTorch runs in float32 cast theirs to float32. float64 inputs are left alone, as in PyTorch. The
 * casts are ordinary differentiable ops, so gradients reach the float32 leaves in float32.
 *
 * <p>State is per thread, as PyTorch's; scopes nest and restore the enclosing state when closed.
 * The public entry points of those ops ({@code Tensor.matmul/mm/bmm}, {@code Torch.addmm/baddbmm},
 * {@code F.conv*}, convolution modules, {@code F}'s losses) call {@link #lowerPrecision} or
 * {@link #float32} first; {@code F.linear} reaches them through {@code addmm} and {@code matmul}.
 */
public final class Autocast {

    private Autocast() {}

    /** Per thread: device type to the dtype autocast casts to there (absent: autocast off). */
    private static final ThreadLocal<Map<String, DType>> STATE = ThreadLocal.withInitial(HashMap::new);

    /** PyTorch's default lower-precision dtype of a device type: bfloat16 on the CPU, float16 on CUDA. */
    public static DType defaultDtype(String deviceType) {
        return deviceType.equals("cpu") ? DType.BFLOAT16 : DType.FLOAT16;
    }

    /** Opens an autocast scope for {@code deviceType} ({@code enabled == false} turns autocast off inside). */
    public static Torch.Mode enter(String deviceType, DType dtype, boolean enabled) {
        if (dtype != DType.FLOAT16 && dtype != DType.BFLOAT16) {
            throw new IllegalArgumentException("autocast dtype must be torch.float16 or torch.bfloat16, got torch." + dtype.torchName());
        }
        if (deviceType.equals("cpu") && dtype != DType.BFLOAT16) {
            throw new IllegalArgumentException("In CPU autocast, but the target dtype is not supported. "
                    + "CPU Autocast only supports dtype of torch.bfloat16 currently.");
        }
        Map<String, DType> state = STATE.get();
        DType previous = state.get(deviceType);
        if (enabled) state.put(deviceType, dtype);
        else state.remove(deviceType);
        return () -> {
            if (previous == null) state.remove(deviceType);
            else state.put(deviceType, previous);
        };
    }

    /** Whether autocast is on for {@code deviceType} on this thread ({@code torch.is_autocast_enabled}). */
    public static boolean isEnabled(String deviceType) {
        return STATE.get().containsKey(deviceType);
    }

    /** The dtype autocast casts to on {@code deviceType}, or null when it is off. */
    public static DType dtype(String deviceType) {
        return STATE.get().get(deviceType);
    }

    /**
     * The inputs of a lower-precision op with floating, non-float64 tensors under autocast cast to its
     * dtype; null when none needs a cast (the common case, autocast off), so that callers go on as before.
     */
    public static Tensor[] lowerPrecision(Tensor... inputs) {
        Map<String, DType> state = STATE.get();
        if (state.isEmpty()) return null;
        Tensor[] r = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            DType to = t == null ? null : state.get(t.device().type());
            if (to != null && eligible(t) && t.dtype() != to) {
                if (r == null) r = inputs.clone();
                r[i] = t.to(to);
            }
        }
        return r;
    }

    /** The inputs of a float32 op (losses) with eligible tensors under autocast cast to float32; null when none changes. */
    public static Tensor[] float32(Tensor... inputs) {
        Map<String, DType> state = STATE.get();
        if (state.isEmpty()) return null;
        Tensor[] r = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t != null && state.containsKey(t.device().type()) && eligible(t) && t.dtype() != DType.FLOAT32) {
                if (r == null) r = inputs.clone();
                r[i] = t.to(DType.FLOAT32);
            }
        }
        return r;
    }

    private static boolean eligible(Tensor t) {
        return t.dtype().isFloatingPoint() && t.dtype() != DType.FLOAT64;
    }
}
