package org.torch4j.backend.cuda;

import static org.torch4j.backend.cuda.KernelOperands.at;

import org.torch4j.DType;
import org.torch4j.spi.Strided;

/**
 * Sorts and topk of lines longer than one block's shared-memory sort ({@link CudaBackend#SORT_MAX}), on the GPU. The
 * lines, made contiguous, are cut into chunks of SORT_MAX that {@code sort.cu}'s {@code sort_chunks} sorts in shared
 * memory, each sorted element carrying its original index. The index breaks ties at every step, so the result is
 * the stable sort's, as on the CPU.
 * <ul>
 * <li>topk with k up to SORT_MAX / 2: each chunk keeps its first k, and the candidates are cut again until one chunk
 * per line remains, whose first k are the result. A vocabulary's top 50 of 50,257 logits takes two sort launches.</li>
 * <li>Otherwise (full sorts, larger k): the sorted chunks are merged pairwise ({@code sort_merge}, one pass per
 * doubling of the run length), and the first k of each line are the result.</li>
 * </ul>
 */
final class LongLineSort {
    private LongLineSort() {}

    static void run(CudaBackend backend, CudaDevice d, Strided values, Strided indices, Strided in, int dim, int k, boolean descending) {
        DType t = in.dtype();
        long n = in.shape()[dim], lines = in.numel() / n;
        int desc = descending ? 1 : 0;
        // the lines contiguous, dim last
        Pairs cur = new Pairs(new CudaStorage(d, t, in.numel()), null);
        backend.copy(new Strided(cur.values, in.shape(), lastDimStrides(in.shape(), dim), 0), in);
        long count = n;
        int keep = k <= CudaBackend.SORT_MAX / 2 ? k : CudaBackend.SORT_MAX;  // per chunk: the top k, or the whole chunk
        while (true) {
            long chunkLen = Math.min(count, CudaBackend.SORT_MAX), chunks = (count + chunkLen - 1) / chunkLen;
            int chunkKeep = (int) Math.min(keep, chunkLen);
            Pairs next = Pairs.of(d, t, lines * chunks * chunkKeep);
            int pow2 = CudaBackend.pow2AtLeast(chunkLen, 1, CudaBackend.SORT_MAX), threads = Math.min(1024, Math.max(32, pow2 / 2));
            d.launchGrid("sort_chunks_" + CudaDType.suffix(t), (int) Math.min(lines * chunks, 1 << 20), 1, 1, threads, pow2 * 16, lines,
                    count, chunkLen, chunks, chunkKeep, pow2, desc, next.valuesAt(), next.indicesAt(), cur.valuesAt(), cur.indicesAt());
            cur = cur.replacedBy(next);  // stream order keeps the inputs until the launch has read them
            count = chunks * chunkKeep;
            if (chunks == 1 || keep == CudaBackend.SORT_MAX) break;
        }
        // a full sort: merge the sorted chunks (padding, at the end of the last, stays last)
        for (long run = CudaBackend.SORT_MAX; run < count; run *= 2) {
            Pairs next = Pairs.of(d, t, lines * count);
            d.launch("sort_merge_" + CudaDType.suffix(t), lines * count, lines, count, run, desc, next.valuesAt(), next.indicesAt(),
                    cur.valuesAt(), cur.indicesAt());
            cur = cur.replacedBy(next);
        }
        try {
            // the first k of each line (of count) back into the outputs' layout; either output may be absent
            long[] outShape = in.shape().clone();
            outShape[dim] = k;
            long[] strides = lastDimStrides(outShape, dim);
            for (int i = 0; i < strides.length; i++) if (i != dim) strides[i] = strides[i] / k * count;
            if (values != null) backend.copy(values, new Strided(cur.values, outShape, strides, 0));
            if (indices != null) backend.copy(indices, new Strided(cur.indices, outShape, strides, 0));
        } finally {
            cur.release();
        }
    }

    /** A line set's values and their original indices (absent before the first sort: their positions). */
    private record Pairs(CudaStorage values, CudaStorage indices) {
        static Pairs of(CudaDevice d, DType t, long size) {
            return new Pairs(new CudaStorage(d, t, size), new CudaStorage(d, DType.INT64, size));
        }

        Object valuesAt() {
            return at(flat(values));
        }

        Object indicesAt() {
            return indices == null ? at(null) : at(flat(indices));
        }

        /** {@code next}, releasing these (stream-ordered: kernels queued before still read them). */
        Pairs replacedBy(Pairs next) {
            release();
            return next;
        }

        void release() {
            values.release();
            if (indices != null) indices.release();
        }

        private static Strided flat(CudaStorage s) {
            return new Strided(s, new long[] {s.size()}, new long[] {1}, 0);
        }
    }

    /** Contiguous strides for {@code shape} laid out with {@code dim} innermost (the others in their order). */
    private static long[] lastDimStrides(long[] shape, int dim) {
        long[] strides = new long[shape.length];
        strides[dim] = 1;
        long s = shape[dim];
        for (int i = shape.length - 1; i >= 0; i--) {
            if (i == dim) continue;
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }
}
