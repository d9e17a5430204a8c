package org.torch4j.backend.cpu.gemm;

/**
 * Per-thread scratch buffers (packed A and B blocks, a tile, a row), kept between calls so repeated
 * products allocate nothing once the buffers have grown to the largest block seen. The intra-op pool's
 * threads live as long as the pool, and so do their buffers (a few MiB each at most: see
 * {@link BlockSizes}).
 */
final class Workspace {
    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    private float[] fa = new float[0], fb = new float[0], ft = new float[0];
    private double[] da = new double[0], db = new double[0], dt = new double[0];

    private Workspace() {}

    static Workspace get() {
        return LOCAL.get();
    }

    /** The packed-A buffer, at least {@code n} floats. */
    float[] floatA(int n) {
        return fa.length >= n ? fa : (fa = new float[grow(fa.length, n)]);
    }

    /** The packed-B buffer, at least {@code n} floats. */
    float[] floatB(int n) {
        return fb.length >= n ? fb : (fb = new float[grow(fb.length, n)]);
    }

    /** A small buffer for a tile or a row, at least {@code n} floats. */
    float[] floatTmp(int n) {
        return ft.length >= n ? ft : (ft = new float[grow(ft.length, n)]);
    }

    double[] doubleA(int n) {
        return da.length >= n ? da : (da = new double[grow(da.length, n)]);
    }

    double[] doubleB(int n) {
        return db.length >= n ? db : (db = new double[grow(db.length, n)]);
    }

    double[] doubleTmp(int n) {
        return dt.length >= n ? dt : (dt = new double[grow(dt.length, n)]);
    }

    /** Grows by at least half so a sequence of slightly larger calls does not reallocate each time. */
    private static int grow(int old, int n) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(n, old + (long) old / 2));
    }
}
