package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code tools/emulate-kernels}: attention.cu and fused.cu's softmax, layer-norm and batch-norm kernels
 * compiled as host C++ and run on an emulated thread block against double-precision references (see
 * docs/cuda.md, "Checking kernel logic without a GPU"), and the emulated device's race check between blocks on
 * small kernels whose races are known. So the logic of these kernels is tested on every machine with g++ (which
 * {@code ./torch4j test} installs), GPU or not. Skipped, printing why, without g++.
 */
class CudaKernelEmulationTest {

    @Test
    void theKernelsMatchTheirReferencesOnAnEmulatedBlock() throws IOException, InterruptedException {
        String path = System.getenv("PATH");
        boolean gxx = path != null && Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, "g++")));
        if (!gxx) System.out.println("CUDA kernel emulation skipped: g++ is not installed (apt-get install g++)");
        Assumptions.assumeTrue(gxx, "g++ is not installed (apt-get install g++)");
        Process p = new ProcessBuilder("bash", "tools/emulate-kernels").redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "emulate-kernels finished");
        System.out.print(out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("attention kernels on the emulated block: 9 cases x 4 dtypes x 5 results, 21 tiled forwards and backwards, 0 failures"), out);
        assertTrue(out.contains("fused kernels on the emulated block: 112 results checked, 0 failures"), out);
        assertTrue(out.contains("racecheck on the emulated blocks: 9 kernels, 0 failures"), out);
    }
}
