package org.torch4j.internal.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    @Test
    void engineMatchesStdMt19937() {
        // The C++ standard fixes the 10000th output of a default-constructed std::mt19937 (seed 5489).
        MT19937 e = new MT19937(5489);
        int v = 0;
        for (int i = 0; i < 10000; i++) v = e.nextInt();
        assertEquals(4123659995L, Integer.toUnsignedLong(v));
    }

    /** The bulk fill gives the per-draw floats across twists, from any position in the state and in runs of any length. */
    @Test
    void unitFloatsInBulkAreTheDrawsOneByOne() {
        MT19937 bulk = new MT19937(42), single = new MT19937(42);
        float[] out = new float[3000];
        int[] runs = {1, 623, 624, 625, 2, 1247, 17, 0, 1500};
        for (int len : runs) {
            bulk.nextUnitFloats(out, 5, len);
            for (int i = 0; i < len; i++) {
                float want = (single.nextInt() & 0xffffff) * 0x1p-24f;
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out[5 + i]), "run of " + len + ", draw " + i);
            }
            assertEquals(single, bulk, "engines in the same state after a run of " + len);
        }
    }

    @Test
    void seedsDifferingOnlyAboveBit32GiveTheSameStreamButKeepTheirInitialSeed() {
        CpuGenerator a = new CpuGenerator(7), b = new CpuGenerator((1L << 40) + 7);
        for (int i = 0; i < 1000; i++) assertEquals(a.random(), b.random());
        assertEquals((1L << 40) + 7, b.initialSeed());
        assertEquals(-1L, new CpuGenerator(-1).initialSeed()); // 2^64 - 1 as PyTorch reports it
    }

    @Test
    void random64PutsTheFirstDrawHigh() {
        CpuGenerator a = new CpuGenerator(3), b = new CpuGenerator(3);
        long hi = Integer.toUnsignedLong(a.random()), lo = Integer.toUnsignedLong(a.random());
        assertEquals((hi << 32) | lo, b.random64());
    }

    @Test
    void stateSnapshotReplaysTheSameSequenceIncludingTheNormalCache() {
        CpuGenerator g = new CpuGenerator(123);
        double[] d = new double[3];
        Sampling.normal(g, d, 0, 3, 0, 1); // odd count: a cached sample remains
        assertTrue(g.hasNextDoubleNormalSample());
        byte[] snapshot = g.getState();
        CpuGenerator copy = g.copy();
        float[] first = draws(g);
        g.setState(snapshot);
        assertArrayEquals(first, draws(g));
        assertArrayEquals(first, draws(copy));
        CpuGenerator other = new CpuGenerator();
        other.setState(snapshot);
        assertArrayEquals(first, draws(other));
        assertArrayEquals(g.getState(), other.getState());
    }

    /** A mix that uses 32-bit, 64-bit and cached draws. */
    private static float[] draws(CpuGenerator g) {
        float[] out = new float[60];
        Sampling.uniform(g, out, 0, 10, 0, 1);
        double[] d = new double[7];
        Sampling.normal(g, d, 0, 7, 0, 1);
        for (int i = 0; i < 7; i++) out[10 + i] = (float) d[i];
        Sampling.normal(g, out, 17, 20, 0, 1);
        Sampling.normal(g, out, 37, 3, 0, 1);
        long[] l = new long[20];
        Sampling.randint(g, l, 0, 20, -5, 1L << 40);
        for (int i = 0; i < 20; i++) out[40 + i] = l[i];
        return out;
    }

    @Test
    void copyIsIndependent() {
        CpuGenerator g = new CpuGenerator(9);
        CpuGenerator c = g.copy();
        g.random();
        assertNotEquals(g.engine(), c.engine());
        c.random();
        assertEquals(g.engine(), c.engine());
    }

    @Test
    void manualSeedResetsTheEngineAndBothCaches() {
        CpuGenerator g = new CpuGenerator(1);
        g.setNextFloatNormalSample(2f);
        g.setNextDoubleNormalSample(3.0);
        g.random();
        g.manualSeed(1);
        assertFalse(g.hasNextDoubleNormalSample());
        assertFalse(g.hasNextFloatNormalSample());
        assertArrayEquals(new CpuGenerator(1).getState(), g.getState());
    }

    @Test
    @SuppressWarnings("unchecked")
    void acceptsPyTorchStateBytes() {
        // engine.json keeps the full torch.get_rng_state() of its first cases, taken after randn(3) in
        // float64, so the state carries a cached normal sample.
        List<Map<String, Object>> cases = RandomReferenceTest.cases("engine.json");
        List<Map<String, Object>> calls = (List<Map<String, Object>>) cases.get(0).get("calls");
        Map<String, Object> out = (Map<String, Object>) calls.get(calls.size() - 1).get("out");
        byte[] bytes = Base64.getDecoder().decode((String) out.get("b64"));
        assertEquals(CpuGenerator.STATE_SIZE, bytes.length);
        CpuGenerator g = new CpuGenerator();
        g.setState(bytes);
        assertArrayEquals(bytes, g.getState());
        assertEquals(0L, g.initialSeed());
        double cached = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getDouble(5024);
        assertTrue(g.hasNextDoubleNormalSample());
        double[] d = new double[1];
        Sampling.normal(g, d, 0, 1, 0, 1);
        assertEquals(cached, d[0]);
    }

    @Test
    void acceptsTheLegacyStateSize() {
        CpuGenerator g = new CpuGenerator(77);
        g.random();
        byte[] legacy = java.util.Arrays.copyOf(g.getState(), CpuGenerator.LEGACY_STATE_SIZE);
        CpuGenerator h = new CpuGenerator();
        h.setState(legacy);
        assertEquals(g.random(), h.random());
    }

    @Test
    void rejectsInvalidStates() {
        byte[] good = new CpuGenerator(5).getState();
        assertThrows(IllegalArgumentException.class, () -> new CpuGenerator().setState(new byte[100]));
        byte[] unseeded = good.clone();
        unseeded[12] = 0;
        assertThrows(IllegalArgumentException.class, () -> new CpuGenerator().setState(unseeded));
        byte[] noneLeft = good.clone();
        noneLeft[8] = 0;
        assertThrows(IllegalArgumentException.class, () -> new CpuGenerator().setState(noneLeft));
        byte[] tooFar = good.clone();
        ByteBuffer.wrap(tooFar).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 625);
        assertThrows(IllegalArgumentException.class, () -> new CpuGenerator().setState(tooFar));
    }

    @Test
    void nonDeterministicSeedIsReported() {
        CpuGenerator g = new CpuGenerator();
        long s = g.seed();
        assertEquals(s, g.initialSeed());
        assertArrayEquals(new CpuGenerator(s).getState(), g.getState());
    }

    @Test
    void eachFillIsAtomicUnderContention() throws InterruptedException {
        int fills = 50, n = 1000;
        CpuGenerator shared = new CpuGenerator(2024);
        List<float[]> results = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        Runnable worker = () -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < fills; i++) {
                float[] out = new float[n];
                Sampling.uniform(shared, out, 0, n, 0, 1);
                results.add(out);
            }
        };
        Thread a = new Thread(worker), b = new Thread(worker);
        a.start();
        b.start();
        start.countDown();
        a.join();
        b.join();
        CpuGenerator serial = new CpuGenerator(2024);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 2 * fills; i++) {
            float[] out = new float[n];
            Sampling.uniform(serial, out, 0, n, 0, 1);
            expected.add(java.util.Arrays.toString(out));
        }
        Set<String> got = new HashSet<>();
        for (float[] r : results) got.add(java.util.Arrays.toString(r));
        assertEquals(expected, got);
        assertArrayEquals(serial.getState(), shared.getState());
    }

    @Test
    void callerMayHoldTheLockWhileFilling() {
        CpuGenerator g = new CpuGenerator(1);
        g.lock().lock();
        try {
            float[] out = new float[4];
            Sampling.uniform(g, out, 0, 4, 0, 1);
            Sampling.normal(g, out, 0, 4, 0, 1);
        } finally {
            g.lock().unlock();
        }
        assertFalse(g.lock().isLocked());
    }

    @Test
    void writesOnlyTheRequestedRange() {
        float[] out = new float[40];
        java.util.Arrays.fill(out, -7f);
        Sampling.normal(new CpuGenerator(0), out, 5, 30, 0, 1);
        float[] plain = new float[30];
        Sampling.normal(new CpuGenerator(0), plain, 0, 30, 0, 1);
        for (int i = 0; i < 40; i++) {
            assertEquals(i < 5 || i >= 35 ? -7f : plain[i - 5], out[i]);
        }
    }

    @Test
    void argumentChecksUsePyTorchWording() {
        CpuGenerator g = new CpuGenerator();
        var e = assertThrows(IllegalArgumentException.class, () -> Sampling.randint(g, new long[1], 0, 1, 5, 5));
        assertEquals("random_ expects 'from' to be less than 'to', but got from=5 >= to=5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sampling.bernoulli(g, new float[1], 0, 1, 2));
        assertEquals("bernoulli_ expects p to be in [0, 1], but got p=2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sampling.uniform(g, new float[1], 0, 1, 2, 1));
        assertEquals("uniform_ expects to return a [from, to) range, but found from=2 > to=1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sampling.normal(g, new double[1], 0, 1, 0, -1));
        assertEquals("normal expects std >= 0.0, but found std -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sampling.exponential(g, new double[1], 0, 1, -0.5));
        assertEquals("exponential_ expects lambda >= 0.0, but found lambda=-0.5", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Sampling.multinomial(g, new float[] {1, 1}, 1, 2, 3, false, new long[3]));
        assertThrows(IllegalArgumentException.class,
                () -> Sampling.multinomial(g, new float[] {0, 0}, 1, 2, 1, true, new long[1]));
        assertThrows(IllegalArgumentException.class,
                () -> Sampling.multinomial(g, new float[] {-1, 2}, 1, 2, 1, false, new long[1]));
    }

    @Test
    void usesTheCLibraryOnLinux() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (linux && !"java".equals(System.getProperty("torch4j.random.libm"))) {
            assertTrue(Libm.isNative(), "the C library's log/sin/cos could not be bound (native access?)");
        }
        assertEquals(0.0, Libm.log(1.0));
        assertEquals(0f, Libm.log(1f));
    }

    @Test
    void updateFromAndToFollowPyTorch() {
        assertEquals((1L << 33) - 512, Sampling.updateTo(1L << 33, 24));
        assertEquals(10, Sampling.updateTo(10, 24));
        assertEquals(-5, Sampling.updateFrom(-5, 24));
        assertEquals(1L << 33, Sampling.updateTo(1L << 33, 53));
    }
}
