package org.torch4j.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequirementsTest {

    @Test
    void aMissingDomainBundleBecomesAMessage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = Requirements.withDomainBundles("predict", err, () -> {
            throw new NoClassDefFoundError("org/torch4j/vision/io/Images");
        });
        assertEquals(1, status);
        assertEquals("torch4j predict: needs the bundle org.torch4j.vision (torch4j-vision), which is not installed "
                + "(missing class org.torch4j.vision.io.Images)\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(0, Requirements.withDomainBundles("demo", err, () -> 0));
    }

    @Test
    void otherMissingClassesPropagate() {
        NoClassDefFoundError e = new NoClassDefFoundError("com/example/Other");
        assertSame(e, assertThrows(NoClassDefFoundError.class, () -> Requirements.withDomainBundles("demo", System.err, () -> {
            throw e;
        })));
    }
}
