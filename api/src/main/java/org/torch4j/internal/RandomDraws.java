package org.torch4j.internal;

import java.util.function.Consumer;
import org.torch4j.Generator;
import org.torch4j.Tensor;

/**
 * A per-thread listener told before any random op draws from a generator, so that
 * {@code org.torch4j.func}'s vmap can refuse random ops (randomness "error") or replay the same draws for
 * every slice (randomness "same"). Every draw goes through {@code Generator}'s engine, which calls
 * {@link #drawing}; with no listener installed that costs one thread-local read. In-place random ops also tell
 * {@link #drawingInto} which tensor they are about to fill, before any draw.
 */
public final class RandomDraws {
    private static final ThreadLocal<Consumer<Generator>> LISTENER = new ThreadLocal<>();
    private static final ThreadLocal<Consumer<Tensor>> IN_PLACE = new ThreadLocal<>();

    private RandomDraws() {}

    /** Called by the generator before it hands out its engine; tells the current listener, if any. */
    public static void drawing(Generator generator) {
        Consumer<Generator> l = LISTENER.get();
        if (l != null) l.accept(generator);
    }

    /** The listener of this thread, or null. */
    public static Consumer<Generator> listener() {
        return LISTENER.get();
    }

    /** Installs {@code listener} (null removes it) for this thread; returns the one it replaces. */
    public static Consumer<Generator> setListener(Consumer<Generator> listener) {
        Consumer<Generator> old = LISTENER.get();
        if (listener == null) LISTENER.remove();
        else LISTENER.set(listener);
        return old;
    }

    /** Called by an in-place random op ({@code normal_}, {@code bernoulli_}, ...) before it draws into {@code target}. */
    public static void drawingInto(Tensor target) {
        Consumer<Tensor> l = IN_PLACE.get();
        if (l != null) l.accept(target);
    }

    /** The in-place listener of this thread, or null. */
    public static Consumer<Tensor> inPlaceListener() {
        return IN_PLACE.get();
    }

    /** Installs the in-place listener ({@code null} removes it) for this thread; returns the one it replaces. */
    public static Consumer<Tensor> setInPlaceListener(Consumer<Tensor> listener) {
        Consumer<Tensor> old = IN_PLACE.get();
        if (listener == null) IN_PLACE.remove();
        else IN_PLACE.set(listener);
        return old;
    }
}
