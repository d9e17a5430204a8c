package org.torch4j.amp;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * Gradient scaling for mixed precision ({@code torch.cuda.amp.GradScaler}, PyTorch 1.13's algorithm):
 * the loss is multiplied by a scale before {@code backward()}, so that float16 gradients keep their
 * small values; {@link #step} divides the gradients by the scale again and runs the optimizer only
 * when they are all finite; {@link #update} halves the scale after an overflow and doubles it after
 * {@code growthInterval} clean steps.
 *
 * <pre>{@code
 * GradScaler scaler = new GradScaler();
 * for (...) {
 *     opt.zeroGrad();
 *     Tensor loss = lossOf(model, batch);
 *     scaler.scale(loss).backward();
 *     scaler.step(opt);      // unscales, skips the step when a gradient is inf or NaN
 *     scaler.update();
 * }
 * }</pre>
 * Unlike PyTorch 1.13's, it works on every device (PyTorch 2.3 and later also scale on the CPU). The
 * scale is kept as a float32 value, as PyTorch keeps it in a float32 tensor.
 */
public final class GradScaler {

    /** Where an optimizer is within one iteration. */
    private enum Stage { READY, UNSCALED, STEPPED }

    private static final class OptimizerState {
        Stage stage = Stage.READY;
        boolean foundInf;
    }

    private final boolean enabled;
    private float scale;
    private double growthFactor;
    private double backoffFactor;
    private int growthInterval;
    private int growthTracker;
    private final Map<Optimizer, OptimizerState> states = new IdentityHashMap<>();

    /** PyTorch's defaults: scale 65536, growth 2, backoff 0.5, growth interval 2000, enabled. */
    public GradScaler() {
        this(65536.0, 2.0, 0.5, 2000, true);
    }

    /**
     * A scaler with explicit options ({@code torch.cuda.amp.GradScaler(init_scale, growth_factor, backoff_factor,
     * growth_interval, enabled)}).
     *
     * @param initScale      the first scale
     * @param growthFactor   the scale's factor after {@code growthInterval} steps without inf or NaN (> 1)
     * @param backoffFactor  the scale's factor after a step with inf or NaN gradients (in (0, 1))
     * @param growthInterval the number of clean steps between growths
     * @param enabled        false makes every method a pass-through ({@code scale} returns the loss)
     * @throws IllegalArgumentException with PyTorch's messages if {@code growthFactor} is not above 1,
     *                                  {@code backoffFactor} not below 1, or {@code growthInterval} not positive
     */
    public GradScaler(double initScale, double growthFactor, double backoffFactor, int growthInterval, boolean enabled) {
        if (!(growthFactor > 1.0)) throw new IllegalArgumentException("The growth factor must be > 1.0.");
        if (!(backoffFactor < 1.0)) throw new IllegalArgumentException("The backoff factor must be < 1.0.");
        if (growthInterval <= 0) throw new IllegalArgumentException("growth_interval must be a positive integer, got " + growthInterval);
        this.enabled = enabled;
        this.scale = (float) initScale;
        this.growthFactor = growthFactor;
        this.backoffFactor = backoffFactor;
        this.growthInterval = growthInterval;
    }

    /** Whether scaling is on. */
    public boolean isEnabled() {
        return enabled;
    }

    /** {@code loss * scale} (the loss itself when disabled). */
    public Tensor scale(Tensor loss) {
        if (!enabled) return loss;
        return loss.mul((double) scale);
    }

    /**
     * Divides the gradients of {@code optimizer}'s parameters by the scale, in place, and records
     * whether one of them held inf or NaN. At most once per optimizer between two {@link #update}s;
     * {@link #step} calls it when it was not called before (call it yourself to clip gradients first).
     */
    public void unscale_(Optimizer optimizer) {
        if (!enabled) return;
        OptimizerState s = states.computeIfAbsent(optimizer, o -> new OptimizerState());
        if (s.stage == Stage.UNSCALED) {
            throw new IllegalStateException("unscale_() has already been called on this optimizer since the last update().");
        }
        if (s.stage == Stage.STEPPED) throw new IllegalStateException("unscale_() is being called after step().");
        double inv = (float) (1.0 / (double) scale);  // PyTorch: scale.double().reciprocal().float()
        Tensor bad = null;
        for (ParamGroup g : optimizer.paramGroups()) {
            for (Tensor p : g.params()) {
                Tensor grad = p.grad();
                if (grad == null) continue;
                if (grad.dtype() == DType.FLOAT16) throw new IllegalArgumentException("Attempting to unscale FP16 gradients.");
                Tensor nonFinite = grad.isfinite().logicalNot().any();
                bad = bad == null ? nonFinite : bad.logicalOr(nonFinite);
                grad.mul_(inv);
            }
        }
        if (bad == null) throw new IllegalStateException("No inf checks were recorded for this optimizer.");
        s.foundInf = bad.itemBool();
        s.stage = Stage.UNSCALED;
    }

    /**
     * Unscales the gradients (unless {@link #unscale_} already did) and runs {@code optimizer.step()}
     * when they are all finite; returns whether the step ran.
     */
    public boolean step(Optimizer optimizer) {
        if (!enabled) {
            optimizer.step();
            return true;
        }
        OptimizerState s = states.computeIfAbsent(optimizer, o -> new OptimizerState());
        if (s.stage == Stage.STEPPED) throw new IllegalStateException("step() has already been called since the last update().");
        if (s.stage == Stage.READY) unscale_(optimizer);
        boolean run = !s.foundInf;
        if (run) optimizer.step();
        s.stage = Stage.STEPPED;
        return run;
    }

    /**
     * Adjusts the scale after an iteration: times the backoff factor when an optimizer saw inf or NaN,
     * else times the growth factor every {@code growthInterval} clean iterations (kept when the grown
     * scale would not be a finite float32).
     */
    public void update() {
        if (!enabled) return;
        boolean foundInf = false;
        for (OptimizerState s : states.values()) foundInf |= s.foundInf;
        if (states.isEmpty()) throw new IllegalStateException("No inf checks were recorded prior to update.");
        if (foundInf) {
            scale = (float) (scale * backoffFactor);
            growthTracker = 0;
        } else if (++growthTracker == growthInterval) {
            float grown = (float) (scale * growthFactor);
            if (Float.isFinite(grown)) scale = grown;
            growthTracker = 0;
        }
        states.clear();
    }

    /** Replaces the scale ({@code update(new_scale)}), ending the iteration as {@link #update()} does. */
    public void update(double newScale) {
        if (!enabled) return;
        scale = (float) newScale;
        states.clear();
    }

    /** The current scale (1.0 when disabled, as PyTorch). */
    public double getScale() {
        return enabled ? scale : 1.0;
    }

    /**
     * The factor the scale grows by after {@link #getGrowthInterval()} clean steps ({@code
     * get_growth_factor()}).
     */
    public double getGrowthFactor() {
        return growthFactor;
    }

    /**
     * Replaces the growth factor ({@code set_growth_factor}); like PyTorch's setter, it does not check the
     * value as the constructor does.
     */
    public void setGrowthFactor(double factor) {
        growthFactor = factor;
    }

    /**
     * The factor the scale shrinks by after a step with inf or NaN gradients ({@code get_backoff_factor()}).
     */
    public double getBackoffFactor() {
        return backoffFactor;
    }

    /** Replaces the backoff factor ({@code set_backoff_factor}); not checked, as in PyTorch. */
    public void setBackoffFactor(double factor) {
        backoffFactor = factor;
    }

    /** The number of consecutive clean steps before the scale grows ({@code get_growth_interval()}). */
    public int getGrowthInterval() {
        return growthInterval;
    }

    /** Replaces the growth interval ({@code set_growth_interval}); not checked, as in PyTorch. */
    public void setGrowthInterval(int interval) {
        growthInterval = interval;
    }

    /** PyTorch's state dict: scale, growth_factor, backoff_factor, growth_interval, _growth_tracker (empty when disabled). */
    public Map<String, Object> stateDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!enabled) return m;
        m.put("scale", (double) scale);
        m.put("growth_factor", growthFactor);
        m.put("backoff_factor", backoffFactor);
        m.put("growth_interval", growthInterval);
        m.put("_growth_tracker", growthTracker);
        return m;
    }

    /** Restores a {@link #stateDict()}. */
    public void loadStateDict(Map<String, ?> state) {
        if (!enabled) return;
        if (state.isEmpty()) throw new IllegalArgumentException("The source state dict is empty, possibly because it was saved from a disabled instance of GradScaler.");
        scale = ((Number) state.get("scale")).floatValue();
        growthFactor = ((Number) state.get("growth_factor")).doubleValue();
        backoffFactor = ((Number) state.get("backoff_factor")).doubleValue();
        growthInterval = ((Number) state.get("growth_interval")).intValue();
        growthTracker = ((Number) state.get("_growth_tracker")).intValue();
    }
}
