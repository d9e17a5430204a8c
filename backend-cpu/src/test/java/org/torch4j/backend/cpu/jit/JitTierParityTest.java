package org.torch4j.backend.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.torch4j.backend.cpu.Simd;

/**
 * The design's promise that CPU results do not depend on the JIT tier (architecture-notes, "Reproducible
 * results"), checked on the public API rather than on single kernels: each of {@link JitTierProgram}'s
 * operations gives the same bits on its first run in this JVM (interpreted or C1), on every repetition while
 * C2 compiles the kernels, once they are compiled, and in a JVM started with {@code -XX:TieredStopAtLevel=1},
 * where C1 runs the Vector API's Java code and never C2's intrinsics. JDK 25's C2 once compiled a kernel (the
 * recurrent cells' null-or-mask tails) into code that stopped the JVM; a warm-up that crashes kills this
 * test's fork.
 *
 * <p>NaNs compare as one value, as in VectorMathTest (VectorMathBits): Java leaves the sign and payload of an
 * arithmetic NaN open, and the tiers differ there. The interpreter's {@code Math.fma} returns {@code Float.NaN}
 * where the FMA instruction (C1's and C2's intrinsic) keeps an operand's NaN, and C2 may swap the operands of a
 * commutative operation on two NaNs: float32 cos(NaN) and log1p(-inf) come out as NaN (0x7fc00000) or -NaN
 * (0xffc00000) by tier, and by whether the lane is in a whole vector or the tail. Such differences are printed,
 * not failed.
 */
class JitTierParityTest {

    /**
     * Each family of cases (those that share kernels: JitTierProgram's sections) runs once, then in rounds for
     * FAMILY_NANOS (at least MIN_ROUNDS, at most MAX_ROUNDS), as a program that infers or trains one kind of model
     * for a while calls its kernels; then the whole program runs PASSES times, so that the kernels C2 compiled for
     * one family's calls meet the others'. Every run of a case is compared with its first. Measured on 2 cores
     * (AVX-512), the test takes 11-12 s. Whole passes alone needed some 250 runs (15 s) before C2 had compiled the
     * rarer kernels on their own, and did not find the recurrent cells' crash (JitTierProgram.recurrent), which the
     * recurrent family's rounds find in about 2 s; bursts of one case at a time compiled less, each kernel compiled for
     * one case's profile being thrown out at the next case's.
     */
    private static final long FAMILY_NANOS = 500_000_000, RECURRENT_NANOS = 2_500_000_000L;
    private static final int MIN_ROUNDS = 3, MAX_ROUNDS = 1000, PASSES = 20;

    @Test
    void firstCompiledAndC1RunsGiveTheSameBits() throws Exception {
        assumeTrue(Simd.ENABLED, "the Vector API is not enabled in this run (the scalar kernels are tier-independent)");
        Path file = Files.createTempFile("jit-tier", ".bits"), log = Files.createTempFile("jit-tier", ".log");
        try {
            // the C1 JVM runs while this one warms up (its output goes to a file, so that it never blocks on a pipe)
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
            String simd = System.getProperty("torch4j.simd");
            if (simd != null) command.add("-Dtorch4j.simd=" + simd);
            command.add(JitTierProgram.class.getName());
            command.add(file.toString());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                JitTierProgram program = new JitTierProgram();
                int n = program.cases().size();
                List<JitTierProgram.Result> first = new ArrayList<>(Collections.nCopies(n, null));
                // the first difference of each case
                Map<Integer, String> failures = new TreeMap<>();
                for (String family : program.families()) {
                    List<Integer> cases = program.family(family);
                    for (int i : cases) first.set(i, program.run(i));
                    long end = System.nanoTime() + (family.equals("recurrent") ? RECURRENT_NANOS : FAMILY_NANOS);
                    for (int round = 1; round <= MAX_ROUNDS && (round <= MIN_ROUNDS || System.nanoTime() < end); round++) {
                        for (int i : cases) compare(first, program.run(i), i, family + " round " + round, failures);
                    }
                }
                List<JitTierProgram.Result> last = first;
                for (int pass = 1; pass <= PASSES; pass++) {
                    last = program.run();
                    for (int i = 0; i < n; i++) compare(first, last.get(i), i, "whole pass " + pass, failures);
                }

                boolean finished = child.waitFor(120, TimeUnit.SECONDS);
                String output = Files.readString(log);
                assertTrue(finished, "the C1 JVM did not finish in 120 s:\n" + output);
                assertEquals(0, child.exitValue(), "the C1 JVM failed:\n" + output);
                List<JitTierProgram.Result> c1 = JitTierProgram.read(file);
                String againstC1 = JitTierProgram.differences(c1, "the C1 JVM", last, "the warmed JVM", true, 40);
                List<String> nans = new ArrayList<>();
                for (int i = 0; i < Math.min(n, c1.size()); i++) {
                    String raw = JitTierProgram.difference(c1.get(i), "the C1 JVM", last.get(i), "the warmed JVM", false);
                    if (raw != null && JitTierProgram.difference(c1.get(i), "", last.get(i), "", true) == null) nans.add(raw);
                }
                if (!nans.isEmpty()) System.out.println("JitTierParityTest: NaN bit patterns that differ (not failed):\n" + String.join("\n", nans));

                StringBuilder message = new StringBuilder();
                if (!failures.isEmpty()) {
                    message.append(failures.size()).append(" of ").append(first.size()).append(" cases changed after their first run:\n");
                    failures.values().stream().limit(40).forEach(f -> message.append(f).append('\n'));
                }
                if (againstC1 != null) message.append(againstC1);
                if (!message.isEmpty()) fail(message.toString());
            } finally {
                if (child.isAlive()) child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(log);
        }
    }

    private static void compare(List<JitTierProgram.Result> first, JitTierProgram.Result again, int i, String when,
                                Map<Integer, String> failures) {
        if (failures.containsKey(i)) return;
        String d = JitTierProgram.difference(first.get(i), "the first run", again, when, true);
        if (d != null) failures.put(i, d);
    }
}
