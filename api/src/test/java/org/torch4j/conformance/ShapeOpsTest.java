package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.Linalg;

/**
 * Construction, shape, joining and matrix-product conveniences (diag, the *_scatter ops, index_fill
 * and friends, meshgrid, repeat_interleave, splits and stacks, broadcasting helpers, vander, kron,
 * tensordot, addmv, cdist, renorm, ...) against PyTorch's values and error messages. Reference:
 * {@code shapeops.json} from {@code tools/gen_shapeops_reference.py}; each value case runs with its
 * tensors rebuilt contiguous, transposed and sliced, as the other conformance tests do.
 */
class ShapeOpsTest {

    /** The ops by the generator's names, with its positional arguments. */
    private static final Map<String, Function<Ops.Args, Object>> OPS = new HashMap<>();

    private static void op(String name, Function<Ops.Args, Object> f) {
        OPS.put(name, f);
    }

    /** An in-place op: it must return its first argument. */
    private static void inPlace(String name, Function<Ops.Args, Tensor> f) {
        OPS.put(name, a -> {
            Tensor r = f.apply(a);
            assertSame(a.t(0), r, name + " must return self");
            return r;
        });
    }

    private static Long optLong(Ops.Args a, int i) {
        return a.has(i) ? a.l(i) : null;
    }

    private static Integer optInt(Ops.Args a, int i) {
        return a.has(i) ? a.i(i) : null;
    }

    private static Tensor[] array(Ops.Args a, int i) {
        return a.tensors(i).toArray(new Tensor[0]);
    }

    static {
        op("diag", a -> a.t(0).diag(a.l(1)));
        op("diagflat", a -> Torch.diagflat(a.t(0), a.l(1)));
        op("diag_embed", a -> Torch.diagEmbed(a.t(0), a.l(1), a.i(2), a.i(3)));
        op("trace", a -> Torch.trace(a.t(0)));
        op("diagonal_scatter", a -> Torch.diagonalScatter(a.t(0), a.t(1), a.l(2), a.i(3), a.i(4)));
        op("select_scatter", a -> Torch.selectScatter(a.t(0), a.t(1), a.i(2), a.l(3)));
        op("slice_scatter", a -> Torch.sliceScatter(a.t(0), a.t(1), a.i(2), optLong(a, 3), optLong(a, 4), a.l(5)));
        inPlace("fill_diagonal_", a -> a.t(0).fillDiagonal_(a.d(1), a.b(2)));
        op("index_fill", a -> a.isTensor(3) ? a.t(0).indexFill(a.i(1), a.t(2), a.t(3))
                : a.t(0).indexFill(a.i(1), a.t(2), a.get(3) instanceof Boolean b ? (b ? 1 : 0) : a.d(3)));
        inPlace("index_fill_", a -> a.t(0).indexFill_(a.i(1), a.t(2), a.d(3)));
        op("index_copy", a -> Torch.indexCopy(a.t(0), a.i(1), a.t(2), a.t(3)));
        inPlace("index_copy_", a -> a.t(0).indexCopy_(a.i(1), a.t(2), a.t(3)));
        op("masked_scatter", a -> Torch.maskedScatter(a.t(0), a.t(1), a.t(2)));
        inPlace("masked_scatter_", a -> a.t(0).maskedScatter_(a.t(1), a.t(2)));
        op("index_reduce", a -> Torch.indexReduce(a.t(0), a.i(1), a.t(2), a.t(3), a.s(4), a.b(5)));
        inPlace("index_reduce_", a -> a.t(0).indexReduce_(a.i(1), a.t(2), a.t(3), a.s(4), a.b(5)));
        op("meshgrid", a -> Torch.meshgrid(a.tensors(0), a.s(1)));
        op("repeat_interleave_counts", a -> Torch.repeatInterleave(a.t(0)));
        op("repeat_interleave", a -> a.isTensor(1) ? Torch.repeatInterleave(a.t(0), a.t(1), optInt(a, 2), optLong(a, 3))
                : Torch.repeatInterleave(a.t(0), a.l(1), optInt(a, 2), optLong(a, 3)));
        op("take_along_dim", a -> a.has(2) ? Torch.takeAlongDim(a.t(0), a.t(1), a.i(2)) : Torch.takeAlongDim(a.t(0), a.t(1)));
        op("tensor_split", a -> a.isTensor(1) ? Torch.tensorSplit(a.t(0), a.t(1), a.i(2))
                : a.get(1) instanceof List<?> ? Torch.tensorSplit(a.t(0), a.longs(1), a.i(2)) : Torch.tensorSplit(a.t(0), a.l(1), a.i(2)));
        op("hsplit", a -> a.get(1) instanceof List<?> ? Torch.hsplit(a.t(0), a.longs(1)) : Torch.hsplit(a.t(0), a.l(1)));
        op("vsplit", a -> a.get(1) instanceof List<?> ? Torch.vsplit(a.t(0), a.longs(1)) : Torch.vsplit(a.t(0), a.l(1)));
        op("dsplit", a -> a.get(1) instanceof List<?> ? Torch.dsplit(a.t(0), a.longs(1)) : Torch.dsplit(a.t(0), a.l(1)));
        op("hstack", a -> Torch.hstack(a.tensors(0)));
        op("vstack", a -> Torch.vstack(a.tensors(0)));
        op("row_stack", a -> Torch.rowStack(a.tensors(0)));
        op("dstack", a -> Torch.dstack(a.tensors(0)));
        op("column_stack", a -> Torch.columnStack(a.tensors(0)));
        op("atleast_1d", a -> Torch.atleast1d(a.t(0)));
        op("atleast_2d", a -> Torch.atleast2d(a.t(0)));
        op("atleast_3d", a -> Torch.atleast3d(a.t(0)));
        op("broadcast_to", a -> Torch.broadcastTo(a.t(0), a.longs(1)));
        op("broadcast_tensors", a -> Torch.broadcastTensors(array(a, 0)));
        op("broadcast_shapes", a -> {
            List<?> l = a.list(0);
            long[][] shapes = new long[l.size()][];
            for (int i = 0; i < shapes.length; i++) shapes[i] = new Ops.Args(List.of(l.get(i))).longs(0);
            return Torch.tensor(Torch.broadcastShapes(shapes));
        });
        op("rot90", a -> a.has(2) ? Torch.rot90(a.t(0), a.l(1), a.ints(2)) : Torch.rot90(a.t(0), a.l(1)));
        op("fliplr", a -> Torch.fliplr(a.t(0)));
        op("flipud", a -> Torch.flipud(a.t(0)));
        op("ravel", a -> Torch.ravel(a.t(0)));
        op("sum_to_size", a -> a.t(0).sumToSize(a.longs(1)));
        op("type_as", a -> a.t(0).typeAs(a.t(1)));
        op("new_zeros", a -> a.t(0).newZeros(a.longs(1)));
        op("new_ones", a -> a.t(0).newOnes(a.longs(1)));
        op("new_full", a -> a.t(0).newFull(a.longs(1), a.d(2)));
        op("new_tensor", a -> {
            List<?> rows = a.list(1);
            long[][] data = new long[rows.size()][];
            for (int i = 0; i < data.length; i++) data[i] = new Ops.Args(List.of(rows.get(i))).longs(0);
            return a.t(0).newTensor(data);
        });
        op("positive", a -> Torch.positive(a.t(0)));
        op("block_diag", a -> Torch.blockDiag(array(a, 0)));
        op("cartesian_prod", a -> Torch.cartesianProd(array(a, 0)));
        op("combinations", a -> Torch.combinations(a.t(0), a.l(1), a.b(2)));
        op("tril_indices", a -> Torch.trilIndices(a.l(0), a.l(1), a.l(2), DType.of(a.s(3)), Torch.getDefaultDevice()));
        op("triu_indices", a -> Torch.triuIndices(a.l(0), a.l(1), a.l(2), DType.of(a.s(3)), Torch.getDefaultDevice()));
        op("logspace", a -> Torch.logspace(a.d(0), a.d(1), a.l(2), a.d(3), DType.of(a.s(4)), Torch.getDefaultDevice()));
        op("vander", a -> Torch.vander(a.t(0), optLong(a, 1), a.b(2)));
        op("linalg_vander", a -> Linalg.vander(a.t(0), optLong(a, 1)));
        op("kron", a -> Torch.kron(a.t(0), a.t(1)));
        op("tensordot", a -> {
            if (!(a.get(2) instanceof List<?> l)) return Torch.tensordot(a.t(0), a.t(1), a.l(2));
            Ops.Args dims = new Ops.Args(new ArrayList<>(l));
            return Torch.tensordot(a.t(0), a.t(1), dims.ints(0), dims.ints(1));
        });
        op("inner", a -> Torch.inner(a.t(0), a.t(1)));
        op("vdot", a -> Torch.vdot(a.t(0), a.t(1)));
        op("addmv", a -> Torch.addmv(a.t(0), a.t(1), a.t(2), a.d(3), a.d(4)));
        op("addr", a -> Torch.addr(a.t(0), a.t(1), a.t(2), a.d(3), a.d(4)));
        op("addbmm", a -> Torch.addbmm(a.t(0), a.t(1), a.t(2), a.d(3), a.d(4)));
        op("chain_matmul", a -> Torch.chainMatmul(array(a, 0)));
        op("cdist", a -> Torch.cdist(a.t(0), a.t(1), a.d(2), a.sOrNull(3)));
        op("dist", a -> Torch.dist(a.t(0), a.t(1), a.d(2)));
        op("renorm", a -> Torch.renorm(a.t(0), a.d(1), a.i(2), a.d(3)));
    }

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.file("shapeops.json", ShapeOpsTest::run);
    }

    private static Object run(String op, Ops.Args args) {
        Function<Ops.Args, Object> f = OPS.get(op);
        if (f == null) throw new AssertionError("no Java mapping for op " + op);
        return f.apply(args);
    }
}
