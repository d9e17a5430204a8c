package org.torch4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cosine annealing with warm restarts ({@code CosineAnnealingWarmRestarts}, SGDR): the learning rate
 * follows {@code etaMin + (base - etaMin)(1 + cos(pi T_cur / T_i)) / 2} and jumps back to the base
 * rate after each period; the first period is {@code tZero} epochs and each next one {@code tMult}
 * times longer. {@link #step(double)} takes fractional epochs (step after each batch with
 * {@code epoch + batch / batches}), as PyTorch's {@code step(epoch)}.
 *
 * <pre>{@code
 * var sched = new CosineAnnealingWarmRestarts(opt, 10, 2, 1e-5);
 * for (int epoch = 0; epoch < 70; epoch++) {
 *     for (int i = 0; i < batches; i++) {
 *         train(opt, i);                               // calls opt.step()
 *         sched.step(epoch + (double) i / batches);
 *     }
 * }
 * }</pre>
 *
 * <p>As in PyTorch 1.13 its steps leave {@code _step_count} alone, and resuming with a
 * {@code lastEpoch} restarts from a period of {@code tZero} epochs.
 */
public class CosineAnnealingWarmRestarts extends LRScheduler {
    private int tZero, tMult;
    private long tI;
    private double etaMin, tCur;

    /** Restarts every {@code tZero} epochs, annealing to 0. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int tZero) {
        this(optimizer, tZero, 1, 0.0, -1);
    }

    /** The first period is {@code tZero} epochs, each next one {@code tMult} times longer; anneals to {@code etaMin}. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int tZero, int tMult, double etaMin) {
        this(optimizer, tZero, tMult, etaMin, -1);
    }

    /** As {@link #CosineAnnealingWarmRestarts(Optimizer, int, int, double)}, resuming after {@code lastEpoch}. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int tZero, int tMult, double etaMin, int lastEpoch) {
        super(checked(optimizer, tZero, tMult), lastEpoch);
        this.tZero = tZero;
        this.tI = tZero;
        this.tMult = tMult;
        this.etaMin = etaMin;
        this.tCur = lastEpoch;
        initialStep();
    }

    private static Optimizer checked(Optimizer optimizer, int tZero, int tMult) {
        if (tZero <= 0) throw new IllegalArgumentException("Expected positive integer T_0, but got " + tZero);
        if (tMult < 1) throw new IllegalArgumentException("Expected integer T_mult >= 1, but got " + tMult);
        return optimizer;
    }

    /** Epochs since the last restart ({@code T_cur}, fractional after {@link #step(double)}). */
    public double tCur() {
        return tCur;
    }

    /** The length of the current period ({@code T_i}). */
    public long tI() {
        return tI;
    }

    @Override
    protected List<Double> getLr() {
        List<Double> out = new ArrayList<>();
        for (double base : baseLrs) out.add(etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2);
        return out;
    }

    /** Advances one epoch; a period that ends restarts the cosine. */
    @Override
    public void step() {
        if (lastEpoch < 0) { // PyTorch's first step is step(0)
            step(0);
            return;
        }
        tCur = tCur + 1;
        if (tCur >= tI) {
            tCur = tCur - tI;
            tI = tI * tMult;
        }
        lastEpoch = lastEpoch + 1;
        apply(getLr());
    }

    /** Jumps to the whole epoch {@code epoch} (non-negative). */
    @Override
    public void step(int epoch) {
        jump(epoch, Integer.toString(epoch));
    }

    /** Jumps to {@code epoch}, which may be fractional (non-negative); {@link #lastEpoch()} becomes its floor. */
    public void step(double epoch) {
        jump(epoch, Py.repr(epoch));
    }

    private void jump(double epoch, String shown) {
        if (epoch < 0) throw new IllegalArgumentException("Expected non-negative epoch, but got " + shown);
        if (epoch >= tZero) {
            if (tMult == 1) {
                tCur = epoch % tZero;
            } else {
                int n = (int) (Math.log(epoch / tZero * (tMult - 1) + 1) / Math.log(tMult));
                long power = pow(tMult, n);
                tCur = epoch - (double) (tZero * (power - 1)) / (tMult - 1);
                tI = tZero * power;
            }
        } else {
            tI = tZero;
            tCur = epoch;
        }
        lastEpoch = (int) Math.floor(epoch);
        apply(getLr());
    }

    private static long pow(long base, int n) {
        long r = 1;
        for (int i = 0; i < n; i++) r *= base;
        return r;
    }

    @Override
    protected void saveState(Map<String, Object> state) {
        state.put("T_0", tZero);
        state.put("T_i", tI);
        state.put("T_mult", tMult);
        state.put("eta_min", etaMin);
        state.put("T_cur", tCur);
    }

    @Override
    protected void loadState(Map<String, Object> state) {
        tZero = integer(state, "T_0", tZero);
        if (state.get("T_i") instanceof Number n) tI = n.longValue();
        tMult = integer(state, "T_mult", tMult);
        etaMin = number(state, "eta_min", etaMin);
        tCur = number(state, "T_cur", tCur);
    }
}
