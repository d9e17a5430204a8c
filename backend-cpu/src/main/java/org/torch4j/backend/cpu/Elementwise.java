package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.DoubleKernels;
import org.torch4j.backend.cpu.kernels.FloatKernels;
import org.torch4j.backend.cpu.kernels.LongKernels;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;
import org.torch4j.spi.TernaryOp;
import org.torch4j.spi.UnaryOp;

/**
 * Runs elementwise kernels over strided, broadcast and mixed-dtype operands. Runs that are dense and
 * already in the domain's array type go straight to the kernel; the rest pass through per-thread
 * scratch blocks (gather and convert, compute, convert and scatter).
 */
final class Elementwise {
    private Elementwise() {}

    /** Elements per thread below which splitting does not pay, for cheap and for costly kernels. */
    static final int CHEAP_GRAIN = 32_768;
    static final int COSTLY_GRAIN = 4_096;

    /** A kernel of any domain, taking its arrays as Objects: {@code operands} arrays and offsets. */
    @FunctionalInterface
    interface Kernel {
        void apply(int n, Object[] arrays, int[] offsets, double[] p);
    }

    static void unary(UnaryOp op, double[] p, Strided out, Strided in) {
        if (BoolLogic.handles(op, out, in)) {
            BoolLogic.unary(out, in);
            return;
        }
        DType compute = in.dtype();
        Domain d = Domain.of(compute);
        Kernel k = switch (d) {
            case FLOAT -> {
                FloatKernels.Unary f = require(FloatKernels.unary(op), op, compute);
                yield (n, a, o, q) -> f.apply(n, (float[]) a[0], o[0], (float[]) a[1], o[1], q);
            }
            case DOUBLE -> {
                DoubleKernels.Unary f = require(DoubleKernels.unary(op), op, compute);
                yield (n, a, o, q) -> f.apply(n, (double[]) a[0], o[0], (double[]) a[1], o[1], q);
            }
            case LONG -> {
                LongKernels.Unary f = require(LongKernels.unary(op), op, compute);
                yield (n, a, o, q) -> f.apply(n, (long[]) a[0], o[0], (long[]) a[1], o[1], q);
            }
        };
        run(d, k, p, op.isFloatOnly() ? COSTLY_GRAIN : CHEAP_GRAIN, out, in);
    }

    static void binary(BinaryOp op, double[] p, Strided out, Strided a, Strided b) {
        if (BoolLogic.handles(op, out, a, b)) {
            BoolLogic.binary(op, out, a, b);
            return;
        }
        if (Comparisons.handles(op, out, a, b)) {
            Comparisons.binary(op, out, a, b);
            return;
        }
        DType compute = a.dtype();
        Domain d = Domain.of(compute);
        Kernel k = switch (d) {
            case FLOAT -> {
                FloatKernels.Binary f = require(FloatKernels.binary(op), op, compute);
                yield (n, x, o, q) -> f.apply(n, (float[]) x[0], o[0], (float[]) x[1], o[1], (float[]) x[2], o[2], q);
            }
            case DOUBLE -> {
                DoubleKernels.Binary f = require(DoubleKernels.binary(op), op, compute);
                yield (n, x, o, q) -> f.apply(n, (double[]) x[0], o[0], (double[]) x[1], o[1], (double[]) x[2], o[2], q);
            }
            case LONG -> {
                LongKernels.Binary f = require(LongKernels.binary(op), op, compute);
                yield (n, x, o, q) -> f.apply(n, (long[]) x[0], o[0], (long[]) x[1], o[1], (long[]) x[2], o[2], q);
            }
        };
        boolean costly = op == BinaryOp.POW || op == BinaryOp.ATAN2 || op == BinaryOp.HYPOT || op == BinaryOp.XLOGY
                || op == BinaryOp.FMOD || op == BinaryOp.REMAINDER || op == BinaryOp.DIV_FLOOR;
        run(d, k, p, costly ? COSTLY_GRAIN : CHEAP_GRAIN, out, a, b);
    }

    static void ternary(TernaryOp op, double[] p, Strided out, Strided a, Strided b, Strided c) {
        if (Select.handles(op, out, a, b, c)) {
            Select.where(out, a, b, c);
            return;
        }
        // WHERE's first operand is the bool condition; the values decide the domain.
        DType compute = op == TernaryOp.WHERE ? b.dtype() : a.dtype();
        Domain d = Domain.of(compute);
        Kernel k = switch (d) {
            case FLOAT -> {
                FloatKernels.Ternary f = require(FloatKernels.ternary(op), op, compute);
                yield (n, x, o, q) -> f.apply(n, (float[]) x[0], o[0], (float[]) x[1], o[1], (float[]) x[2], o[2],
                        (float[]) x[3], o[3], q);
            }
            case DOUBLE -> {
                DoubleKernels.Ternary f = require(DoubleKernels.ternary(op), op, compute);
                yield (n, x, o, q) -> f.apply(n, (double[]) x[0], o[0], (double[]) x[1], o[1], (double[]) x[2], o[2],
                        (double[]) x[3], o[3], q);
            }
            case LONG -> {
                LongKernels.Ternary f = require(LongKernels.ternary(op), op, compute);
                yield (n, x, o, q) -> f.apply(n, (long[]) x[0], o[0], (long[]) x[1], o[1], (long[]) x[2], o[2],
                        (long[]) x[3], o[3], q);
            }
        };
        run(d, k, p, CHEAP_GRAIN, out, a, b, c);
    }

    private static <K> K require(K kernel, Enum<?> op, DType dtype) {
        if (kernel == null) {
            throw new UnsupportedOperationException("\"" + op.name().toLowerCase() + "\" not implemented for '"
                    + dtypeName(dtype) + "'");
        }
        return kernel;
    }

    /** PyTorch's C++ names in "not implemented for" messages: 'Float', 'Long', 'Bool', ... */
    static String dtypeName(DType d) {
        return switch (d) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case FLOAT16 -> "Half";
            case BFLOAT16 -> "BFloat16";
            case INT64 -> "Long";
            case INT32 -> "Int";
            case INT16 -> "Short";
            case INT8 -> "Char";
            case UINT8 -> "Byte";
            case BOOL -> "Bool";
            // the api keeps complex dtypes to itself (a complex tensor's storage is real); named for messages
            case COMPLEX64 -> "ComplexFloat";
            case COMPLEX128 -> "ComplexDouble";
        };
    }

    /** Operand 0 is the output; all operands share a shape. */
    private static void run(Domain d, Kernel k, double[] p, int grain, Strided... ops) {
        StridedIter it = StridedIter.anyOrder(ops);
        if (it.total == 0) return;
        int m = ops.length;
        DomainIO io = DomainIO.of(d);
        HostStorage[] st = new HostStorage[m];
        Object[] natives = new Object[m];
        for (int i = 0; i < m; i++) {
            st[i] = (HostStorage) ops[i].storage();
            natives[i] = io.nativeArray(st[i]);
        }
        it.runBlocks(grain, (rows, n, offs, inner, outer) -> runBlock(io, k, p, rows, n, offs, inner, outer, st, natives));
    }

    /**
     * {@code rows} runs of {@code n}. An input that is one value across the block (both its strides 0: a broadcast
     * scalar, as in {@code x / 8}) is converted into its scratch block once, and every run reads it there.
     */
    private static void runBlock(DomainIO io, Kernel k, double[] p, int rows, int n, int[] offs, int[] inner, int[] outer,
                                 HostStorage[] st, Object[] natives) {
        int m = offs.length;
        Object[] scratch = io.scratch();
        if (n <= DomainIO.BLOCK / 2 && rows > 1 && rowsJoin(n, inner, outer, natives)) {
            runJoinedRows(io, k, p, rows, n, offs, inner, outer, st, natives, scratch);   // stages its scalars itself
            return;
        }
        boolean[] scalar = new boolean[m];
        for (int i = 1; i < m; i++) {
            scalar[i] = inner[i] == 0 && outer[i] == 0;
            if (scalar[i]) io.load(st[i], offs[i], 0, Math.min(n, DomainIO.BLOCK), scratch[i], 0);
        }
        int[] at = new int[m];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < m; i++) at[i] = offs[i] + r * outer[i];
            runRow(io, k, p, n, at, inner, st, natives, scalar, scratch);
        }
    }

    /**
     * Whether short runs can be taken several at a time as one: every operand in its own array, the output dense
     * across the runs (the next run starts where this one ends), and each input dense so too, one value along each
     * run (a per-row scale), one row for every run (a bias), or one value in all; at least one of the middle two.
     */
    private static boolean rowsJoin(int n, int[] inner, int[] outer, Object[] natives) {
        boolean staged = false;
        for (int i = 0; i < inner.length; i++) {
            if (natives[i] == null) return false;
            boolean dense = inner[i] == 1 && outer[i] == n;
            if (i == 0 && !dense) return false;
            if (inner[i] == 0 && outer[i] != 0 || inner[i] == 1 && outer[i] == 0) staged = true;
            else if (!dense && !(inner[i] == 0 && outer[i] == 0)) return false;
        }
        return staged;
    }

    /**
     * {@code rows} short runs of {@code n}, BLOCK / n of them per kernel call: an operand that holds one value along
     * each run is filled into its scratch block run by run, a repeated row or a scalar once. A call and a fill per
     * run cost more than the run's arithmetic (a [4, 112, 112] tensor times a [112, 1] weight took 3.5 times the
     * product with a dense weight).
     */
    private static void runJoinedRows(DomainIO io, Kernel k, double[] p, int rows, int n, int[] offs, int[] inner, int[] outer,
                                      HostStorage[] st, Object[] natives, Object[] scratch) {
        int m = offs.length, per = DomainIO.BLOCK / n;
        Object[] arrays = new Object[m];
        int[] at = new int[m];
        for (int i = 1; i < m; i++) {
            // a scalar, or a row repeated for every run: staged once, for every call
            if (inner[i] == 0 && outer[i] == 0) io.load(st[i], offs[i], 0, per * n, scratch[i], 0);
            if (inner[i] == 1 && outer[i] == 0) for (int r = 0; r < per; r++) io.load(st[i], offs[i], 1, n, scratch[i], r * n);
        }
        for (int r0 = 0; r0 < rows; r0 += per) {
            int count = Math.min(per, rows - r0);
            for (int i = 0; i < m; i++) {
                if (inner[i] == 1 && outer[i] == n) {
                    arrays[i] = natives[i];
                    at[i] = offs[i] + r0 * outer[i];
                } else {
                    if (inner[i] == 0 && outer[i] != 0) {
                        for (int r = 0; r < count; r++) io.load(st[i], offs[i] + (r0 + r) * outer[i], 0, n, scratch[i], r * n);
                    }
                    arrays[i] = scratch[i];
                    at[i] = 0;
                }
            }
            k.apply(count * n, arrays, at, p);
        }
    }

    private static void runRow(DomainIO io, Kernel k, double[] p, int n, int[] offs, int[] strides,
                               HostStorage[] st, Object[] natives, boolean[] scalar, Object[] scratch) {
        int m = offs.length;
        boolean direct = true;
        for (int i = 0; i < m; i++) direct &= natives[i] != null && strides[i] == 1; // a scalar's stride is 0
        if (direct) {
            k.apply(n, natives, offs, p);
            return;
        }
        Object[] arrays = new Object[m];
        int[] at = new int[m];
        for (int start = 0; start < n; start += DomainIO.BLOCK) {
            int len = Math.min(DomainIO.BLOCK, n - start);
            for (int i = 1; i < m; i++) {
                int off = offs[i] + start * strides[i];
                if (scalar[i]) {
                    arrays[i] = scratch[i]; // filled by runBlock
                    at[i] = 0;
                } else if (strides[i] == 0) {
                    // one value along the run (a per-channel scale over an image's pixels): filled for the run's
                    // first block, which is its longest (a fill per block was most of a broadcast multiply's time)
                    if (start == 0) io.load(st[i], off, 0, len, scratch[i], 0);
                    arrays[i] = scratch[i];
                    at[i] = 0;
                } else if (natives[i] != null && strides[i] == 1) {
                    arrays[i] = natives[i];
                    at[i] = off;
                } else {
                    io.load(st[i], off, strides[i], len, scratch[i], 0);
                    arrays[i] = scratch[i];
                    at[i] = 0;
                }
            }
            int outOff = offs[0] + start * strides[0];
            if (natives[0] != null && strides[0] == 1) {
                arrays[0] = natives[0];
                at[0] = outOff;
                k.apply(len, arrays, at, p);
            } else {
                arrays[0] = scratch[0];
                at[0] = 0;
                k.apply(len, arrays, at, p);
                io.store(scratch[0], 0, len, st[0], outOff, strides[0]);
            }
        }
    }
}
