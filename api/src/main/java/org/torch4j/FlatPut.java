package org.torch4j;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code Tensor.put}: writes (or adds) values at flat, row-major indices of a copy of the tensor, through
 * {@code index_put_} on its flattened copy, so it is differentiable in self and in the source.
 */
final class FlatPut {
    private FlatPut() {}

    static Tensor put(Tensor self, Tensor index, Tensor source, boolean accumulate) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException("put_(): Expected a long tensor for index, but got " + Printer.cppName(index.dtype()));
        }
        if (source.dtype() != self.dtype()) {
            throw new IllegalArgumentException("put_(): self and source expected to have the same dtype, but got self.dtype = "
                    + Printer.cppName(self.dtype()) + " and source.dtype = " + Printer.cppName(source.dtype()));
        }
        if (index.numel() != source.numel()) {
            throw new IndexOutOfBoundsException("put_(): Expected source and index to have the same number of elements, but got "
                    + "source.numel() = " + source.numel() + ", index.numel() = " + index.numel());
        }
        long n = self.numel();
        Tensor flatIndex = index.reshape(-1);
        if (flatIndex.numel() > 0) {
            for (long i : new long[] {flatIndex.min().itemLong(), flatIndex.max().itemLong()}) {
                if (i < -n || i >= n) {
                    throw new IndexOutOfBoundsException("out of range: tried to access index " + i + " on a tensor of " + n
                            + " elements.");
                }
            }
        }
        Tensor flat = self.reshape(-1).clone();
        flat.indexPut_(new Index[] {Index.of(flatIndex)}, source.reshape(-1), accumulate);
        return flat.view(self.shape);
    }

    /** A shape as PyTorch's messages write it: {@code 2x3}. */
    static String times(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining("x"));
    }
}
