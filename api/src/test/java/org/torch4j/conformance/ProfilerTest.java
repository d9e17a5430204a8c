package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.Json;
import org.torch4j.nn.Linear;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.profiler.EventAverage;
import org.torch4j.profiler.Profiler;
import org.torch4j.profiler.ProfilerAction;
import org.torch4j.profiler.ProfilerEvent;
import org.torch4j.profiler.RecordFunction;
import org.torch4j.profiler.Schedule;

/**
 * The profiler records the kernels, autograd nodes, module calls and user ranges that really ran, with their nesting,
 * shapes and memory; its schedule, table format and messages are PyTorch 1.13's (the expected strings below were
 * printed by PyTorch 1.13's {@code torch.profiler.schedule} and {@code profiler_util._format_*}).
 */
class ProfilerTest {

    /** The events of the current thread (a profiler records every thread). */
    private static List<ProfilerEvent> mine(Profiler p) {
        long tid = Thread.currentThread().threadId();
        return p.events().stream().filter(e -> e.threadId() == tid).toList();
    }

    private static List<ProfilerEvent> named(List<ProfilerEvent> events, String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    @Test
    void recordsKernelsWithShapesAndMemoryInsideAUserRange() {
        Tensor a = Torch.ones(2, 3);
        Tensor b = Torch.ones(2, 3);
        Profiler p = Profiler.builder().recordShapes(true).profileMemory(true).start();
        try (p; RecordFunction r = Profiler.recordFunction("step")) {
            a.add(b).exp();
        }
        List<ProfilerEvent> events = mine(p);
        ProfilerEvent step = named(events, "step").get(0);
        ProfilerEvent add = named(events, "cpu::binary.add").get(0);
        ProfilerEvent exp = named(events, "cpu::unary.exp").get(0);
        assertEquals(List.of(List.of(2L, 3L), List.of(2L, 3L), List.of(2L, 3L)), add.inputShapes());
        assertEquals(List.of(List.of(2L, 3L), List.of(2L, 3L)), exp.inputShapes());
        assertEquals(step.id(), add.parentId());
        assertEquals(-1, step.parentId());
        assertTrue(add.startNs() >= step.startNs() && exp.startNs() >= add.startNs() + add.durationNs());
        // two outputs of 6 float32 values: 48 bytes, allocated in the range
        List<ProfilerEvent> allocs = named(events, "cpu::allocate.float32");
        assertEquals(2, allocs.size());
        for (ProfilerEvent e : allocs) assertEquals(24, e.selfCpuMemoryUsage());
        assertEquals(48, step.cpuMemoryUsage());
        assertEquals(0, step.selfCpuMemoryUsage());
        // self time is the event's time less its children's
        long children = events.stream().filter(e -> e.parentId() == step.id()).mapToLong(ProfilerEvent::durationNs).sum();
        assertEquals(step.durationNs() - children, step.selfDurationNs());
        assertEquals(5, events.size(), events.toString());
    }

    @Test
    void shapesAndMemoryOnlyWhenAsked() {
        Tensor a = Torch.ones(4);
        Profiler p = Profiler.builder().start();
        try (p) {
            a.neg();
        }
        for (ProfilerEvent e : mine(p)) {
            assertEquals(List.of(), e.inputShapes());
            assertEquals(0, e.cpuMemoryUsage());
        }
        assertFalse(named(mine(p), "cpu::unary.neg").isEmpty());
    }

    @Test
    void recordsAutogradNodesAndModules() {
        Torch.manualSeed(0);
        Sequential model = new Sequential(new Linear(4, 3), new ReLU());
        Tensor x = Torch.randn(2, 4);
        Profiler p = Profiler.builder().withModules(true).start();
        try (p) {
            model.call(x).sum().backward();
        }
        List<ProfilerEvent> events = mine(p);
        ProfilerEvent seq = named(events, "nn.Module: Sequential").get(0);
        ProfilerEvent linear = named(events, "nn.Module: Linear").get(0);
        ProfilerEvent relu = named(events, "nn.Module: ReLU").get(0);
        assertEquals(seq.id(), linear.parentId());
        assertEquals(seq.id(), relu.parentId());
        assertEquals(1, named(events, "autograd::engine::evaluate_function: ReluBackward0").size());
        assertEquals(1, named(events, "autograd::engine::evaluate_function: SumBackward0").size());
        // the threshold derivative runs inside the ReLU node
        ProfilerEvent reluBack = named(events, "autograd::engine::evaluate_function: ReluBackward0").get(0);
        assertTrue(events.stream().anyMatch(e -> e.parentId() == reluBack.id() && e.kind() == ProfilerEvent.Kind.KERNEL));

        Profiler quiet = Profiler.builder().start();
        try (quiet) {
            model.call(x);
        }
        assertTrue(mine(quiet).stream().noneMatch(e -> e.kind() == ProfilerEvent.Kind.MODULE));
    }

    @Test
    void recordsOtherThreadsWithTheirIds() throws Exception {
        AtomicReference<Long> other = new AtomicReference<>();
        Profiler p = Profiler.builder().start();
        try (p) {
            Thread t = new Thread(() -> {
                other.set(Thread.currentThread().threadId());
                Torch.ones(8).sqrt();
            });
            t.start();
            t.join();
        }
        long tid = other.get();
        assertTrue(p.events().stream().anyMatch(e -> e.threadId() == tid && e.name().equals("cpu::unary.sqrt")));
    }

    @Test
    void nothingIsRecordedOutsideAProfiler() {
        Profiler p = Profiler.builder().start();
        p.close();
        try (RecordFunction r = Profiler.recordFunction("after")) {
            Torch.ones(3).add(1.0);
        }
        assertTrue(p.events().isEmpty());
        assertFalse(Profiler.isRecording());
    }

    @Test
    void keyAveragesSumPerNameAndPerShape() {
        Tensor small = Torch.ones(2);
        Tensor big = Torch.ones(5);
        Profiler p = Profiler.builder().recordShapes(true).start();
        try (p) {
            small.mul(small);
            small.mul(small);
            big.mul(big);
        }
        List<ProfilerEvent> muls = named(mine(p), "cpu::binary.mul");
        EventAverage byName = p.keyAverages().get("cpu::binary.mul");
        assertEquals(3, byName.count());
        assertEquals(muls.stream().mapToLong(ProfilerEvent::durationNs).sum(), byName.cpuTimeTotalNs());
        assertEquals(byName.cpuTimeTotalNs() / 3.0, byName.cpuTimeNs(), 1e-9);
        List<EventAverage> byShape = p.keyAverages(true).rows().stream().filter(r -> r.key().equals("cpu::binary.mul")).toList();
        assertEquals(2, byShape.size());
        assertEquals(2, byShape.get(0).count());
        assertEquals(List.of(List.of(2L), List.of(2L), List.of(2L)), byShape.get(0).inputShapes());
        assertEquals(1, byShape.get(1).count());
    }

    @Test
    void tableHasPyTorchsColumnsAndSortsDescending() {
        Profiler p = Profiler.builder().profileMemory(true).start();
        try (p; RecordFunction r = Profiler.recordFunction("model_inference")) {
            Torch.ones(64, 64).matmul(Torch.ones(64, 64)).relu().sum();
        }
        String table = p.keyAverages().table("cpu_time_total", 3);
        String[] lines = table.split("\n");
        // PyTorch 1.13: "Name  Self CPU %  Self CPU  CPU total %  CPU total  CPU time avg  CPU Mem  Self CPU Mem  # of Calls"
        assertEquals(List.of("Name", "Self CPU %", "Self CPU", "CPU total %", "CPU total", "CPU time avg", "CPU Mem",
                "Self CPU Mem", "# of Calls"), List.of(lines[1].trim().split(" {2,}")));
        assertEquals(3 + 3 + 1 + 1, lines.length, table);
        assertTrue(lines[3].trim().startsWith("model_inference"), table);
        assertTrue(lines[3].contains("100.00%"), table); // the range contains everything
        assertTrue(lines[7].startsWith("Self CPU time total: "), table);
        // every column is 12 wide (the name column: its longest name + 4) with 2 spaces between, right-aligned
        int nameWidth = p.keyAverages().rows().stream().mapToInt(a -> a.key().length()).max().getAsInt() + 4;
        assertEquals("-".repeat(Math.min(nameWidth, 55)) + "  " + "------------  ".repeat(8), lines[0]);
        assertEquals(lines[0].length(), lines[3].length());

        List<Double> totals = new ArrayList<>();
        for (String l : p.keyAverages().table("self_cpu_time_total", 100).split("\n")) {
            String[] cells = l.trim().split(" {2,}");
            if (cells.length == 9 && cells[1].endsWith("%") && !cells[0].equals("Name")) {
                totals.add(Double.parseDouble(cells[1].replace("%", "")));
            }
        }
        for (int i = 1; i < totals.size(); i++) assertTrue(totals.get(i - 1) >= totals.get(i), totals.toString());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.keyAverages().table("cuda_time", 5));
        assertTrue(e.getMessage().startsWith("'FunctionEventAvg' object has no attribute 'cuda_time'"), e.getMessage());
    }

    @Test
    void groupedTableHasAnInputShapesColumn() {
        Profiler p = Profiler.builder().recordShapes(true).start();
        try (p) {
            Torch.ones(2, 2).add(Torch.ones(2, 2));
        }
        String header = p.keyAverages(true).table().split("\n")[1];
        List<String> cells = List.of(header.trim().split(" {2,}"));
        assertEquals(List.of("# of Calls", "Input Shapes"), cells.subList(cells.size() - 2, cells.size()), header);
        assertTrue(p.keyAverages(true).table().contains("[[2, 2], [2, 2], [2, 2]]"));
        assertFalse(p.keyAverages().table().contains("Input Shapes"));
    }

    @Test
    void scheduleMatchesPyTorchs() {
        // torch.profiler.schedule(wait=1, warmup=1, active=2, repeat=2, skip_first=1), steps 0..11
        String expected = "NONE NONE WARMUP RECORD RECORD_AND_SAVE NONE WARMUP RECORD RECORD_AND_SAVE NONE NONE NONE";
        Schedule s = Schedule.of(1, 1, 2, 2, 1);
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 12; i++) actions.add(s.action(i).name());
        assertEquals(expected, String.join(" ", actions));
        assertEquals(ProfilerAction.RECORD_AND_SAVE, Schedule.of(0, 0, 1, 0).action(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.of(1, 1, 0, 1));
        assertEquals("Invalid profiler schedule arguments", e.getMessage());
    }

    @Test
    void scheduledProfilerHandsOverEachCycle() {
        List<List<String>> traces = new ArrayList<>();
        Profiler p = Profiler.builder().schedule(Schedule.of(1, 1, 2, 2, 1)).onTraceReady(prof -> traces.add(
                mine(prof).stream().map(ProfilerEvent::name).filter(n -> n.startsWith("ProfilerStep#")).toList())).start();
        try (p) {
            for (int step = 0; step < 12; step++) {
                Torch.ones(3).add(1.0);
                p.step();
            }
        }
        assertEquals(List.of(List.of("ProfilerStep#3", "ProfilerStep#4"), List.of("ProfilerStep#7", "ProfilerStep#8")), traces);
        assertEquals(12, p.stepNum());
        // the kernels of a recorded step run inside its ProfilerStep range
        List<ProfilerEvent> last = mine(p);
        ProfilerEvent step8 = named(last, "ProfilerStep#8").get(0);
        assertTrue(last.stream().anyMatch(e -> e.parentId() == step8.id() && e.name().equals("cpu::binary.add")));
    }

    @Test
    void misuseGivesClearMessages() {
        try (Profiler p = Profiler.builder().start()) {
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> Profiler.builder().start());
            assertTrue(twice.getMessage().startsWith("Profiler is already enabled"), twice.getMessage());
            IllegalStateException early = assertThrows(IllegalStateException.class, p::events);
            assertTrue(early.getMessage().contains("no trace has finished yet"), early.getMessage());
        }
        assertFalse(Profiler.isRecording());
    }

    @Test
    void chromeTraceHasOneCompleteEventPerRecordedEvent(@TempDir Path dir) throws Exception {
        Profiler p = Profiler.builder().recordShapes(true).start();
        try (p; RecordFunction r = Profiler.recordFunction("a \"quoted\" range")) {
            Torch.ones(new long[] {3}, DType.FLOAT64).mul(2.0);
        }
        Path file = dir.resolve("trace.json");
        Files.writeString(file, "an older file");
        p.exportChromeTrace(file);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(file));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) json.get("traceEvents");
        assertEquals(p.events().size(), events.size());
        Map<String, Object> range = events.stream().filter(e -> e.get("name").equals("a \"quoted\" range")).findFirst().orElseThrow();
        assertEquals("X", range.get("ph"));
        assertEquals("user_annotation", range.get("cat"));
        ProfilerEvent recorded = named(p.events(), "a \"quoted\" range").get(0);
        assertEquals(recorded.durationNs() / 1e3, ((Number) range.get("dur")).doubleValue(), 1e-3);
        assertNotNull(events.stream().filter(e -> e.get("name").equals("cpu::binary.mul")).findFirst().orElseThrow().get("args"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count()); // no temporary file left behind
        }
    }

    /** The README's example, as written there (plus checks of what it prints). */
    @Test
    void readmeExample(@TempDir Path dir) throws Exception {
        Sequential model = new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10));
        Tensor x = Torch.randn(16, 64);
        Profiler prof = Profiler.builder().recordShapes(true).profileMemory(true).withModules(true).start();
        try (prof; RecordFunction r = Profiler.recordFunction("model_inference")) {
            model.call(x).sum().backward();
        }
        String table = prof.keyAverages().table("cpu_time_total", 10);
        prof.exportChromeTrace(dir.resolve("trace.json"));

        assertEquals(3 + 10 + 2, table.split("\n").length, table);
        assertTrue(table.split("\n")[3].trim().startsWith("model_inference"), table);
        assertEquals(2, p(prof, "nn.Module: Linear").count());
        assertEquals(2, p(prof, "autograd::engine::evaluate_function: AddmmBackward0").count());
        assertTrue(Files.size(dir.resolve("trace.json")) > 0);
    }

    private static EventAverage p(Profiler prof, String key) {
        return prof.keyAverages().get(key);
    }
}
