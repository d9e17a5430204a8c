package org.torch4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.linalg.Linalg;

/**
 * gradcheck and gradgradcheck (float64) of every differentiable op of the construction, shape,
 * joining and matrix-product family: each op with its inputs' shapes, drawn from an interval that
 * keeps away from kinks (zero distances, ties of amax, renorm's threshold).
 */
class ShapeOpsGradcheckTest {

    /** An op under test: its inputs' shapes, the interval their values come from, and the op (several outputs concatenated). */
    private record Case(String name, long[][] shapes, double lo, double hi, Function<Tensor[], Tensor> fn) {}

    private static final List<Case> CASES = new ArrayList<>();

    private static void add(String name, Function<Tensor[], Tensor> fn, long[]... shapes) {
        CASES.add(new Case(name, shapes, -2, 2, fn));
    }

    private static void add(String name, double lo, double hi, Function<Tensor[], Tensor> fn, long[]... shapes) {
        CASES.add(new Case(name, shapes, lo, hi, fn));
    }

    private static long[] s(long... shape) {
        return shape;
    }

    private static Tensor flat(List<Tensor> parts) {
        return Torch.cat(parts.stream().map(Tensor::ravel).toList(), 0);
    }

    private static Tensor idx(long... v) {
        return Torch.tensor(v, v.length);
    }

    static {
        add("diag/vector", x -> x[0].diag(1), s(3));
        add("diag/matrix", x -> x[0].diag(-1), s(3, 4));
        add("diagflat", x -> x[0].diagflat(1), s(2, 2));
        add("diag_embed", x -> x[0].diagEmbed(1, 0, 2), s(2, 3));
        add("trace", x -> x[0].trace(), s(3, 4));
        add("diagonal_scatter", x -> x[0].diagonalScatter(x[1], 1, 0, 1), s(3, 4), s(3));
        add("select_scatter", x -> x[0].selectScatter(x[1], 1, 2), s(3, 4), s(3));
        add("slice_scatter", x -> x[0].sliceScatter(x[1], 1, 1L, null, 2), s(3, 4), s(3, 2));
        add("fill_diagonal_", x -> x[0].mul(1.0).fillDiagonal_(2.0, true), s(5, 2));
        add("index_fill", x -> x[0].indexFill(1, idx(0, 2), x[1].sum()), s(3, 4), s(2));
        add("index_fill_", x -> x[0].mul(1.0).indexFill_(0, idx(1), -1.0), s(3, 4));
        add("index_copy", x -> x[0].indexCopy(0, idx(2, 0), x[1]), s(3, 4), s(2, 4));
        add("index_copy_", x -> x[0].mul(1.0).indexCopy_(1, idx(3, 1), x[1]), s(3, 4), s(3, 2));
        Tensor mask = Torch.tensor(new boolean[] {true, false, true, true, false, false, true, false, false, true, true, false}, 3, 4);
        add("masked_scatter", x -> x[0].maskedScatter(mask, x[1]), s(3, 4), s(8));
        add("masked_scatter_", x -> x[0].mul(1.0).maskedScatter_(mask, x[1]), s(3, 4), s(2, 4));
        for (String r : new String[] {"prod", "mean", "amax", "amin"}) {
            for (boolean inc : new boolean[] {true, false}) {
                add("index_reduce/" + r + "/" + inc, 0.5, 2, x -> x[0].indexReduce(0, idx(0, 2, 0, 3), x[1], r, inc), s(4, 3), s(4, 3));
            }
        }
        add("meshgrid/xy", x -> flat(Torch.meshgrid(List.of(x[0], x[1], x[2]), "xy")), s(2), s(3), s());
        add("cartesian_prod", x -> Torch.cartesianProd(x[0], x[1]), s(2), s(3));
        add("combinations", x -> Torch.combinations(x[0], 3, true), s(3));
        add("repeat_interleave/tensor", x -> x[0].repeatInterleave(idx(2, 0, 3), 0), s(3, 2));
        add("repeat_interleave/flat", x -> x[0].repeatInterleave(2), s(2, 2));
        add("take_along_dim", x -> x[0].takeAlongDim(Torch.tensor(new long[] {0, 3, 3, 1, 2, 0}, 3, 2), 1), s(1, 4));
        add("tensor_split", x -> flat(x[0].tensorSplit(new long[] {1, 3}, 1)), s(2, 5));
        add("hsplit", x -> flat(x[0].hsplit(2)), s(2, 4));
        add("hstack", x -> Torch.hstack(List.of(x[0], x[1])), s(2, 2), s(2, 1));
        add("vstack", x -> Torch.vstack(List.of(x[0], x[1])), s(3), s(2, 3));
        add("dstack", x -> Torch.dstack(List.of(x[0], x[1])), s(3), s(1, 3));
        add("column_stack", x -> Torch.columnStack(List.of(x[0], x[1])), s(3), s(3, 2));
        add("atleast_1d", x -> Torch.atleast1d(x[0]), s());
        add("atleast_2d", x -> Torch.atleast2d(x[0]), s(4));
        add("atleast_3d", x -> Torch.atleast3d(x[0]), s(4));
        add("vsplit", x -> flat(x[0].vsplit(new long[] {1})), s(3, 2));
        add("dsplit", x -> flat(x[0].dsplit(2)), s(1, 2, 4));
        add("row_stack", x -> Torch.rowStack(List.of(x[0], x[1])), s(2), s(2));
        add("flipud", x -> x[0].flipud(), s(3, 2));
        add("type_as", x -> x[0].typeAs(x[1]), s(3), s(1));
        add("positive", x -> x[0].positive().mul(x[0]), s(3));
        add("index_fill_/view", x -> {
            Tensor y = x[0].mul(1.0);
            y.select(0, 1).indexFill_(0, idx(0, 2), x[1].sum());
            return y;
        }, s(3, 4), s(2));
        add("broadcast_to", x -> x[0].broadcastTo(2, 3, -1), s(3, 1));
        add("broadcast_tensors", x -> flat(Torch.broadcastTensors(x[0], x[1])), s(3, 1), s(2));
        add("sum_to_size", x -> x[0].sumToSize(3, 1), s(2, 3, 4));
        add("rot90", x -> x[0].rot90(3, 1, 0), s(2, 3));
        add("fliplr", x -> x[0].fliplr(), s(2, 3));
        add("ravel", x -> x[0].t().ravel(), s(2, 3));
        add("block_diag", x -> Torch.blockDiag(x[0], x[1], x[2]), s(), s(2), s(2, 2));
        add("vander", x -> Torch.vander(x[0], 4L, false), s(3));
        add("linalg_vander", x -> Linalg.vander(x[0]), s(2, 3));
        add("kron", x -> x[0].kron(x[1]), s(2, 2), s(3));
        add("tensordot", x -> Torch.tensordot(x[0], x[1], new int[] {0, 2}, new int[] {1, 0}), s(2, 3, 4), s(4, 2));
        add("inner", x -> x[0].inner(x[1]), s(2, 3), s(4, 3));
        add("vdot", x -> x[0].vdot(x[1]), s(4), s(4));
        add("addmv", x -> x[0].addmv(x[1], x[2], 0.5, 2), s(3), s(3, 4), s(4));
        add("addr", x -> x[0].addr(x[1], x[2], -1, 0.5), s(3), s(2), s(3));
        add("addbmm", x -> x[0].addbmm(x[1], x[2], 2, 0.5), s(2, 4), s(3, 2, 3), s(3, 3, 4));
        add("chain_matmul", x -> Torch.chainMatmul(x[0], x[1], x[2]), s(2, 3), s(3, 4), s(4, 2));
        add("cdist/2", x -> Torch.cdist(x[0], x[1]), s(2, 3, 2), s(1, 4, 2));
        add("cdist/mm", x -> Torch.cdist(x[0], x[1], 2, "use_mm_for_euclid_dist"), s(3, 2), s(4, 2));
        add("cdist/1", x -> Torch.cdist(x[0], x[1], 1), s(3, 2), s(4, 2));
        add("cdist/3", x -> Torch.cdist(x[0], x[1], 3), s(3, 2), s(4, 2));
        add("dist/2", x -> x[0].dist(x[1]), s(2, 3), s(3));
        add("dist/3.5", x -> x[0].dist(x[1], 3.5), s(2, 3), s(3));
        add("renorm", x -> x[0].renorm(2, 0, 1.5), s(3, 4));
        add("renorm/1", x -> x[0].renorm(1, 1, 2.0), s(3, 4));
    }

    @TestFactory
    Stream<DynamicTest> gradcheckAndGradgradcheck() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            try {
                GradCheck.gradcheck(c.fn, inputs(c));
                GradCheck.gradgradcheck(c.fn, inputs(c));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(c.name + ": " + e.getMessage(), e);
            }
        }));
    }

    /** float64 inputs that require grad, with values from the case's interval (seeded by its name). */
    private static Tensor[] inputs(Case c) {
        Random r = new Random(c.name.hashCode());
        Tensor[] in = new Tensor[c.shapes.length];
        for (int i = 0; i < in.length; i++) {
            long n = 1;
            for (long d : c.shapes[i]) n *= d;
            double[] v = new double[(int) n];
            for (int k = 0; k < v.length; k++) v[k] = c.lo + (c.hi - c.lo) * r.nextDouble();
            in[i] = Torch.tensor(v, c.shapes[i]).requiresGrad_();
        }
        return in;
    }
}
