package org.torch4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The assembled runtime behind ./torch4j: help, errors, subcommands and the Gogo shell. */
class LauncherIT {

    @Test
    void helpListsTheSubcommands() throws Exception {
        RuntimeProcess.Result r = RuntimeProcess.launcher(null, "--help");
        assertEquals(0, r.status(), r.out());
        for (String cmd : new String[] {"backends", "datasets", "demo", "devices", "info", "models", "onnx", "serve", "shell", "test"}) {
            assertTrue(r.out().contains("\n  " + cmd + " "), cmd + " missing from:\n" + r.out());
        }
    }

    @Test
    void anUnknownSubcommandFailsClearly() throws Exception {
        RuntimeProcess.Result r = RuntimeProcess.launcher(null, "frobnicate");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.out().contains("torch4j: unknown subcommand 'frobnicate'."), r.out());
    }

    @Test
    void serveWithoutModelsSaysHowToUseIt() throws Exception {
        RuntimeProcess.Result r = RuntimeProcess.launcher(null, "serve");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.out().contains("torch4j serve: give at least one model FILE or --config-dir"), r.out());
        assertTrue(r.out().contains("Usage: torch4j serve"), r.out());
    }

    @Test
    void theShellHasTheTorch4jCommands() throws Exception {
        RuntimeProcess.Result r = RuntimeProcess.launcher("torch4j:backends\ntorch4j:models\ntorch4j:info\nstop 0\n", "shell");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("Welcome to Apache Felix Gogo"), r.out());
        assertTrue(r.out().contains("cpu     0         java-cpu"), r.out());
        assertTrue(r.out().contains("lenet5"), r.out());
        assertTrue(r.out().contains("threads "), r.out());
    }
}
