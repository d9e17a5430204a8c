package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.DataLoader;
import org.torch4j.data.DistributedSampler;
import org.torch4j.data.TensorDataset;

/** DistributedSampler's indices against PyTorch 1.13's for several configurations and epochs. */
class DistributedSamplerTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file() {
        return (Map<String, Object>) Reference.load("distributed/sampler.json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void indicesMatchPyTorch() {
        for (Object o : (List<Object>) file().get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            int replicas = ((Number) c.get("replicas")).intValue();
            List<Object> perRank = (List<Object>) c.get("indices");
            for (int r = 0; r < replicas; r++) {
                DistributedSampler s = new DistributedSampler(((Number) c.get("n")).longValue(), replicas, r, (Boolean) c.get("shuffle"),
                        ((Number) c.get("seed")).longValue(), (Boolean) c.get("drop_last"));
                s.setEpoch(((Number) c.get("epoch")).longValue());
                String ctx = c + " rank " + r;
                assertEquals(((Number) c.get("len")).longValue(), s.size(), ctx);
                assertArrayEquals(Reference.longs((List<Object>) perRank.get(r)), s.indices(), ctx);
                List<Long> iterated = new ArrayList<>();
                s.forEach(iterated::add);
                assertEquals(s.size(), iterated.size());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void badRanksAndDataLoader() {
        for (Object o : (List<Object>) file().get("errors")) {
            Map<String, Object> e = (Map<String, Object>) o;
            int rank = ((Number) e.get("rank")).intValue();
            assertEquals(e.get("message"),
                    assertThrows(IllegalArgumentException.class, () -> new DistributedSampler(4, 3, rank, true, 0, false)).getMessage());
        }
        // a negative size (PyTorch takes a len()) failed when iterating (found by fuzzing)
        assertEquals("dataset size must be non-negative, got -3",
                assertThrows(IllegalArgumentException.class, () -> new DistributedSampler(-3, 1, 0, false, 2, false)).getMessage());
        Tensor data = Torch.arange(10);
        DistributedSampler s = new DistributedSampler(10, 3, 1, false, 0, false);
        DataLoader<List<Tensor>> loader = DataLoader.of(new TensorDataset(data)).batchSize(2).sampler(s).build();
        List<Long> seen = new ArrayList<>();
        for (List<Tensor> batch : loader) for (long v : batch.get(0).toLongArray()) seen.add(v);
        assertEquals(List.of(1L, 4L, 7L, 0L), seen);
    }
}
