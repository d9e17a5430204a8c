package org.torch4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Embedding;
import org.torch4j.optim.SGD;
import org.torch4j.sparse.Sparse;
import org.torch4j.sparse.SparseCooTensor;

/**
 * Sparse tensors (the "Sparse tensors" section of BENCHMARKS.md): a graph-convolution-sized product (a 10,000 x
 * 10,000 matrix with 100,000 elements times a dense [10,000, 64]), its backward, coalescing a million
 * duplicated entries, {@code to_dense} / {@code to_sparse} of a 1000 x 1000 matrix, sparse softmax, and a
 * training step of a 100,000-row embedding with sparse against dense gradients. Its twin in PyTorch is
 * {@code benchmarks/pytorch/sparse_ops.py}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class SparseBenchmark {

    @Param({"1", "2"})
    public int threads;

    private SparseCooTensor graph, duplicated, matrix;
    private Tensor features, dense, values, lookups;
    private Embedding sparseTable, denseTable;
    private SGD sparseSgd, denseSgd;

    /** Builds the operands once; their values follow {@code Torch.manualSeed(0)}. */
    @Setup(Level.Trial)
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        SparseCooTensor merged = Torch.sparseCooTensor(Torch.randint(0, 10_000, 2, 100_000), Torch.rand(100_000), 10_000, 10_000).coalesce();
        values = merged.values().clone().requiresGrad_(true);
        graph = merged;
        features = Torch.randn(10_000, 64).requiresGrad_(true);
        duplicated = Torch.sparseCooTensor(Torch.randint(0, 1000, 2, 1_000_000), Torch.rand(1_000_000), 1000, 1000);
        dense = Torch.randn(1000, 1000).mul(Torch.rand(1000, 1000).lt(0.1));
        matrix = dense.toSparse();
        lookups = Torch.randint(0, 100_000, 1024);
        sparseTable = new Embedding(100_000, 64, null, null, 2.0, false, true);
        denseTable = new Embedding(100_000, 64);
        sparseSgd = new SGD(sparseTable.parameters(), 0.1);
        denseSgd = new SGD(denseTable.parameters(), 0.1);
    }

    /** Times {@code torch.sparse.mm(graph, features)} without recording. */
    @Benchmark
    public Tensor spmm() {
        try (var g = Torch.noGrad()) {
            return Sparse.mm(graph, features);
        }
    }

    /** Times the product and the backward of its sum into the values and the features. */
    @Benchmark
    public Tensor spmmBackward() {
        values.setGrad(null);
        features.setGrad(null);
        Sparse.mm(Torch.sparseCooTensor(graph.indices(), values, 10_000, 10_000), features).sum().backward();
        return features.grad();
    }

    /** Times coalescing a million entries with duplicates in a 1000 x 1000 grid. */
    @Benchmark
    public SparseCooTensor coalesce() {
        return duplicated.coalesce();
    }

    /** Times {@code to_dense} of a 1000 x 1000 matrix holding 100,000 elements. */
    @Benchmark
    public Tensor toDense() {
        return matrix.toDense();
    }

    /** Times {@code to_sparse} of that matrix. */
    @Benchmark
    public SparseCooTensor toSparse() {
        return dense.toSparse();
    }

    /** Times {@code torch.sparse.softmax} along the rows of that matrix. */
    @Benchmark
    public SparseCooTensor softmax() {
        return Sparse.softmax(matrix, 1);
    }

    /** Times one SGD step of 1024 lookups into a 100,000 x 64 table with sparse gradients. */
    @Benchmark
    public Tensor embeddingStepSparse() {
        sparseSgd.zeroGrad(true);
        sparseTable.forward(lookups).sum().backward();
        sparseSgd.step();
        return sparseTable.weight;
    }

    /** The same step with dense gradients (the whole table's gradient written and applied). */
    @Benchmark
    public Tensor embeddingStepDense() {
        denseSgd.zeroGrad(true);
        denseTable.forward(lookups).sum().backward();
        denseSgd.step();
        return denseTable.weight;
    }
}
