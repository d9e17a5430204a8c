package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributed.Run;
import org.torch4j.nn.F;
import org.torch4j.optim.SGD;

/** The launcher with 2 real child JVMs: the README example, and a failing child. */
class DistributedRunTest {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void readmeExampleTrainsLikeOneProcessOnTheWholeData(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Run.launch(List.of("--nproc-per-node", "2", "--master-port", Integer.toString(freePort()),
                DistributedTrainExample.class.getName(), dir.toString()), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("[rank 0]: epoch 2 loss") && out.contains("[rank 1]: epoch 2 loss"), out);
        String r0 = Files.readString(dir.resolve("rank0.txt")), r1 = Files.readString(dir.resolve("rank1.txt"));
        assertEquals(r0, r1);
        // one process, the whole batch of 8 in each step, from rank 0's initial weights
        Torch.manualSeed(42);
        Tensor x = Torch.randn(8, 4), y = Torch.randn(8, 2);
        Torch.manualSeed(0);
        DistributedDataParallelTest.Net net = new DistributedDataParallelTest.Net(false);
        SGD opt = new SGD(net.parameters(), 0.2);
        for (int step = 0; step < 3; step++) {
            opt.zeroGrad();
            F.mseLoss(net.call(x), y).backward();
            opt.step();
        }
        for (String line : r0.split("\n")) {
            String key = line.substring(0, line.indexOf(' '));
            String[] vals = line.substring(line.indexOf('[') + 1, line.length() - 1).split(", ");
            double[] got = new double[vals.length];
            for (int i = 0; i < vals.length; i++) got[i] = Double.parseDouble(vals[i]);
            assertArrayEquals(net.stateDict().get(key).toDoubleArray(), got, 1e-6, key);
        }
    }

    @Test
    void aCrashedPeerFailsTheOtherRankClearly() throws Exception {
        int port = freePort();
        List<Process> ps = new java.util.ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            List<String> cmd = new java.util.ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
            for (String f : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!f.startsWith("-agentlib:jdwp") && !f.startsWith("-javaagent")) cmd.add(f);
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DistributedTrainExample.Crashing.class.getName()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(java.util.Map.of("RANK", "" + rank, "WORLD_SIZE", "2", "MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "" + port));
            ps.add(pb.start());
        }
        assertTrue(ps.get(0).waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        String out = new String(ps.get(0).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(7, ps.get(1).waitFor());
        assertTrue(out.contains("caught: Connection closed by peer /127.0.0.1:"), out);
        assertTrue(out.contains("(rank 1)"), out);
    }

    @Test
    void aFailingChildStopsTheOthersAndGivesItsCode() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = Run.launch(List.of("--nproc_per_node=2", DistributedTrainExample.Failing.class.getName()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(3, code);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("[rank 1]: failing on purpose"));
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L);
    }
}
