package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The intra-op pool: every index once, chunks claimed by whoever is free, failures with their messages. */
class ParallelTest {
    private int before;

    @BeforeEach
    void fourThreads() {
        before = Parallel.threads();
        Parallel.setThreads(4);
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    @Test
    void everyIndexRunsExactlyOnceInAtMostThreadsChunks() {
        for (int n : new int[] {1, 3, 4, 5, 1000, 1001}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(n);
            ConcurrentLinkedQueue<int[]> chunks = new ConcurrentLinkedQueue<>();
            Parallel.forRange(n, 1, (a, e) -> {
                chunks.add(new int[] {a, e});
                for (int i = a; i < e; i++) seen.incrementAndGet(i);
            });
            for (int i = 0; i < n; i++) assertEquals(1, seen.get(i), "index " + i + " of " + n);
            assertTrue(chunks.size() <= 4, chunks.size() + " chunks");
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a pool that waits for busy workers hangs here
    void theCallerRunsChunksNoWorkerHasClaimed() throws InterruptedException {
        // every worker is held up: the caller must finish all four chunks alone instead of waiting for them
        CountDownLatch release = new CountDownLatch(1), started = new CountDownLatch(3);
        Thread holder = new Thread(() -> Parallel.forRange(4, 1, (a, e) -> {
            if (Thread.currentThread().getName().startsWith("torch4j-cpu-")) {
                started.countDown();
                await(release);
            } else {
                await(started); // holds its own chunk until the three workers have claimed the others
            }
        }));
        holder.start();
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS), "three workers busy");
            ConcurrentLinkedQueue<String> ranBy = new ConcurrentLinkedQueue<>();
            Parallel.forRange(4, 1, (a, e) -> ranBy.add(Thread.currentThread().getName()));
            assertEquals(4, ranBy.size());
            for (String name : ranBy) assertEquals(Thread.currentThread().getName(), name);
        } finally {
            release.countDown();
            holder.join();
        }
    }

    @Test
    void aFailingChunkKeepsItsMessageAndLaterFailuresAreSuppressed() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> Parallel.forRange(4, 1, (a, x) -> {
            throw new IndexOutOfBoundsException("index " + a + " is out of bounds");
        }));
        assertTrue(e.getMessage().startsWith("index "), e.getMessage());
        assertEquals(3, e.getSuppressed().length);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a nested call that waits for the pool deadlocks
    void aCallFromInsideAJobRunsItsChunksOnThatThreadInOrder() {
        ConcurrentLinkedQueue<String> inner = new ConcurrentLinkedQueue<>();
        Parallel.forRange(4, 1, (a, e) -> {
            String me = Thread.currentThread().getName();
            java.util.List<Integer> starts = new java.util.ArrayList<>();
            Parallel.forRange(8, 1, (x, y) -> {
                assertEquals(me, Thread.currentThread().getName());
                starts.add(x);
            });
            inner.add(starts.toString());
        });
        assertEquals(4, inner.size());
        for (String s : inner) assertEquals("[0, 2, 4, 6]", s); // the same four chunks a parallel run makes, in order
    }

    @Test
    void changingTheThreadCountEndsTheOldWorkers() throws InterruptedException {
        Parallel.forRange(4, 1, (a, e) -> {});
        Parallel.setThreads(2);
        Parallel.forRange(2, 1, (a, e) -> {});
        long deadline = System.nanoTime() + 10_000_000_000L;
        long workers;
        do {
            Thread.sleep(20);
            workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("torch4j-cpu-") && t.isAlive()).count();
        } while (workers > 1 && System.nanoTime() < deadline);
        assertEquals(1, workers, "one worker for two threads once the four-thread pool has stopped");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
