package org.torch4j.profiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.spi.Backend;

/** A kernel added to the SPI must be forwarded (and recorded) by the profiler's backend, not left to a default. */
class RecordingBackendTest {

    @Test
    void forwardsEveryBackendMethod() {
        List<String> missing = new ArrayList<>();
        for (Method m : Backend.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) continue;
            try {
                RecordingBackend.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.toString());
            }
        }
        assertTrue(missing.isEmpty(), "RecordingBackend does not forward " + missing);
    }
}
