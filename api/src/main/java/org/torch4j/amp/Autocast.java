package org.torch4j.amp;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Autocast ({@code torch.autocast}): inside a scope opened by {@code Torch.autocast(device, dtype)},
 * the ops PyTorch lists as safe in lower precision (matmul, mm, bmm, addmm, baddbmm, linear,
 * convolution) cast their floating inputs on that device type to the scope's dtype, and the ops on
 * that device type's float32 list cast theirs to float32. float64 inputs are left alone, as in
 * PyTorch. The casts are ordinary differentiable ops, so gradients reach the float32 leaves in float32.
 *
 * <p>The float32 lists differ by device type, as PyTorch's do. On the CPU (PyTorch 1.13's list, checked
 * op by op against PyTorch): the losses, {@code prod} and {@code ctc_loss}. On CUDA (the list of
 * {@code torch.amp}'s documentation, for the ops torch4j has): the losses, {@code prod}, {@code softmax},
 * {@code log_softmax}, {@code layer_norm}, {@code group_norm} and {@code softplus}; and
 * {@code binary_cross_entropy} is refused there, as PyTorch refuses it. PyTorch's CUDA list also holds
 * pointwise and reduction ops ({@code exp}, {@code log}, {@code pow}, {@code sum}, {@code cumsum}, ...);
 * torch4j composes batch norm, GELU and other ops from those public ops, so casting them would change
 * the dtypes those composites return, which PyTorch computes in one kernel each: they are left out.
 *
 * <p>State is per thread, as PyTorch's; scopes nest and restore the enclosing state when closed.
 * The public entry points of those ops ({@code Tensor.matmul/mm/bmm/prod}, {@code Torch.addmm/baddbmm},
 * {@code F.conv*}, convolution modules, {@code F}'s losses, softmax and normalisations) call
 * {@link #lowerPrecision} or {@link #float32(String, Tensor...)} first; {@code F.linear} reaches them
 * through {@code addmm} and {@code matmul}.
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

    /** The losses: float32 on the CPU and on CUDA. */
    private static final Set<String> LOSSES = Set.of("mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy",
            "nll_loss", "binary_cross_entropy_with_logits", "kl_div", "cosine_embedding_loss", "margin_ranking_loss");

    /** Per device type, the ops (PyTorch's names) autocast runs in float32. */
    private static final Map<String, Set<String>> FLOAT32 = Map.of(
            "cpu", union(LOSSES, Set.of("binary_cross_entropy", "ctc_loss", "prod")),
            "cuda", union(LOSSES, Set.of("prod", "softmax", "log_softmax", "layer_norm", "group_norm", "softplus")));

    /** Per device type, the ops autocast refuses, with PyTorch's reason. */
    private static final Map<String, Map<String, String>> BANNED = Map.of("cuda", Map.of("binary_cross_entropy",
            "torch.nn.functional.binary_cross_entropy and torch.nn.BCELoss are unsafe to autocast.\n"
            + "Many models use a sigmoid layer right before the binary cross entropy layer.\n"
            + "In this case, combine the two layers using torch.nn.functional.binary_cross_entropy_with_logits\n"
            + "or torch.nn.BCEWithLogitsLoss.  binary_cross_entropy_with_logits and BCEWithLogits are\n"
            + "safe to autocast."));

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    /**
     * The inputs of {@code op} (PyTorch's name) with eligible tensors cast to float32 where autocast is on
     * for their device type and {@code op} is on that device type's float32 list; null when none changes.
     * Throws {@link IllegalStateException} (PyTorch's RuntimeError) for an op autocast refuses there.
     */
    public static Tensor[] float32(String op, Tensor... inputs) {
        Map<String, DType> state = STATE.get();
        if (state.isEmpty()) return null;
        Tensor[] r = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t == null) continue;
            String type = t.device().type();
            if (!state.containsKey(type)) continue;
            String banned = BANNED.getOrDefault(type, Map.of()).get(op);
            if (banned != null) throw new IllegalStateException(banned);
            if (FLOAT32.getOrDefault(type, Set.of()).contains(op) && eligible(t) && t.dtype() != DType.FLOAT32) {
                if (r == null) r = inputs.clone();
                r[i] = t.to(DType.FLOAT32);
            }
        }
        return r;
    }

    /** {@link #float32(String, Tensor...)} for a one-input op: the input to use. */
    public static Tensor float32(String op, Tensor input) {
        Tensor[] r = float32(op, new Tensor[] {input});
        return r == null ? input : r[0];
    }

    /** Whether {@code op} runs in float32 under autocast on {@code deviceType} (for tests and tools). */
    public static boolean isFloat32Op(String deviceType, String op) {
        return FLOAT32.getOrDefault(deviceType, Set.of()).contains(op);
    }

    private static boolean eligible(Tensor t) {
        return t.dtype().isFloatingPoint() && t.dtype() != DType.FLOAT64;
    }
}
