package org.torch4j;

/**
 * Per-thread autograd switches behind {@link Torch#noGrad()}, {@link Torch#enableGrad()},
 * {@link Torch#inferenceMode()} and {@link Torch#setGradEnabled(boolean)}.
 */
final class GradMode {
    private GradMode() {}

    private static final ThreadLocal<boolean[]> STATE = ThreadLocal.withInitial(() -> new boolean[] {true, false});

    static boolean isEnabled() {
        return STATE.get()[0];
    }

    static boolean isInference() {
        return STATE.get()[1];
    }

    /** Sets grad mode (and inference mode) and returns a scope that restores both. */
    static Torch.Mode set(boolean enabled, boolean inference) {
        boolean[] s = STATE.get();
        boolean prevEnabled = s[0], prevInference = s[1];
        s[0] = enabled;
        s[1] = inference;
        return () -> {
            boolean[] cur = STATE.get();
            cur[0] = prevEnabled;
            cur[1] = prevInference;
        };
    }
}
