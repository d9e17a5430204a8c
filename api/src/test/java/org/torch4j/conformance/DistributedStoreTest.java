package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.distributed.DistributedException;
import org.torch4j.distributed.HashStore;
import org.torch4j.distributed.PrefixStore;
import org.torch4j.distributed.Store;
import org.torch4j.distributed.TCPStore;

/** The stores, with the results and messages PyTorch 1.13's give (see the generator's notes). */
class DistributedStoreTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The sequence PyTorch's TCPStore gives: add 5, 7; compare_set v, v, w; get w. */
    private static void exercise(Store s) {
        assertEquals(5, s.add("c", 5));
        assertEquals(7, s.add("c", 2));
        assertArrayEquals(b("v"), s.compareSet("x", b(""), b("v")));
        assertArrayEquals(b("v"), s.compareSet("x", b("no"), b("w")));
        assertArrayEquals(b("w"), s.compareSet("x", b("v"), b("w")));
        assertArrayEquals(b("w"), s.get("x"));
        assertTrue(s.check(List.of("x", "c")));
        assertFalse(s.check(List.of("zz")));
        assertTrue(s.deleteKey("x"));
        assertFalse(s.deleteKey("x"));
        s.set("k", "value");
        assertArrayEquals(b("value"), s.get("k"));
    }

    @Test
    void hashStore() {
        HashStore s = new HashStore();
        exercise(s);
        assertEquals(2, s.numKeys());
        s.setTimeout(Duration.ofMillis(100));
        assertEquals("Wait timeout: Connection timed out", assertThrows(DistributedException.class, () -> s.get("missing")).getMessage());
        assertEquals("Wait timeout: Connection timed out",
                assertThrows(DistributedException.class, () -> s.waitFor(List.of("a"), Duration.ofMillis(50))).getMessage());
    }

    @Test
    void tcpStoreServesClientsAndPrefixes() throws Exception {
        try (TCPStore master = new TCPStore("127.0.0.1", 0, 1, true, Duration.ofSeconds(5))) {
            exercise(master);
            assertEquals(3, master.numKeys()); // c, k and the server's "init/", as PyTorch counts
            try (TCPStore client = new TCPStore("127.0.0.1", master.port(), -1, false, Duration.ofSeconds(5))) {
                Thread setter = new Thread(() -> {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ignored) {
                        // set anyway
                    }
                    master.set("late", "here");
                });
                setter.start();
                assertArrayEquals(b("here"), client.get("late")); // waits for the key
                PrefixStore p = new PrefixStore("pre", client);
                p.set("a", "1");
                assertArrayEquals(b("1"), master.get("pre/a"));
                client.setTimeout(Duration.ofMillis(200));
                assertEquals("Socket Timeout", assertThrows(DistributedException.class, () -> client.get("never")).getMessage());
            }
        }
    }
}
