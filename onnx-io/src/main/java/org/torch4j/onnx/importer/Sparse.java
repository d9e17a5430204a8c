package org.torch4j.onnx.importer;

import java.nio.file.Path;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.OnnxException;
import org.torch4j.onnx.proto.OnnxProto.SparseTensorProto;

/** Sparse initializers and constants, made dense (torch4j has no sparse tensors). */
final class Sparse {
    private Sparse() {}

    /** The most elements a sparse tensor may expand to: a small file must not claim gigabytes. */
    static final long MAX_DENSE = 1L << 28;

    static Tensor decode(SparseTensorProto s, Path baseDir) {
        String what = "sparse tensor '" + s.getValues().getName() + "'";
        long[] dims = s.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long numel = 1;
        for (long d : dims) {
            if (d < 0) throw new OnnxException(what + " has a negative dimension");
            numel = Math.multiplyExact(numel, d);
            if (numel > MAX_DENSE) throw new OnnxException(what + " would expand to more than " + MAX_DENSE + " elements");
        }
        Tensor values = TensorDecoder.decode(s.getValues(), baseDir);
        Tensor indices = TensorDecoder.decode(s.getIndices(), baseDir);
        long nnz = values.numel();
        if (values.dim() != 1) throw new OnnxException(what + ": values must be 1-D");
        Tensor linear;
        if (indices.dim() == 1 && indices.size(0) == nnz) {
            linear = indices.toLong();
        } else if (indices.dim() == 2 && indices.size(0) == nnz && indices.size(1) == dims.length) {
            long[] strides = new long[dims.length];
            long st = 1;
            for (int d = dims.length - 1; d >= 0; d--) {
                strides[d] = st;
                st *= dims[d];
            }
            linear = indices.toLong().mul(Torch.tensor(strides, dims.length)).sum(new int[] {1}, false);
        } else {
            throw new OnnxException(what + ": indices must be [NNZ] or [NNZ, rank]");
        }
        long[] idx = linear.toLongArray();
        for (long i : idx) if (i < 0 || i >= numel) throw new OnnxException(what + ": index " + i + " is out of range");
        Tensor dense = Torch.zeros(new long[] {numel}, values.dtype(), values.device());
        if (nnz > 0) dense = dense.scatter(0, linear, values);
        return dense.reshape(dims);
    }
}
