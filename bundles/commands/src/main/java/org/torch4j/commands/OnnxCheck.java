package org.torch4j.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.onnx.Onnx;

/**
 * The demo's ONNX step: exports the trained model with {@link Onnx#export}, runs the file in ONNX
 * Runtime on a batch of test inputs, and measures the largest absolute difference from torch4j's own
 * outputs on the same inputs.
 */
final class OnnxCheck {
    /** The largest difference the demo accepts between ONNX Runtime and torch4j. */
    static final double TOLERANCE = 1e-4;

    /** What the comparison found: the file, the number of outputs compared and the largest difference. */
    record Result(Path file, long[] outputShape, double maxAbsDiff) {}

    private OnnxCheck() {}

    /** Exports {@code model} to {@code file} and compares ONNX Runtime's outputs on {@code inputs} with the model's. */
    static Result exportAndCompare(Module model, Tensor inputs, Path file) throws IOException {
        model.eval();
        Tensor x = inputs.to(Device.CPU);
        Module cpu = model.to(Device.CPU);   // the exporter traces on the CPU
        Onnx.export(cpu, x.narrow(0, 0, 1), file);   // dim 0 is exported as a dynamic batch
        Tensor expected;
        try (var g = Torch.noGrad()) {
            expected = cpu.forward(x);
        }
        Map<String, Tensor> outs = Onnx.runWithOrt(file, Map.of("input", x));
        Tensor actual = outs.get("output");
        if (actual == null) throw new IllegalStateException("ONNX Runtime returned no 'output' from " + file + ": " + outs.keySet());
        if (!java.util.Arrays.equals(actual.shape(), expected.shape())) {
            throw new IllegalStateException("ONNX Runtime's output has shape " + java.util.Arrays.toString(actual.shape())
                    + ", torch4j's " + java.util.Arrays.toString(expected.shape()));
        }
        double diff = actual.toFloat().sub(expected.toFloat()).abs().max().item();
        return new Result(file, expected.shape(), diff);
    }
}
