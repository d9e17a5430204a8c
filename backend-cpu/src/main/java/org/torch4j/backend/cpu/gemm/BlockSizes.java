package org.torch4j.backend.cpu.gemm;

/**
 * The blocking of one GEMM kernel (Goto/BLIS naming). The micro-kernel computes an {@code mr × nr}
 * tile of C from an {@code mr × kc} sliver of packed A and a {@code kc × nr} sliver of packed B; the
 * {@code mc × kc} packed A block sits in L2 and the {@code kc × nc} packed B block in L3.
 *
 * <p>Each size can be overridden for tuning with a system property: {@code torch4j.gemm.kc},
 * {@code torch4j.gemm.mc}, {@code torch4j.gemm.nc} (in elements; rounded to the tile).
 *
 * @param mr rows of the register tile
 * @param nr columns of the register tile
 * @param kc depth of a packed block (the k-loop of one micro-kernel call)
 * @param mc rows of a packed A block, a multiple of {@code mr}
 * @param nc columns of a packed B block, a multiple of {@code nr}
 */
record BlockSizes(int mr, int nr, int kc, int mc, int nc) {

    /** Depth of a block, in elements. */
    private static final int KC = 1024;
    /** L2 budget for the A block: half of a 512 KiB (Zen 1/2) L2, leaving room for the B sliver. */
    private static final int L2_BYTES = 256 * 1024;
    /** L3 budget for the packed B block (also the largest per-thread buffer: see {@link Workspace}). */
    private static final int L3_BYTES = 8 * 1024 * 1024;

    BlockSizes {
        if (mr < 1 || nr < 1 || kc < 1 || mc < mr || nc < nr || mc % mr != 0 || nc % nr != 0) {
            throw new IllegalArgumentException("bad GEMM blocking " + mr + "x" + nr + " kc=" + kc + " mc=" + mc + " nc=" + nc);
        }
    }

    /**
     * The blocking for a register tile of {@code mr × nr} elements of {@code elemBytes} bytes each:
     * kc = 1024, an {@code mc × kc} A block fills the L2 budget (mc = 64 floats, 32 doubles) and the
     * {@code kc × nc} B block the L3 budget (nc = 2048 floats, 1024 doubles).
     *
     * <p>Why a deep kc rather than a B sliver sized for L1: each k block costs a read-modify-write of
     * the C tile, and at n = 2048 C no longer fits the caches, so those passes over C dominated the
     * overhead (measured on Zen 5, one thread, n = 2048: float 185-215 GFLOP/s with kc = 256,
     * 225-234 with kc = 1024; double 91 with kc = 256, 114 with kc = 1024). The B sliver then streams
     * from L2, which keeps up with the kernel; the A sliver (mr × kc) stays in L1. A wide nc keeps A
     * from being packed again for every column block.
     */
    static BlockSizes forTile(int mr, int nr, int elemBytes) {
        int kc = Math.max(1, Integer.getInteger("torch4j.gemm.kc", KC));
        int mc = roundTo(Integer.getInteger("torch4j.gemm.mc", L2_BYTES / (kc * elemBytes)), mr);
        int nc = roundTo(Integer.getInteger("torch4j.gemm.nc", L3_BYTES / (kc * elemBytes)), nr);
        return new BlockSizes(mr, nr, kc, mc, nc);
    }

    /**
     * The number of vector registers for vectors of {@code bits} bits: 32 with AVX-512 and on AArch64,
     * 16 with AVX2 and SSE. The tile shape follows from it.
     */
    static int vectorRegisters(int bits) {
        return bits >= 512 || "aarch64".equals(System.getProperty("os.arch")) ? 32 : 16;
    }

    private static int roundTo(int x, int unit) {
        return Math.max(unit, x / unit * unit);
    }

    /**
     * Splits {@code total} into blocks of at most {@code max}, all nearly the same size (a multiple of
     * {@code unit} except the last): k = 1100 with kc = 1024 becomes 550 + 550, not 1024 + 76, so no block
     * is too shallow to amortise the tile update.
     */
    static int balanced(int total, int max, int unit) {
        if (total <= max) return total;
        int blocks = (total + max - 1) / max;
        int size = (total + blocks - 1) / blocks;
        return Math.min(max, (size + unit - 1) / unit * unit);
    }
}
