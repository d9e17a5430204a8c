package org.torch4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;
import org.torch4j.Device;

/**
 * Replays the calls {@code tools/fuzz_against_pytorch.py} drew ({@code reference/tensor_fuzz.json} on the
 * class path) and prints every disagreement with PyTorch, sorted by kind and op. A tool, not a test: the
 * committed kit holds the cases it found (docs/development.md, "Fuzzing against PyTorch").
 */
public final class FuzzReplay {
    private FuzzReplay() {}

    /** How torch4j's answer differs from PyTorch's. */
    enum Kind {
        /** Both returned; dtype, shape or values differ. */
        VALUE,
        /** PyTorch returned, torch4j threw. */
        TORCH4J_THREW,
        /** PyTorch raised, torch4j returned. */
        PYTORCH_RAISED,
        /** Both raised, in other words. */
        MESSAGE
    }

    public static void main(String[] args) {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Map<Kind, Map<String, List<String>>> found = new TreeMap<>();
        int[] counts = new int[3]; // passed, failed, skipped
        // -Dtorch4j.fuzz.device=cuda builds the value cases' tensors on that device (with its backend on the class path)
        String device = System.getProperty("torch4j.fuzz.device");
        // the references are the CPU's float32: TF32 convolutions (PyTorch's GPU default too) round operands to 10 bits
        if (device != null) org.torch4j.Cuda.setAllowConvTf32(false);
        walk(device == null ? Conformance.file("tensor_fuzz.json", Ops::run) : Conformance.cases("fuzz", Device.of(device)), found, counts);
        System.out.printf("%d passed, %d failed, %d skipped%n", counts[0], counts[1], counts[2]);
        found.forEach((kind, byOp) -> {
            System.out.printf("%n== %s: %d ops%n", kind, byOp.size());
            byOp.forEach((op, messages) -> {
                System.out.printf("-- %s (%d)%n", op, messages.size());
                messages.stream().limit(limit).forEach(m -> System.out.println("   " + m.replace("\n", "\n      ")));
            });
        });
    }

    private static void walk(Stream<? extends DynamicNode> nodes, Map<Kind, Map<String, List<String>>> found, int[] counts) {
        nodes.forEach(n -> {
            if (n instanceof DynamicContainer c) {
                walk(c.getChildren(), found, counts);
                return;
            }
            DynamicTest t = (DynamicTest) n;
            try {
                t.getExecutable().execute();
                counts[0]++;
            } catch (TestAbortedException e) {
                counts[2]++;
            } catch (Throwable e) {
                counts[1]++;
                String op = t.getDisplayName().replaceFirst("^\\d+/", "").replaceFirst(" \\[.*", "");
                found.computeIfAbsent(kind(e), k -> new TreeMap<>()).computeIfAbsent(op, k -> new ArrayList<>())
                        .add(first(e));
            }
        });
    }

    private static Kind kind(Throwable e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("expected PyTorch's error")) return Kind.PYTORCH_RAISED;
        if (m.contains("expected a message containing")) return Kind.MESSAGE;
        if (e instanceof AssertionError && e.getCause() instanceof RuntimeException) return Kind.TORCH4J_THREW;
        if (!(e instanceof AssertionError)) return Kind.TORCH4J_THREW;
        return Kind.VALUE;
    }

    private static String first(Throwable e) {
        String m = e.getClass().getSimpleName() + ": " + e.getMessage();
        return m.length() > 600 ? m.substring(0, 600) + "..." : m;
    }
}
