package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Ops that PyTorch defines to return a new tensor do so also where the result could be a view of the input
 * (a repeat of 1, a join of one tensor, a roll by 0, a pad by 0 or a crop): writing to the result leaves the input
 * as it was. {@code repeat} and {@code repeatInterleave} with counts of 1 returned views of their input, and so did
 * {@code pad} by 0 (the input itself) or by negative amounts.
 */
class ResultsAreNewTest {

    private static final Map<String, UnaryOperator<Tensor>> OPS = new LinkedHashMap<>();

    static {
        OPS.put("repeat(1, 1)", t -> t.repeat(1, 1));
        OPS.put("tile(1, 1)", t -> t.tile(1, 1));
        OPS.put("repeatInterleave(1)", t -> t.repeatInterleave(1L));
        OPS.put("cat of one", t -> Torch.cat(List.of(t), 0));
        OPS.put("stack of one", t -> Torch.stack(List.of(t), 0));
        OPS.put("hstack of one", t -> Torch.hstack(List.of(t)));
        OPS.put("roll(0, 0)", t -> t.roll(0, 0));
        OPS.put("clamp, no bound reached", t -> t.clamp(-100.0, 100.0));
        OPS.put("triu(-5)", t -> t.triu(-5));
        OPS.put("cumsum over a dim of 1", t -> t.reshape(4, 1).cumsum(1));
        OPS.put("softmax of a transposed tensor", t -> t.t().softmax(0));
        OPS.put("pad by 0", t -> Torch.pad(t, 0, 0));
        OPS.put("pad that crops", t -> Torch.pad(t, -1, 0, 0, -1));
        OPS.put("reflect pad by 0", t -> Torch.pad(t.unsqueeze(0), new long[] {0, 0}, "reflect", 0).squeeze(0));
        OPS.put("circular pad by 0", t -> Torch.pad(t.unsqueeze(0), new long[] {0, 0}, "circular", 0).squeeze(0));
    }

    @TestFactory
    Stream<DynamicTest> resultsDoNotAliasTheirInput() {
        return OPS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor t = Torch.arange(4).toDouble().reshape(2, 2);
            Tensor r = e.getValue().apply(t);
            assertFalse(r.sharesStorageWith(t), e.getKey() + " shares its input's storage");
            r.fill_(7.0);
            assertArrayEquals(new double[] {0, 1, 2, 3}, t.toDoubleArray(), 0.0);
        }));
    }

    /**
     * Views that keep all of the tensor ({@code t()} of a 1-d tensor, {@code x[()]}) are new view objects, as PyTorch's
     * aliases: they were the tensor itself, so an in-place change of the view's metadata changed the tensor's.
     */
    @Test
    void wholeViewsAreNewObjects() {
        Tensor v = Torch.arange(3).toDouble(), s = Torch.tensor(2.5), m = Torch.arange(6).toDouble().reshape(2, 3);
        for (Tensor[] pair : new Tensor[][] {{v, v.t()}, {s, s.t()}, {m, m.get()}, {s, s.get()}}) {
            Tensor base = pair[0], view = pair[1];
            assertTrue(view != base && view.sharesStorageWith(base), "a new view of the tensor");
            long[] shape = base.shape().clone();
            view.unsqueeze_(0);
            assertArrayEquals(shape, base.shape(), "the tensor keeps its shape");
        }
        Tensor x = Torch.arange(3).toDouble().requiresGrad_();
        x.t().mul(2.0).sum().backward();
        assertArrayEquals(new double[] {2, 2, 2}, x.grad().toDouble().toDoubleArray(), 0.0);
    }

    /** PyTorch's softmax, log-softmax and roll return contiguous tensors whatever the input's layout (view(-1) works). */
    @Test
    void softmaxAndRollResultsAreContiguous() {
        Tensor t = Torch.arange(12).toDouble().reshape(3, 4).t();
        for (int dim = 0; dim < 2; dim++) {
            assertTrue(t.softmax(dim).isContiguous(), "softmax " + dim);
            assertTrue(t.logSoftmax(dim).isContiguous(), "log_softmax " + dim);
            assertTrue(t.roll(0, dim).isContiguous(), "roll by 0 along " + dim);
        }
    }
}
