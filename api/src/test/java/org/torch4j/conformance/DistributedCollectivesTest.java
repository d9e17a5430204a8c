package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributed.Dist;
import org.torch4j.distributed.DistributedException;
import org.torch4j.distributed.ProcessGroup;
import org.torch4j.distributed.ReduceOp;
import org.torch4j.distributed.Work;

/** The collectives against PyTorch 1.13's gloo with 2 ranks ({@code tools/gen_distributed_reference.py}), and in-JVM checks with 3 ranks. */
class DistributedCollectivesTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(int rank) {
        Map<String, Object> file = (Map<String, Object>) Reference.load("distributed/collectives.json");
        return (List<Map<String, Object>>) ((List<Object>) file.get("ranks")).get(rank);
    }

    @SuppressWarnings("unchecked")
    private static List<Tensor> tensors(Object specs) {
        List<Tensor> r = new ArrayList<>();
        for (Object s : (List<Object>) specs) r.add(Reference.tensor(s));
        return r;
    }

    private static List<Tensor> likes(Tensor t, int n) {
        List<Tensor> r = new ArrayList<>();
        for (int i = 0; i < n; i++) r.add(Torch.zeros(t.shape(), t.dtype()));
        return r;
    }

    @Test
    @SuppressWarnings("unchecked")
    void matchPyTorchGlooWithTwoRanks() {
        DistributedRanks.run(2, g -> {
            int rank = g.rank();
            for (Map<String, Object> c : cases(rank)) {
                String kind = (String) c.get("kind");
                String ctx = "rank " + rank + " " + kind + " " + c.get("op") + " salt " + c.get("salt");
                switch (kind) {
                    case "all_reduce" -> {
                        Tensor x = Reference.tensor(c.get("input"));
                        boolean complex = Boolean.TRUE.equals(c.get("complex"));
                        Tensor t = complex ? Torch.viewAsComplex(x) : x;
                        g.allReduce(t, ReduceOp.valueOf((String) c.get("op"))).waitFor();
                        Reference.assertTensor(c.get("output"), complex ? Torch.viewAsReal(t) : t, ctx);
                    }
                    case "broadcast" -> {
                        Tensor x = Reference.tensor(c.get("input"));
                        g.broadcast(x, ((Number) c.get("src")).intValue()).waitFor();
                        Reference.assertTensor(c.get("output"), x, ctx);
                    }
                    case "reduce" -> {
                        Tensor x = Reference.tensor(c.get("input"));
                        int dst = ((Number) c.get("dst")).intValue();
                        g.reduce(x, dst, ReduceOp.valueOf((String) c.get("op"))).waitFor();
                        if (rank == dst) Reference.assertTensor(c.get("output"), x, ctx);
                    }
                    case "all_gather" -> {
                        Tensor x = Reference.tensor(c.get("input"));
                        List<Tensor> outs = likes(x, 2);
                        g.allGather(outs, x).waitFor();
                        List<Object> expected = (List<Object>) c.get("outputs");
                        for (int r = 0; r < 2; r++) Reference.assertTensor(expected.get(r), outs.get(r), ctx);
                        Tensor flat = Torch.zeros(new long[] {2 * x.numel()}, x.dtype());
                        g.allGatherIntoTensor(flat, x).waitFor();
                        assertArrayEquals(Torch.cat(outs).toDoubleArray(), flat.toDoubleArray(), 0, ctx);
                    }
                    case "gather" -> {
                        Tensor x = Reference.tensor(c.get("input"));
                        int dst = ((Number) c.get("dst")).intValue();
                        List<Tensor> outs = rank == dst ? likes(x, 2) : null;
                        g.gather(outs, x, dst).waitFor();
                        List<Object> expected = (List<Object>) c.get("outputs");
                        if (rank == dst) for (int r = 0; r < 2; r++) Reference.assertTensor(expected.get(r), outs.get(r), ctx);
                    }
                    case "scatter" -> {
                        int src = ((Number) c.get("src")).intValue();
                        List<Tensor> ins = tensors(c.get("inputs"));
                        Tensor out = Torch.zeros(ins.get(0).shape(), ins.get(0).dtype());
                        g.scatter(out, rank == src ? ins : null, src).waitFor();
                        Reference.assertTensor(c.get("output"), out, ctx);
                    }
                    case "all_to_all_single" -> {
                        Tensor x = Reference.tensor(c.get("input"));
                        Tensor o = Torch.zeros(new long[] {Reference.longs((List<Object>) ((Map<String, Object>) c.get("output")).get("shape"))[0], 2},
                                DType.FLOAT32);
                        g.allToAllSingle(o, x, Reference.longs((List<Object>) c.get("out_splits")),
                                Reference.longs((List<Object>) c.get("in_splits"))).waitFor();
                        Reference.assertTensor(c.get("output"), o, ctx);
                    }
                    default -> throw new IllegalStateException(kind);
                }
            }
            return null;
        });
    }

    /** rank r's values: integers, so sums in any order are exact. */
    private static Tensor values(int rank, int n, DType dtype) {
        return Torch.arange(n).mul(rank + 1).remainder(7).sub(3 - rank).to(dtype);
    }

    @Test
    void threeRanksOddSizesRingAndDtypes() {
        int[] sizes = {1, 7, 100_003};
        List<List<double[]>> results = DistributedRanks.run(3, g -> {
            List<double[]> out = new ArrayList<>();
            for (int n : sizes) {
                for (DType d : List.of(DType.FLOAT32, DType.INT64, DType.BFLOAT16, DType.FLOAT64)) {
                    Tensor x = values(g.rank(), n, d);
                    g.allReduce(x, ReduceOp.SUM).waitFor();
                    out.add(x.toDoubleArray());
                    Tensor m = values(g.rank(), n, d);
                    g.allReduce(m, ReduceOp.MAX).waitFor();
                    out.add(m.toDoubleArray());
                }
            }
            return out;
        });
        int k = 0;
        for (int n : sizes) {
            for (DType d : List.of(DType.FLOAT32, DType.INT64, DType.BFLOAT16, DType.FLOAT64)) {
                double[] sum = new double[n], max = new double[n];
                Arrays.fill(max, Double.NEGATIVE_INFINITY);
                for (int r = 0; r < 3; r++) {
                    double[] v = values(r, n, d).toDoubleArray();
                    for (int i = 0; i < n; i++) {
                        sum[i] += v[i];
                        max[i] = Math.max(max[i], v[i]);
                    }
                }
                for (int r = 0; r < 3; r++) {
                    assertArrayEquals(sum, results.get(r).get(k), 0, "sum n=" + n + " " + d + " rank " + r);
                    assertArrayEquals(max, results.get(r).get(k + 1), 0, "max n=" + n + " " + d + " rank " + r);
                }
                k += 2;
            }
        }
    }

    @Test
    void threeRanksOtherCollectives() {
        List<Map<String, double[]>> res = DistributedRanks.run(3, g -> {
            int r = g.rank();
            Map<String, double[]> m = new java.util.TreeMap<>();
            // non-contiguous input, AVG, bool logic, product of int64
            Tensor t = Torch.arange(6).reshape(2, 3).to(DType.FLOAT32).mul(r + 1).t();
            g.allReduce(t, ReduceOp.AVG).waitFor();
            m.put("avg", t.contiguous().toDoubleArray());
            Tensor b = Torch.tensor(new boolean[] {r == 0, true, r == 1, false});
            g.allReduce(b, ReduceOp.SUM).waitFor();
            m.put("bool_or", b.toDoubleArray());
            Tensor p = Torch.tensor(new long[] {r + 2, -1});
            g.allReduce(p, ReduceOp.PRODUCT).waitFor();
            m.put("prod", p.toDoubleArray());
            // reduce_scatter: rank q's input i is q*10+i
            List<Tensor> ins = new ArrayList<>();
            for (int i = 0; i < 3; i++) ins.add(Torch.full(new long[] {2}, r * 10.0 + i));
            Tensor rs = Torch.zeros(2);
            g.reduceScatter(rs, ins, ReduceOp.SUM).waitFor();
            m.put("reduce_scatter", rs.toDoubleArray());
            // all_to_all lists
            List<Tensor> outs = new ArrayList<>();
            for (int i = 0; i < 3; i++) outs.add(Torch.zeros(1));
            List<Tensor> a2a = new ArrayList<>();
            for (int i = 0; i < 3; i++) a2a.add(Torch.full(new long[] {1}, r * 10.0 + i));
            g.allToAll(outs, a2a).waitFor();
            m.put("all_to_all", Torch.cat(outs).toDoubleArray());
            // point to point around the ring, async
            Tensor sent = Torch.full(new long[] {3}, r + 0.5), got = Torch.zeros(3);
            Work s = g.send(sent, (r + 1) % 3, 7);
            Work rv = g.recv(got, (r + 2) % 3, 7);
            s.waitFor();
            rv.waitFor();
            assertTrue(rv.isCompleted() && rv.isSuccess());
            m.put("p2p", got.toDoubleArray());
            g.barrier().waitFor();
            // objects
            List<Object> objs = new ArrayList<>(Arrays.asList(r == 2 ? "from two" : null, r == 2 ? List.of(1, 2) : null));
            Dist.broadcastObjectList(objs, 2, g);
            List<Object> gathered = new ArrayList<>(Arrays.asList(null, null, null));
            Dist.allGatherObject(gathered, Map.of("rank", r), g);
            m.put("objects", new double[] {"from two".equals(objs.get(0)) ? 1 : 0, List.of(1, 2).equals(objs.get(1)) ? 1 : 0,
                ((Map<?, ?>) gathered.get(0)).get("rank").equals(0) ? 1 : 0, ((Map<?, ?>) gathered.get(2)).get("rank").equals(2) ? 1 : 0});
            // a subgroup of global ranks 2 and 0 (group ranks 0 and 1), every rank calls newGroup
            ProcessGroup sub = g.newGroup(2, 0);
            if (sub != null) {
                Tensor x = Torch.full(new long[] {2}, r + 1.0);
                Dist.broadcast(x, 2, sub, false);
                m.put("sub", new double[] {sub.rank(), sub.size(), x.toDoubleArray()[0]});
                sub.close();
            }
            return m;
        });
        for (int r = 0; r < 3; r++) {
            Map<String, double[]> m = res.get(r);
            assertArrayEquals(new double[] {0, 6, 2, 8, 4, 10}, m.get("avg"), 1e-6);
            assertArrayEquals(new double[] {1, 1, 1, 0}, m.get("bool_or"));
            assertArrayEquals(new double[] {24, -1}, m.get("prod"));
            assertArrayEquals(new double[] {30 + 3 * r, 30 + 3 * r}, m.get("reduce_scatter"));
            assertArrayEquals(new double[] {r, 10 + r, 20 + r}, m.get("all_to_all"));
            assertArrayEquals(new double[] {(r + 2) % 3 + 0.5, (r + 2) % 3 + 0.5, (r + 2) % 3 + 0.5}, m.get("p2p"));
            assertArrayEquals(new double[] {1, 1, 1, 1}, m.get("objects"));
        }
        assertArrayEquals(new double[] {1, 2, 3}, res.get(0).get("sub"));
        assertArrayEquals(new double[] {0, 2, 3}, res.get(2).get("sub"));
        assertEquals(null, res.get(1).get("sub"));
    }

    @Test
    void argumentErrorsUsePyTorchsMessages() {
        DistributedRanks.run(2, g -> {
            assertEquals("ProcessGroupGloo::broadcast: invalid root rank: 3",
                    assertThrows(IllegalArgumentException.class, () -> g.broadcast(Torch.ones(2), 3)).getMessage());
            assertEquals("Cannot use ReduceOp.BAND with non-integral dtype",
                    assertThrows(IllegalArgumentException.class, () -> g.allReduce(Torch.ones(2), ReduceOp.BAND)).getMessage());
            assertEquals("all_reduce does not support ReduceOp.MAX on complex tensors", assertThrows(IllegalArgumentException.class,
                    () -> g.allReduce(Torch.viewAsComplex(Torch.ones(2, 2)), ReduceOp.MAX)).getMessage());
            assertEquals("ProcessGroupGloo::allgather: invalid output tensor list at index 0 (expected length 2, got 3)",
                    assertThrows(IllegalArgumentException.class,
                            () -> g.allGather(List.of(Torch.ones(2), Torch.ones(2), Torch.ones(2)), Torch.ones(2))).getMessage());
            assertEquals("Invalid usage of tensors with different dtypesFound torch.int64 and  torch.float32",
                    assertThrows(IllegalArgumentException.class,
                            () -> g.allGather(List.of(Torch.ones(2).to(DType.INT64), Torch.ones(2)), Torch.ones(2))).getMessage());
            return null;
        });
        Dist.isInitialized();
        assertEquals("Default process group has not been initialized, please make sure to call init_process_group.",
                assertThrows(IllegalStateException.class, () -> Dist.allReduce(Torch.ones(1))).getMessage());
        assertEquals("Error initializing torch.distributed using tcp:// rendezvous: rank parameter missing", assertThrows(
                IllegalArgumentException.class, () -> Dist.initProcessGroup("gloo", "tcp://127.0.0.1:1", 2, -1, Duration.ofSeconds(1))).getMessage());
        if (System.getenv("RANK") == null) {
            assertEquals("Error initializing torch.distributed using env:// rendezvous: environment variable RANK expected, but not set",
                    assertThrows(IllegalArgumentException.class, () -> Dist.initProcessGroup("gloo")).getMessage());
        }
        assertEquals("Distributed package doesn't have NCCL built in",
                assertThrows(IllegalArgumentException.class, () -> Dist.initProcessGroup("nccl")).getMessage());
        assertEquals("Invalid backend: 'foo'",
                assertThrows(IllegalArgumentException.class, () -> Dist.initProcessGroup("foo", "env://", 1, 0, Duration.ofSeconds(1))).getMessage());
    }

    @Test
    void defaultGroupOfOneOverAnExplicitStore() {
        Dist.initProcessGroup("gloo", new org.torch4j.distributed.HashStore(), 0, 1);
        try {
            assertTrue(Dist.isInitialized());
            assertEquals("gloo", Dist.getBackend());
            assertEquals(0, Dist.getRank());
            assertEquals(1, Dist.getWorldSize());
            assertEquals("trying to initialize the default process group twice!", assertThrows(IllegalStateException.class,
                    () -> Dist.initProcessGroup("gloo", new org.torch4j.distributed.HashStore(), 0, 1)).getMessage());
            Tensor t = Torch.arange(3).to(DType.FLOAT32);
            Work w = Dist.allReduce(t, ReduceOp.MAX, null, true);
            w.waitFor();
            assertTrue(w.isSuccess());
            assertArrayEquals(new double[] {0, 1, 2}, t.toDoubleArray());
            Dist.barrier();
        } finally {
            Dist.destroyProcessGroup();
        }
        assertFalse(Dist.isInitialized());
    }

    @Test
    void ranksThatDisagreeFailOnBothSides() {
        List<Object> out = DistributedRanks.outcomes(2, Duration.ofSeconds(10), g -> {
            g.allReduce(Torch.ones(g.rank() == 0 ? 3 : 4), ReduceOp.SUM).waitFor();
            return null;
        });
        for (Object o : out) {
            Throwable e = assertInstanceOf(DistributedRanks.Failure.class, o).error();
            assertInstanceOf(DistributedException.class, e);
            assertTrue(e.getMessage().startsWith("ranks disagree about the operation"), e.getMessage());
        }
    }

    @Test
    void aPeerThatLeavesOrIsLateFailsTheOthersClearly() {
        List<Object> dead = DistributedRanks.outcomes(2, Duration.ofSeconds(20), g -> {
            if (g.rank() == 1) {
                g.close();
                return null;
            }
            Work w = g.allReduce(Torch.ones(4), ReduceOp.SUM);
            return w.exception() == null ? assertThrowsDist(w) : w.exception();
        });
        assertEquals("rank 1 destroyed its process group", assertInstanceOf(DistributedException.class, dead.get(0)).getMessage());
        List<Object> late = DistributedRanks.outcomes(2, Duration.ofMillis(300), g -> {
            if (g.rank() == 1) {
                Thread.sleep(1500);
                return null;
            }
            return assertThrowsDist(g.allReduce(Torch.ones(4), ReduceOp.SUM));
        });
        assertEquals("Timed out waiting 300ms for recv operation to complete",
                assertInstanceOf(DistributedException.class, late.get(0)).getMessage());
    }

    @Test
    void monitoredBarrierNamesTheLateRanks() {
        List<Object> out = DistributedRanks.outcomes(3, Duration.ofSeconds(10), g -> {
            g.monitoredBarrier(Duration.ofSeconds(5), false); // all arrive
            if (g.rank() == 2) {
                Thread.sleep(800);
                return null;
            }
            g.monitoredBarrier(Duration.ofMillis(300), true);
            return null;
        });
        assertEquals("Ranks 2 failed to pass monitoredBarrier in 300 ms",
                assertInstanceOf(DistributedRanks.Failure.class, out.get(0)).error().getMessage());
        assertEquals("Rank 1 timed out in monitoredBarrier after 300 ms",
                assertInstanceOf(DistributedRanks.Failure.class, out.get(1)).error().getMessage());
    }

    private static Throwable assertThrowsDist(Work w) {
        return assertThrows(DistributedException.class, w::waitFor);
    }

    @Test
    void destroyedGroupRefusesWork() {
        DistributedRanks.run(2, g -> {
            g.barrier().waitFor();
            g.close();
            assertEquals("the process group was destroyed",
                    assertThrows(IllegalStateException.class, () -> g.allReduce(Torch.ones(1), ReduceOp.SUM)).getMessage());
            return null;
        });
    }
}
