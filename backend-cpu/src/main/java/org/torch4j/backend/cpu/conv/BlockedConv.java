package org.torch4j.backend.cpu.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.backend.cpu.Parallel;
import org.torch4j.backend.cpu.gemm.FloatTile;

/**
 * The float32 forward convolution as a blocked GEMM over the input read in place (Goto/BLIS style).
 *
 * <p>With {@link ConvGeometry}'s addressing at the narrowest pitch, output pixel (y, x) at kernel offset
 * q reads the (zero-bordered, for a stride phase-split) image at {@code y pitch + x + offsets[q]}. So
 * over the "virtual" pixels {@code p = y pitch + x} (x up to the pitch, the columns past the output
 * width computed and dropped) the convolution is the product {@code W[O, K] · B[K, P]} with
 * {@code B[q, p] = image[p + offsets[q]]}: each row of B is a contiguous run of the image. A tile of
 * {@link FloatTile#NR} virtual pixels gathers its {@code kc × NR} part of B into a small panel (two
 * vector copies per row; kc at most {@link #KC}, so the panel stays in L2; a whole tile feeding at most
 * {@link #IN_PLACE_ROWS} channels reads the image where it lies instead), and the GEMM register
 * tile ({@link FloatTile}: 8 output channels x 2 vectors with AVX-512) runs over every block of output
 * channels, the weights packed once per call into {@link FloatTile#MR}-row slivers where the call has at least
 * {@link #PACK_MIN_TILES} pixel tiles to amortise the copy, else read in place. With a single kc block (K at
 * most {@link #KC}: the demo CNN's layers) the tile goes from its registers' copy straight to the NCHW output,
 * with no accumulator pass; deeper products sum their kc blocks in a per-tile accumulator first.
 * The few padding columns (2 in 58 for ResNet's 56x56 layers) are the only wasted work, where row
 * segments of whole vectors wasted up to half of each vector on 7- and 14-wide maps.
 *
 * <p>Work units are (output-channel chunk, image, pixel tile), each writing its own outputs: the result
 * does not depend on the thread count, and each output's sum runs over the same kc blocks in the same
 * order. Channels are split into chunks only when images x tiles are too few to keep the threads busy.
 * Loaded only when {@code Simd.ENABLED}.
 */
final class BlockedConv {
    /** Deepest panel: 512 rows x 32 floats = 64 KiB with AVX-512, read from L1/L2 once per channel block. */
    static final int KC = 512;
    /** Below this many multiply-adds a task runs on the calling thread. */
    private static final long GRAIN_MACS = 1 << 18;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length(), MR = FloatTile.MR, NR = FloatTile.NR;
    /**
     * The fewest pixel tiles (images x tiles) for which the weights are packed once per call into {@link FloatTile#MR}-row
     * slivers: with fewer they are read in place, since packing would copy all of them (9 MB for ResNet-18's last
     * layers) for two pixel tiles at batch 1. Packed, the demo's input gradient took 1.13-1.20 ms against 1.34-1.37
     * read in place (whole tiles read the image in place and each weight row apart).
     */
    private static final int PACK_MIN_TILES = 16;
    /** Whole tiles read the image in place ({@link #tile8}); with 16 vector registers (MR 4) they gather panels. */
    private static final boolean IN_PLACE = MR == 8;
    /**
     * The most output channels per work unit for which whole tiles read the image in place: a gathered panel pays
     * for its copy when more channel blocks read it (the demo CNN's input gradient, 32 -> 16 channels on 14x14:
     * 1.11 ms in place against 1.20 gathered; its forward, 16 -> 32: 1.07 in place against 1.00 gathered).
     */
    private static final int IN_PLACE_ROWS = 2 * MR;

    private BlockedConv() {}

    /** out[N, O, OH, OW] (at {@code y0}) = conv2d(x (at {@code x0}), w (at {@code w0})) + bias (at {@code b0}, or null). */
    static void forward(ConvGeometry g, float[] x, int x0, float[] w, int w0, float[] bias, int b0, float[] y, int y0) {
        boolean inPlace = g.ph() == 0 && g.pw() == 0 && g.sh() == 1 && g.sw() == 1; // pitch == width: no copy needed
        int n = g.n(), o = g.o(), k = g.k();
        int virtual = (g.oh() - 1) * g.pitch() + g.ow(), tiles = ceil(virtual, NR);
        int depth = ceil(k, ceil(k, KC)); // even blocks
        boolean single = depth == k;
        int oBlocks = ceil(o, MR), chunks = Math.min(oBlocks, ceil(2 * Parallel.threads(), n * tiles));
        int units = chunks * n * tiles;
        long unitMacs = (long) ceil(oBlocks, chunks) * MR * k * NR;
        int grain = (int) Math.max(1, GRAIN_MACS / unitMacs);
        int inImage = g.c() * g.inPlane(), outImage = o * g.outPlane(), len = g.paddedLength();
        boolean packed = (long) n * tiles >= PACK_MIN_TILES;
        float[] wp = packed ? ConvWorkspace.get().floats(ConvWorkspace.WEIGHTS, oBlocks * MR * k) : null;
        if (packed) FloatTile.packRows(o, k, w, w0, k, wp);
        Parallel.forRange(units, grain, (a, e) -> {
            ConvWorkspace ws = ConvWorkspace.get();
            float[] xp = inPlace ? x : ws.floats(ConvWorkspace.PADDED, len);
            if (!inPlace) Arrays.fill(xp, 0, len, 0f); // the borders: a reused array holds an earlier call's values
            float[] panel = ws.floats(ConvWorkspace.PANEL, depth * NR), tmp = ws.floats(ConvWorkspace.TILE, MR * NR + L);
            float[] acc = single ? null : ws.floats(ConvWorkspace.ACC, ceil(oBlocks, chunks) * MR * NR + L);
            int[] runs = new int[3 * (NR + 1)];
            for (int u = a, padded = -1; u < e; u++) {
                int chunk = u / (n * tiles), img = u / tiles % n, p0 = u % tiles * NR;
                int base = x0 + img * inImage;
                if (!inPlace) {
                    if (img != padded) g.pad(FloatConv.KERNELS, x, base, xp);
                    padded = img;
                    base = 0;
                }
                int oa = (int) ((long) oBlocks * chunk / chunks) * MR, ob = Math.min(o, (int) ((long) oBlocks * (chunk + 1) / chunks) * MR);
                int valid = Math.min(NR, virtual - p0), count = runs(g, p0, valid, runs), out = y0 + img * outImage;
                boolean whole = packed && IN_PLACE && valid == NR && ob - oa <= IN_PLACE_ROWS;
                for (int ka = 0; ka < k; ka += depth) {
                    int kc = Math.min(depth, k - ka);
                    if (!whole) gather(xp, base + p0, g.offsets(), ka, kc, valid, panel);
                    for (int r = oa; r < ob; r += MR) {
                        int rows = Math.min(MR, ob - r);
                        if (whole) tile8(kc, wp, r * k + ka * MR, xp, base + p0, g.offsets(), ka, tmp);
                        else if (packed) FloatTile.packedTimesPanel(kc, wp, r * k + ka * MR, panel, 0, tmp);
                        else FloatTile.rowsTimesPanelInto(kc, w, w0 + r * k + ka, k, panel, 0, rows, tmp);
                        if (single) {
                            scatter(tmp, rows, bias, b0 + r, runs, count, y, out + r * g.outPlane(), g.outPlane());
                        } else {
                            accumulate(tmp, rows, ka > 0, acc, (r - oa) * NR);
                        }
                    }
                }
                if (!single) scatter(acc, ob - oa, bias, b0 + oa, runs, count, y, out + oa * g.outPlane(), g.outPlane());
            }
        });
    }

    /**
     * tmp (row i at {@code i NR}) = sum over q < kc of {@code ap[ao + q MR + i] * xp[start + offsets[ka + q] + j]}: the
     * 8 x NR tile of {@link FloatTile}'s kernel with each panel row read where it lies in the image (a whole tile's NR
     * virtual pixels are a contiguous run at every kernel offset), so the tile needs no gathered panel.
     */
    private static void tile8(int kc, float[] ap, int ao, float[] xp, int start, int[] offsets, int ka, float[] tmp) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int q = 0; q < kc; q++) {
            int a = ao + q * 8, b = start + offsets[ka + q];
            FloatVector b0 = FloatVector.fromArray(S, xp, b), b1 = FloatVector.fromArray(S, xp, b + L), x;
            x = FloatVector.broadcast(S, ap[a]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(tmp, 0); c01.intoArray(tmp, L); c10.intoArray(tmp, NR); c11.intoArray(tmp, NR + L);
        c20.intoArray(tmp, 2 * NR); c21.intoArray(tmp, 2 * NR + L); c30.intoArray(tmp, 3 * NR); c31.intoArray(tmp, 3 * NR + L);
        c40.intoArray(tmp, 4 * NR); c41.intoArray(tmp, 4 * NR + L); c50.intoArray(tmp, 5 * NR); c51.intoArray(tmp, 5 * NR + L);
        c60.intoArray(tmp, 6 * NR); c61.intoArray(tmp, 6 * NR + L); c70.intoArray(tmp, 7 * NR); c71.intoArray(tmp, 7 * NR + L);
    }

    /** acc's {@code rows} tile rows at {@code at} (NR apart) = tmp's (+ what they hold when {@code add}). */
    private static void accumulate(float[] tmp, int rows, boolean add, float[] acc, int at) {
        for (int i = 0; i < rows * NR; i += L) {
            FloatVector v = FloatVector.fromArray(S, tmp, i);
            if (add) v = v.add(FloatVector.fromArray(S, acc, at + i));
            v.intoArray(acc, at + i);
        }
    }

    /** Panel row q (of kc) = the image's {@code valid} elements from {@code start + offsets[ka + q]}, zeros after. */
    private static void gather(float[] xp, int start, int[] offsets, int ka, int kc, int valid, float[] panel) {
        if (valid == NR) {
            for (int q = 0; q < kc; q++) {
                int src = start + offsets[ka + q], dst = q * NR;
                FloatVector.fromArray(S, xp, src).intoArray(panel, dst);
                FloatVector.fromArray(S, xp, src + L).intoArray(panel, dst + L);
            }
        } else {
            for (int q = 0; q < kc; q++) {
                System.arraycopy(xp, start + offsets[ka + q], panel, q * NR, valid);
                Arrays.fill(panel, q * NR + valid, (q + 1) * NR, 0f);
            }
        }
    }

    /**
     * The output row pieces among virtual pixels [p0, p0 + valid): {from in the tile, to in the output
     * plane, length} triples into {@code runs}; returns their count.
     */
    private static int runs(ConvGeometry g, int p0, int valid, int[] runs) {
        int pitch = g.pitch(), ow = g.ow(), count = 0;
        for (int p = p0, end = p0 + valid; p < end; ) {
            int row = p / pitch, col = p - row * pitch;
            if (col >= ow) {
                p = (row + 1) * pitch;
                continue;
            }
            int len = Math.min(ow - col, end - p);
            runs[3 * count] = p - p0;
            runs[3 * count + 1] = row * ow + col;
            runs[3 * count + 2] = len;
            count++;
            p += len;
        }
        return count;
    }

    /**
     * Writes the tile's {@code rows} channel rows (NR apart in acc), plus their bias, to output planes
     * {@code plane} apart from {@code out0}: masked vector stores, since runs are short (a 7- or 14-wide
     * row) and a call to {@code System.arraycopy} per run cost more than the copy. acc has L elements of
     * slack, so a run's last load may reach past its row.
     */
    private static void scatter(float[] acc, int rows, float[] bias, int b0, int[] runs, int count, float[] y, int out0, int plane) {
        for (int r = 0; r < rows; r++) {
            float add = bias == null ? 0f : bias[b0 + r];
            for (int i = 0; i < count; i++) {
                int from = r * NR + runs[3 * i], to = out0 + r * plane + runs[3 * i + 1], len = runs[3 * i + 2];
                for (int j = 0; j < len; j += L) {
                    FloatVector v = FloatVector.fromArray(S, acc, from + j);
                    if (bias != null) v = v.add(add); // not + 0 without bias: -0 stays -0
                    v.intoArray(y, to + j, S.indexInRange(j, len));
                }
            }
        }
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
