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
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Ops on bool and integer tensors, and the scatter-style, cumulative, counting and sorting ops, each on about a
 * million elements (1000 x 1000 where a dim matters): the workloads of the "Bool and integer ops" section of
 * BENCHMARKS.md. {@code benchmarks/pytorch/integer_ops.py} times the same calls in PyTorch. Each invocation
 * allocates its output, as an eager op does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class IntegerOpsBenchmark {

    /** Rows and columns of the 2-d operands (a million elements). */
    static final long N = 1000;

    @Param({"1", "2"})
    public int threads;

    private Tensor mask, bytes, ints, ints2, floats, floats2, flat, flatInts, index, rowIndex, bins;

    /** Builds the operands once; their values follow {@code Torch.manualSeed(0)}. */
    @Setup(Level.Trial)
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        floats = Torch.rand(N, N);
        floats2 = Torch.rand(N, N);
        mask = floats.lt(0.5);
        bytes = Torch.randint(0, 256, new long[] {N, N}, DType.UINT8, null);
        ints = Torch.randint(-1000, 1000, new long[] {N, N}, DType.INT32, null);
        ints2 = Torch.randint(-1000, 1000, new long[] {N, N}, DType.INT32, null);
        index = Torch.randint(0, N, N, N);
        rowIndex = Torch.randint(0, N, N);
        flat = Torch.rand(N * N);
        flatInts = Torch.randint(0, N * N, new long[] {N * N}, DType.INT32, null);
        bins = Torch.randint(0, N, N * N);
    }

    // ---- sums (PyTorch sums bool and integer types to int64) ----

    /** Times {@code mask.sum()}. */
    @Benchmark public Tensor sumBool() { return mask.sum(); }
    /** Times {@code mask.sum(0)}. */
    @Benchmark public Tensor sumBoolDim0() { return mask.sum(0); }
    /** Times {@code mask.sum(1)}. */
    @Benchmark public Tensor sumBoolDim1() { return mask.sum(1); }
    /** Times {@code bytes.sum()}. */
    @Benchmark public Tensor sumUint8() { return bytes.sum(); }
    /** Times {@code bytes.sum(0)}. */
    @Benchmark public Tensor sumUint8Dim0() { return bytes.sum(0); }
    /** Times {@code bytes.sum(1)}. */
    @Benchmark public Tensor sumUint8Dim1() { return bytes.sum(1); }
    /** Times {@code ints.sum()}. */
    @Benchmark public Tensor sumInt32() { return ints.sum(); }
    /** Times {@code ints.sum(0)}. */
    @Benchmark public Tensor sumInt32Dim0() { return ints.sum(0); }
    /** Times {@code ints.sum(1)}. */
    @Benchmark public Tensor sumInt32Dim1() { return ints.sum(1); }

    // ---- extremes ----

    /** Times {@code ints.amax(1)}. */
    @Benchmark public Tensor amaxInt32Dim1() { return ints.amax(1); }
    /** Times {@code bytes.amax(1)}. */
    @Benchmark public Tensor amaxUint8Dim1() { return bytes.amax(1); }
    /** Times {@code ints.argmax(1, false)}. */
    @Benchmark public Tensor argmaxInt32Dim1() { return ints.argmax(1, false); }
    /** Times {@code bytes.argmax(1, false)}. */
    @Benchmark public Tensor argmaxUint8Dim1() { return bytes.argmax(1, false); }
    /** Times {@code ints.max(1)}: values and indices. */
    @Benchmark public Object maxInt32Dim1() { return ints.max(1); }

    // ---- comparisons to bool, and where ----

    /** Times {@code ints.eq(ints2)}. */
    @Benchmark public Tensor eqInt32() { return ints.eq(ints2); }
    /** Times {@code ints.lt(ints2)}. */
    @Benchmark public Tensor ltInt32() { return ints.lt(ints2); }
    /** Times {@code floats.eq(floats2)}. */
    @Benchmark public Tensor eqFloat32() { return floats.eq(floats2); }
    /** Times {@code floats.lt(floats2)}. */
    @Benchmark public Tensor ltFloat32() { return floats.lt(floats2); }
    /** Times {@code Torch.where(mask, floats, floats2)}. */
    @Benchmark public Tensor whereFloat32() { return Torch.where(mask, floats, floats2); }

    // ---- gather and scatter with int64 indices ----

    /** Times {@code floats.gather(1, index)}. */
    @Benchmark public Tensor gather() { return floats.gather(1, index); }
    /** Times {@code Torch.zeros(N, N).scatterAdd(1, index, floats)}. */
    @Benchmark public Tensor scatterAdd() { return Torch.zeros(N, N).scatterAdd(1, index, floats); }
    /** Times {@code Torch.zeros(N, N).scatter(1, index, floats)}. */
    @Benchmark public Tensor scatter() { return Torch.zeros(N, N).scatter(1, index, floats); }
    /** Times {@code Torch.zeros(N, N).indexAdd(0, rowIndex, floats)}. */
    @Benchmark public Tensor indexAdd() { return Torch.zeros(N, N).indexAdd(0, rowIndex, floats); }

    // ---- cumulative ops along rows ----

    /** Times {@code floats.cummax(1)}. */
    @Benchmark public Object cummaxFloat32() { return floats.cummax(1); }
    /** Times {@code ints.cummax(1)}. */
    @Benchmark public Object cummaxInt32() { return ints.cummax(1); }
    /** Times {@code floats.cumsum(1)}. */
    @Benchmark public Tensor cumsumFloat32() { return floats.cumsum(1); }
    /** Times {@code ints.cumsum(1)}. */
    @Benchmark public Tensor cumsumInt32() { return ints.cumsum(1); }
    /** Times {@code floats.cumsum(0)}: a scan across rows. */
    @Benchmark public Tensor cumsumFloat32Dim0() { return floats.cumsum(0); }
    /** Times {@code floats.cumprod(1)}. */
    @Benchmark public Tensor cumprodFloat32() { return floats.cumprod(1); }
    /** Times {@code ints.cummin(1)}. */
    @Benchmark public Object cumminInt32() { return ints.cummin(1); }

    // ---- counting ----

    /** Times {@code bins.bincount()}. */
    @Benchmark public Tensor bincount() { return bins.bincount(); }
    /** Times {@code flat.histc(100, 0, 1)}. */
    @Benchmark public Tensor histc() { return flat.histc(100, 0, 1); }
    /** Times {@code mask.nonzero()}. */
    @Benchmark public Tensor nonzero() { return mask.nonzero(); }
    /** Times {@code floats.maskedSelect(mask)}. */
    @Benchmark public Tensor maskedSelect() { return floats.maskedSelect(mask); }

    // ---- sorting a million elements ----

    /** Times {@code flatInts.sort()}. */
    @Benchmark public Object sortInt32() { return flatInts.sort(); }
    /** Times {@code flat.sort()}. */
    @Benchmark public Object sortFloat32() { return flat.sort(); }
    /** Times {@code flatInts.argsort()}. */
    @Benchmark public Tensor argsortInt32() { return flatInts.argsort(); }
    /** Times {@code flat.argsort()}. */
    @Benchmark public Tensor argsortFloat32() { return flat.argsort(); }
}
