package org.torch4j.backend.cuda;

import static org.torch4j.backend.cuda.KernelOperands.at;

import org.torch4j.DType;
import org.torch4j.spi.Strided;

/**
 * topk of lines longer than one block's sort ({@link CudaBackend#SORT_MAX}) on the GPU, for k up to half that: the
 * lines, made contiguous, are cut into chunks that {@code sort.cu}'s {@code sort_chunks} sorts in shared memory,
 * keeping each chunk's first k (value, original index) pairs; the candidates are cut again until one chunk per line
 * remains, whose first k are the result. The original index breaks ties at every stage, so the result is the stable
 * sort's, as on the CPU. A vocabulary's top 50 of 50,257 logits takes two stages, where the host sort it replaces
 * copied every line to the host and back and made the host wait for the GPU.
 */
final class ChunkedTopk {
    private ChunkedTopk() {}

    /** Whether lines of {@code n} take this path for {@code k}. */
    static boolean applies(long n, int k) {
        return n > CudaBackend.SORT_MAX && k <= CudaBackend.SORT_MAX / 2;
    }

    static void run(CudaBackend backend, CudaDevice d, Strided values, Strided indices, Strided in, int dim, int k, boolean descending) {
        DType t = in.dtype();
        long n = in.shape()[dim], lines = in.numel() / n;
        // the lines contiguous, dim last
        CudaStorage candidates = new CudaStorage(d, t, in.numel());
        backend.copy(new Strided(candidates, in.shape(), lastDimStrides(in.shape(), dim), 0), in);
        CudaStorage order = null;  // the candidates' original indices; none at the first stage (their positions)
        long count = n;
        while (true) {
            long chunkLen = Math.min(count, CudaBackend.SORT_MAX), chunks = (count + chunkLen - 1) / chunkLen;
            CudaStorage outVals = new CudaStorage(d, t, lines * chunks * k), outIdx = new CudaStorage(d, DType.INT64, lines * chunks * k);
            int pow2 = CudaBackend.pow2AtLeast(chunkLen, 1, CudaBackend.SORT_MAX), threads = Math.min(1024, Math.max(32, pow2 / 2));
            d.launchGrid("sort_chunks_" + CudaDType.suffix(t), (int) Math.min(lines * chunks, 1 << 20), 1, 1, threads, pow2 * 16, lines, count,
                    chunkLen, chunks, k, pow2, descending ? 1 : 0, at(flat(outVals)), at(flat(outIdx)), at(flat(candidates)),
                    order == null ? at(null) : at(flat(order)));
            // stream order keeps the inputs until the launch has read them
            candidates.release();
            if (order != null) order.release();
            candidates = outVals;
            order = outIdx;
            count = chunks * k;
            if (chunks == 1) break;
        }
        try {
            // [lines, k] back into the outputs' layout (either may be absent)
            long[] outShape = in.shape().clone();
            outShape[dim] = k;
            long[] outStrides = lastDimStrides(outShape, dim);
            if (values != null) backend.copy(values, new Strided(candidates, outShape, outStrides, 0));
            if (indices != null) backend.copy(indices, new Strided(order, outShape, outStrides, 0));
        } finally {
            candidates.release();
            order.release();
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

    private static Strided flat(CudaStorage s) {
        return new Strided(s, new long[] {s.size()}, new long[] {1}, 0);
    }
}
