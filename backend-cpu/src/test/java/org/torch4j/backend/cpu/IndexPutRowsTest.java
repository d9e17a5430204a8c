package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Rows put or added along dim 0 ({@code Indexing.putRows}) from values whose rows are dense at any row stride, or one
 * broadcast value each (an embedding's gradient from a sum): the element-by-element results, repeated indices
 * accumulating in index order.
 */
class IndexPutRowsTest {

    @Test
    void broadcastAndStridedRows() {
        long[] idx = {3, 0, 3, 7, 1, 3};
        Tensor index = Torch.tensor(idx, idx.length);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor base = Torch.arange(8 * 12).to(dtype).reshape(8, 12);
            // a broadcast scalar per row (stride 0 everywhere), added
            Tensor ones = Torch.full(new long[] {1, 1}, 0.5, dtype).expand(idx.length, 12);
            double[] added = base.clone().indexAdd_(0, index, ones).toDoubleArray();
            // rows that are one value each, broadcast along the row: [6, 1] -> [6, 12]
            Tensor perRow = Torch.arange(idx.length).to(dtype).reshape(idx.length, 1).expand(idx.length, 12);
            double[] put = base.clone().indexPut_(new Index[] {Index.of(index)}, perRow).toDoubleArray();
            // dense rows at a row stride past their length: a narrowed [6, 20]
            Tensor wide = Torch.arange(idx.length * 20).to(dtype).reshape(idx.length, 20).narrow(1, 4, 12);
            double[] strided = base.clone().indexAdd_(0, index, wide).toDoubleArray();
            double[] eAdded = base.toDoubleArray(), ePut = base.toDoubleArray(), eStrided = base.toDoubleArray();
            for (int i = 0; i < idx.length; i++) {
                for (int j = 0; j < 12; j++) {
                    int at = (int) idx[i] * 12 + j;
                    eAdded[at] += 0.5;
                    ePut[at] = i;   // the last write of a repeated index stays, as in the walk
                    eStrided[at] += i * 20 + 4 + j;
                }
            }
            assertArrayEquals(eAdded, added, 0, dtype + " index_add_ of a broadcast scalar");
            assertArrayEquals(ePut, put, 0, dtype + " index_put_ of a value per row");
            assertArrayEquals(eStrided, strided, 0, dtype + " index_add_ of strided rows");
        }
        // the embedding's gradient through a sum: each row's count of lookups
        Tensor weight = Torch.randn(10, 16).requiresGrad_();
        F.embedding(index, weight, null).sum().backward();
        double[] grad = weight.grad().toDoubleArray(), expected = new double[10 * 16];
        for (long i : idx) for (int j = 0; j < 16; j++) expected[(int) i * 16 + j] += 1;
        assertArrayEquals(expected, grad, 0);
    }
}
