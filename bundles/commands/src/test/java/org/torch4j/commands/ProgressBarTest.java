package org.torch4j.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final long[] now = {0};

    /** 200 batches of 50 ms each (20 batches per second), the loss falling. */
    private String run(boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(out, terminal, "epoch 1/2", 200, () -> now[0]);
        for (int i = 1; i <= 200; i++) {
            now[0] += 50_000_000L;
            bar.update(i, 1.0 / i);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainModePrintsALineEveryTenthWithRateLossAndEta() {
        String[] lines = run(false).split("\n");
        assertEquals(10, lines.length);
        assertEquals("epoch 1/2  20/200  20.0 batch/s  loss 0.0500  ETA 0:09", lines[0]);
        assertEquals("epoch 1/2 100/200  20.0 batch/s  loss 0.0100  ETA 0:05", lines[4]);
        assertEquals("epoch 1/2 200/200  20.0 batch/s  loss 0.0050  time 0:10", lines[9]);
        for (String l : lines) assertFalse(l.contains("\r") || l.contains("["), l);
    }

    @Test
    void terminalModeRedrawsOneLineInPlaceAtMostTenTimesASecond() {
        String s = run(true);
        assertTrue(s.endsWith("\n") && s.indexOf('\n') == s.length() - 1, "one line, ended once: " + s);
        String[] frames = s.substring(1, s.length() - 1).split("\r");
        // 10 s of batches at most 10 redraws a second, every second batch: 100 frames plus the final one
        assertEquals(101, frames.length);
        assertEquals("epoch 1/2   1/200 [>                       ]  20.0 batch/s  loss 1.0000  ETA 0:10", frames[0]);
        assertEquals("epoch 1/2 200/200 [========================]  20.0 batch/s  loss 0.0050  time 0:10", frames[100].strip());
    }

    @Test
    void clockTimesAndBadTotals() {
        assertEquals("0:00", ProgressBar.clockTime(0.2));
        assertEquals("1:05", ProgressBar.clockTime(65));
        assertEquals("1:01:01", ProgressBar.clockTime(3661));
        assertThrows(IllegalArgumentException.class, () -> new ProgressBar(System.out, false, "x", 0, System::nanoTime));
    }
}
