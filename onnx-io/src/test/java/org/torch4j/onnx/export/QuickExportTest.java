package org.torch4j.onnx.export;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;
import org.torch4j.onnx.Onnx;

class QuickExportTest {
    @Test
    void mlp(@TempDir Path dir) throws Exception {
        Torch.manualSeed(0);
        Module m = Sequential.of(new Linear(8, 16), new ReLU(), new Linear(16, 4));
        Path f = dir.resolve("m.onnx");
        Function<List<Tensor>, List<Tensor>> fn = xs -> List.of(m.call(xs.get(0)));
        Onnx.export(m, List.of(Torch.randn(2, 8)), fn, f, ExportCheck.options(1, 1).build());
        ExportCheck.ortMatches(f, m, fn, List.of(Torch.randn(2, 8)), "mlp");
        ExportCheck.ortMatches(f, m, fn, List.of(Torch.randn(5, 8)), "mlp b5");
        ExportCheck.roundTrips(f, m, fn, List.of(Torch.randn(5, 8)), "mlp");
    }
}
