package org.torch4j.profiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's number formats, against the strings PyTorch 1.13's {@code profiler_util} prints for the same values. */
class FormatTest {

    @Test
    void timesAsFormatTime() {
        // _format_time(us) for 0.5, 999.9994, 1000.0, 123456.789, 2500000.0
        assertEquals(List.of("0.500us", "999.999us", "1.000ms", "123.457ms", "2.500s"),
                List.of(KeyAverages.time(500), KeyAverages.time(999_999.4), KeyAverages.time(1_000_000),
                        KeyAverages.time(123_456_789), KeyAverages.time(2_500_000_000.0)));
    }

    @Test
    void memoryAsFormatMemory() {
        // _format_memory(b) for 0, 1023, 1024, 1536, 5 MiB + 1, 3 GiB, -2048
        assertEquals(List.of("0 b", "1023 b", "1.00 Kb", "1.50 Kb", "5.00 Mb", "3.00 Gb", "-2.00 Kb"),
                List.of(KeyAverages.memory(0), KeyAverages.memory(1023), KeyAverages.memory(1024),
                        KeyAverages.memory(1536), KeyAverages.memory(5L * 1024 * 1024 + 1),
                        KeyAverages.memory(3L * 1024 * 1024 * 1024), KeyAverages.memory(-2048)));
    }

    @Test
    void sharesAsFormatTimeShare() {
        // _format_time_share(1, 3), (0, 0), (5, 5)
        assertEquals(List.of("33.33%", "NaN", "100.00%"),
                List.of(KeyAverages.share(1, 3), KeyAverages.share(0, 0), KeyAverages.share(5, 5)));
    }

    @Test
    void emptyTraceGivesAnEmptyTable() {
        assertEquals("", new KeyAverages(List.of(), false, false).table("cpu_time_total", 10));
    }
}
