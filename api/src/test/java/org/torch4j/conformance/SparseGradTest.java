package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Embedding;
import org.torch4j.nn.EmbeddingBag;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Parameter;
import org.torch4j.optim.Adagrad;
import org.torch4j.optim.Adam;
import org.torch4j.optim.AdamW;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;
import org.torch4j.optim.SparseAdam;
import org.torch4j.sparse.Sparse;
import org.torch4j.sparse.SparseCooTensor;
import org.torch4j.sparse.SparseCsrTensor;

/**
 * Sparse gradients against PyTorch 1.13: {@code Embedding} and {@code EmbeddingBag} with {@code sparse = true}
 * (the gradient's entries, its accumulation over two backward passes, zero_grad), five training steps of an
 * embedding and a linear layer with SGD, SGD with Nesterov momentum, Adagrad and SparseAdam + Adam (every loss and
 * the final weights), and the optimizers' messages. Reference: the {@code grads}, {@code training} and
 * {@code optimizer_errors} sections of {@code sparse.json} ({@code tools/gen_sparse_reference.py}).
 */
class SparseGradTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String name) {
        return (Map<String, Object>) ((Map<String, Object>) Reference.load("sparse.json")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static void load(Parameter p, Object spec) {
        try (var g = Torch.noGrad()) {
            p.copy_(Reference.tensor(spec));
        }
    }

    private static void assertGrad(Object expected, SparseCooTensor grad, String what, boolean sameNnz) {
        Map<String, Object> e = map(expected);
        if (sameNnz) assertEquals(((Number) e.get("nnz")).longValue(), grad.nnz(), what + ": nnz");
        SparseCooTensor c = grad.coalesce();
        Reference.assertTensor(e.get("indices"), c.indices(), what + ": indices");
        Reference.assertTensor(e.get("values"), c.values(), what + ": values");
    }

    @Test
    void embeddingGradientIsSparse() {
        Map<String, Object> r = section("grads");
        Embedding emb = new Embedding(10, 3, 2L, null, 2.0, false, true);
        assertEquals(r.get("repr"), emb.toString());
        load(emb.weight, r.get("embedding_weight"));
        emb.forward(Reference.tensor(r.get("ids"))).mul(Reference.tensor(r.get("weight"))).sum().backward();
        assertNull(emb.weight.grad(), "the dense gradient stays empty");
        assertGrad(r.get("first"), emb.weight.sparseGrad(), "first backward", true);
        emb.forward(Torch.tensor(new long[] {3, 4}, 2)).mul(2).sum().backward();
        // PyTorch merges sorted runs when it accumulates (nnz 5 here), torch4j concatenates (6): the same sums
        assertGrad(r.get("accumulated"), emb.weight.sparseGrad(), "accumulated", false);
        new SGD(emb.parameters(), 0.1).zeroGrad();
        assertEquals(r.get("zeroed").toString().replace("(4, 2)", "(10, 3)"), emb.weight.sparseGrad().toString());
        new SGD(emb.parameters(), 0.1).zeroGrad(true);
        assertNull(emb.weight.sparseGrad());
        emb.forward(Torch.tensor(new long[] {3, 4}, 2)).sum().backward();
        emb.zeroGrad();                                   // Module.zero_grad empties a sparse gradient too
        assertEquals(0, emb.weight.sparseGrad().nnz());
        emb.zeroGrad(true);
        assertNull(emb.weight.sparseGrad());
    }

    @Test
    void embeddingBagGradientIsSparse() {
        Map<String, Object> r = section("grads");
        EmbeddingBag bag = new EmbeddingBag(10, 3, null, 2.0, false, "mean", true, false, 0L);
        load(bag.weight, r.get("bag_weight"));
        Tensor ids = Reference.tensor(r.get("bag_ids"));
        bag.forward(ids).mul(Reference.tensor(r.get("weight")).select(0, 0).narrow(0, 0, 2)).sum().backward();
        assertGrad(r.get("bag"), bag.weight.sparseGrad(), "embedding_bag", true);
        EmbeddingBag max = new EmbeddingBag(10, 3, null, 2.0, false, "max", true, false, null);
        assertEquals(r.get("bag_max"), assertThrows(IllegalArgumentException.class, () -> max.forward(ids)).getMessage());
    }

    @TestFactory
    Stream<DynamicTest> training() {
        Map<String, Object> t = section("training");
        Map<String, BiFunction<Embedding, Linear, List<Optimizer>>> optimizers = Map.of(
                "sgd", (e, l) -> List.of(new SGD(all(e, l), 0.1)),
                "sgd_momentum", (e, l) -> List.of(new SGD(all(e, l), SGD.options(0.1).momentum(0.9).nesterov(true))),
                "adagrad", (e, l) -> List.of(new Adagrad(all(e, l), Adagrad.options(0.1).lrDecay(0.01))),
                "sparse_adam", (e, l) -> List.of(new SparseAdam(e.parameters(), 0.05, 0.9, 0.999, 1e-8, false), new Adam(l.parameters(), 0.05)));
        return optimizers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(en -> DynamicTest.dynamicTest(en.getKey(), () -> train(map(t.get(en.getKey())), en.getValue())));
    }

    private static List<Tensor> all(Embedding e, Linear l) {
        List<Tensor> params = new ArrayList<>(e.parameters());
        params.addAll(l.parameters());
        return params;
    }

    @SuppressWarnings("unchecked")
    private static void train(Map<String, Object> run, BiFunction<Embedding, Linear, List<Optimizer>> make) {
        Embedding e = new Embedding(20, 4, null, null, 2.0, false, true);
        Linear lin = new Linear(4, 1);
        Map<String, Object> init = map(run.get("init"));
        load(e.weight, init.get("emb"));
        load(lin.weight, init.get("lin_w"));
        load(lin.bias, init.get("lin_b"));
        List<Optimizer> opts = make.apply(e, lin);
        List<Object> batches = (List<Object>) run.get("batches"), targets = (List<Object>) run.get("targets");
        List<Object> losses = (List<Object>) run.get("losses");
        for (int step = 0; step < batches.size(); step++) {
            for (Optimizer o : opts) o.zeroGrad();
            Tensor out = lin.forward(e.forward(Reference.tensor(batches.get(step))));
            Tensor loss = out.sub(Reference.tensor(targets.get(step))).pow(2).mean();
            loss.backward();
            for (Optimizer o : opts) o.step();
            double expected = ((Number) losses.get(step)).doubleValue();
            assertEquals(expected, loss.item(), 1e-5 * Math.abs(expected), "loss at step " + step);
        }
        Reference.assertTensor(run.get("final_emb"), e.weight, 1e-5, 1e-6, "final embedding");
        Reference.assertTensor(run.get("final_lin_w"), lin.weight, 1e-5, 1e-6, "final linear weight");
    }

    /** The README's example. */
    @Test
    void readmeExample() {
        Tensor indices = Torch.tensor(new long[] {0, 1, 1, 2, 0, 2}, 2, 3);
        SparseCooTensor a = Torch.sparseCooTensor(indices, Torch.tensor(new float[] {3, 4, 5}), 2, 3);
        Tensor dense = a.toDense();
        assertArrayEquals(new double[] {0, 0, 3, 4, 0, 5}, dense.toDoubleArray());
        assertArrayEquals(new double[] {3, 3, 9, 9}, Sparse.mm(a, Torch.ones(3, 2)).toDoubleArray());
        double[] soft = Sparse.softmax(a, 1).values().toDoubleArray();
        assertEquals(1.0, soft[0], 1e-6);
        assertEquals(1.0, soft[1] + soft[2], 1e-6);
        SparseCsrTensor csr = dense.toSparseCsr();
        assertArrayEquals(new long[] {0, 1, 3}, csr.crowIndices().toLongArray());
        assertArrayEquals(new long[] {2, 0, 2}, csr.colIndices().toLongArray());

        Embedding table = new Embedding(100_000, 32, null, null, 2.0, false, true);
        Optimizer opt = new SparseAdam(table.parameters());
        Tensor before = table.weight.detach().clone();
        table.forward(Torch.tensor(new long[] {7, 42, 7}, 3)).sum().backward();
        SparseCooTensor grad = table.weight.sparseGrad();
        assertEquals(3, grad.nnz());
        opt.step();
        long[] changed = table.weight.detach().ne(before).any(1, false).nonzero().reshape(-1).toLongArray();
        assertArrayEquals(new long[] {7, 42}, changed);
    }

    @TestFactory
    Stream<DynamicTest> optimizerMessages() {
        Map<String, Object> expected = section("optimizer_errors");
        Embedding e = new Embedding(4, 2, null, null, 2.0, false, true);
        e.forward(Torch.tensor(new long[] {1}, 1)).sum().backward();
        Linear dense = new Linear(2, 1);
        dense.forward(Torch.ones(2)).sum().backward();
        Map<String, Executable> cases = Map.of(
                "adam", () -> new Adam(e.parameters()).step(),
                "adamw", () -> new AdamW(e.parameters()).step(),
                "adagrad_decay", () -> new Adagrad(e.parameters(), Adagrad.options(0.01).weightDecay(0.1)).step(),
                "sgd_decay", () -> new SGD(e.parameters(), SGD.options(0.1).weightDecay(0.1)).step(),
                "sparse_adam_dense", () -> new SparseAdam(dense.parameters()).step(),
                "sparse_adam_lr", () -> new SparseAdam(e.parameters(), 0.0, 0.9, 0.999, 1e-8, false),
                "scale_grad", () -> new Embedding(4, 2, null, null, 2.0, true, true).forward(Torch.tensor(new long[] {1}, 1)));
        assertEquals(expected.keySet(), cases.keySet());
        return cases.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(en -> DynamicTest.dynamicTest(en.getKey(), () ->
                assertEquals(expected.get(en.getKey()), assertThrows(RuntimeException.class, en.getValue()).getMessage())));
    }
}
