package org.torch4j;

/**
 * How a tensor's elements are stored, PyTorch's {@code torch.layout}. Dense {@link Tensor}s are
 * {@link #STRIDED}; {@link org.torch4j.sparse.SparseCooTensor} and {@link org.torch4j.sparse.SparseCsrTensor}
 * are the sparse layouts. {@link #toString()} is PyTorch's name ({@code torch.sparse_coo}).
 */
public enum Layout {
    /** A dense tensor: every element stored, addressed through sizes and strides. */
    STRIDED("torch.strided"),
    /** Coordinate format: an int64 index column per specified element, and its value. */
    SPARSE_COO("torch.sparse_coo"),
    /** Compressed sparse rows: row offsets, column indices and values of a matrix. */
    SPARSE_CSR("torch.sparse_csr");

    private final String pytorchName;

    Layout(String pytorchName) {
        this.pytorchName = pytorchName;
    }

    @Override
    public String toString() {
        return pytorchName;
    }
}
