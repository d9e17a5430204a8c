package org.torch4j.onnx.export;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.ValuesIndices;
import org.torch4j.onnx.OnnxException;

/**
 * One recorded op as the tracer received it: PyTorch's name, the arguments in the order the op's
 * entry point passes them, and the result, with typed accessors for symbolic functions.
 *
 * @param op     e.g. {@code aten::add}
 * @param args   the arguments
 * @param result the op's result (a tensor, tensor array or list, or a record of tensors)
 */
public record Call(String op, Object[] args, Object result) {

    public Tensor tensor(int i) {
        return (Tensor) args[i];
    }

    public long[] longs(int i) {
        Object a = args[i];
        if (a == null) return null;
        if (a instanceof int[] v) {
            long[] r = new long[v.length];
            for (int j = 0; j < v.length; j++) r[j] = v[j];
            return r;
        }
        return (long[]) a;
    }

    public int[] ints(int i) {
        Object a = args[i];
        if (a == null) return null;
        if (a instanceof long[] v) {
            int[] r = new int[v.length];
            for (int j = 0; j < v.length; j++) r[j] = (int) v[j];
            return r;
        }
        return (int[]) a;
    }

    public double[] doubles(int i) {
        return (double[]) args[i];
    }

    public long lng(int i) {
        return ((Number) args[i]).longValue();
    }

    public int integer(int i) {
        return ((Number) args[i]).intValue();
    }

    public double dbl(int i) {
        return ((Number) args[i]).doubleValue();
    }

    public boolean bool(int i) {
        return (Boolean) args[i];
    }

    public String str(int i) {
        return (String) args[i];
    }

    /** The single result tensor. */
    public Tensor out() {
        return outs().get(0);
    }

    /** Every tensor of the result, in order. */
    public List<Tensor> outs() {
        List<Tensor> r = new ArrayList<>();
        switch (result) {
            case Tensor t -> r.add(t);
            case Tensor[] ts -> r.addAll(java.util.Arrays.asList(ts));
            case List<?> l -> l.forEach(o -> r.add((Tensor) o));
            case ValuesIndices vi -> {
                r.add(vi.values());
                r.add(vi.indices());
            }
            default -> throw new OnnxException(op + ": cannot read the result " + result);
        }
        return r;
    }

    /** An error naming this op, for arguments ONNX cannot express. */
    public OnnxException refuse(String why) {
        return new OnnxException(op + " cannot be exported to ONNX: " + why);
    }
}
