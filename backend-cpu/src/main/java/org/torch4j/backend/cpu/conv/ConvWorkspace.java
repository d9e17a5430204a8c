package org.torch4j.backend.cpu.conv;

import java.lang.ref.SoftReference;

/**
 * Per-thread scratch arrays of the convolution kernels (padded images, pixel panels, im2col rows, partial
 * sums), kept between calls as {@code gemm.Workspace} keeps the GEMM's: a fresh large Java array costs a
 * zeroing pass over cold memory (a 3.2 MB array took 315 us, refilling a warm one 100 us). Each slot holds
 * one array of each element type, grown to the largest length asked for; its contents are whatever the
 * last user left, so a caller that needs zeros clears what it uses. Arrays are held softly: a heap short
 * of memory may take them back (the next call then allocates again).
 */
final class ConvWorkspace {
    /** The slots: one per buffer a kernel uses at the same time. */
    static final int PADDED = 0, PANEL = 1, ACC = 2, TILE = 3, COLS = 4, GYS = 5, PARTIALS = 6, WEIGHTS = 7;
    private static final int SLOTS = 8;
    private static final ThreadLocal<ConvWorkspace> LOCAL = ThreadLocal.withInitial(ConvWorkspace::new);

    @SuppressWarnings("unchecked")
    private final SoftReference<Object>[] floats = new SoftReference[SLOTS], doubles = new SoftReference[SLOTS];

    private ConvWorkspace() {}

    /** The calling thread's workspace. */
    static ConvWorkspace get() {
        return LOCAL.get();
    }

    /** Slot {@code slot}'s float array, at least {@code n} long (contents unspecified). */
    float[] floats(int slot, int n) {
        return (float[]) array(FloatConv.KERNELS, slot, n);
    }

    /** Slot {@code slot}'s array of {@code t}'s element type, at least {@code n} long (contents unspecified). */
    Object array(ConvKernels t, int slot, int n) {
        SoftReference<Object>[] refs = t == FloatConv.KERNELS ? floats : doubles;
        Object a = refs[slot] == null ? null : refs[slot].get();
        if (a == null || java.lang.reflect.Array.getLength(a) < n) {
            int old = a == null ? 0 : java.lang.reflect.Array.getLength(a);
            a = t.allocate((int) Math.min(Integer.MAX_VALUE - 8, Math.max(n, old + (long) old / 2)));
            refs[slot] = new SoftReference<>(a);
        }
        return a;
    }
}
