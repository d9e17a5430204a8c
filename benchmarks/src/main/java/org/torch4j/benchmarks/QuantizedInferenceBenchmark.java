package org.torch4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import org.torch4j.nn.F;
import org.torch4j.quantization.DynamicQuantizedLinear;
import org.torch4j.quantization.QDType;
import org.torch4j.quantization.Quantization;
import org.torch4j.quantization.QuantizedConv2d;
import org.torch4j.quantization.QuantizedLinear;
import org.torch4j.quantization.QuantizedTensor;

/**
 * Quantized int8 inference against float32 on the CPU backend: {@code Linear(1024, 1024)} on {@code rows} rows
 * (float32, static {@link QuantizedLinear}, {@link DynamicQuantizedLinear}) and {@code Conv2d(64, 64, 3, padding=1)}
 * on 1x64x56x56 (float32, {@link QuantizedConv2d}), one call each, with {@code threads} threads. The quantized
 * calls take and return carriers, as a converted model's layers do. Counterpart: {@code benchmarks/pytorch/quantized.py}.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar QuantizedInferenceBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class QuantizedInferenceBenchmark {

    @Param({"1", "64"})
    public int rows;

    @Param({"1", "2"})
    public int threads;

    private Tensor x, w, b, xq, img, convW, convB, imgQ;
    private QuantizedLinear qLinear;
    private DynamicQuantizedLinear dLinear;
    private QuantizedConv2d qConv;

    @Setup
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        x = Torch.randn(rows, 1024);
        w = Torch.randn(1024, 1024).mul(0.03);
        b = Torch.randn(1024).mul(0.1);
        xq = Quantization.quantizePerTensor(x, 8.0 / 255, 128, QDType.QUINT8).carrier();
        QuantizedTensor wq = Quantization.quantizePerTensor(w, 0.15 / 127, 0, QDType.QINT8);
        qLinear = new QuantizedLinear(wq, b, 4.0 / 255, 128);
        dLinear = new DynamicQuantizedLinear(wq, b);
        img = Torch.randn(1, 64, 56, 56);
        convW = Torch.randn(64, 64, 3, 3).mul(0.04);
        convB = Torch.randn(64).mul(0.1);
        imgQ = Quantization.quantizePerTensor(img, 8.0 / 255, 128, QDType.QUINT8).carrier();
        QuantizedTensor cwq = Quantization.quantizePerTensor(convW, 0.16 / 127, 0, QDType.QINT8);
        long[] one = {1, 1};
        qConv = new QuantizedConv2d(cwq, convB, one, one, one, 1, 8.0 / 255, 128);
    }

    /** float32 {@code F.linear(x, W, b)}. */
    @Benchmark
    public long linearFloat() {
        try (var scope = Torch.scope(); var noGrad = Torch.noGrad()) {
            return F.linear(x, w, b).numel();
        }
    }

    /** Static int8: {@code quantized::linear} on a quint8 input. */
    @Benchmark
    public long linearStatic() {
        try (var scope = Torch.scope(); var noGrad = Torch.noGrad()) {
            return qLinear.forward(xq).numel();
        }
    }

    /** Dynamic int8: {@code quantized::linear_dynamic} on a float input. */
    @Benchmark
    public long linearDynamic() {
        try (var scope = Torch.scope(); var noGrad = Torch.noGrad()) {
            return dLinear.forward(x).numel();
        }
    }

    /** float32 {@code F.conv2d} 64 -> 64, 3x3, padding 1, on 1x64x56x56 (runs once per rows value). */
    @Benchmark
    public long convFloat() {
        try (var scope = Torch.scope(); var noGrad = Torch.noGrad()) {
            return F.conv2d(img, convW, convB, 1, 1).numel();
        }
    }

    /** Static int8 {@code quantized::conv2d} of the same shape on a quint8 input. */
    @Benchmark
    public long convStatic() {
        try (var scope = Torch.scope(); var noGrad = Torch.noGrad()) {
            return qConv.forward(imgQ).numel();
        }
    }
}
