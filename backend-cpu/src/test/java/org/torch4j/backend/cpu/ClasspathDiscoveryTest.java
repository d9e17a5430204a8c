package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;

/** On a plain classpath the CPU backend is found through {@link ServiceLoader}, without any OSGi jar. */
class ClasspathDiscoveryTest {

    @Test
    void serviceLoaderFindsTheCpuBackend() {
        Backend found = ServiceLoader.load(Backend.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(b -> b.deviceType().equals("cpu"))
                .findFirst().orElseThrow(() -> new AssertionError("no cpu Backend listed in META-INF/services"));
        assertInstanceOf(CpuBackend.class, found);
    }

    @Test
    void registryPicksTheCpuBackendForCpu() {
        Backend cpu = BackendRegistry.require("cpu");
        assertInstanceOf(CpuBackend.class, cpu);
        assertEquals("java-cpu", cpu.name());
        assertSame(cpu, BackendRegistry.find("cpu"), "the registry loads providers once");
    }

    @Test
    void noOsgiClassIsNeeded() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.osgi.framework.Bundle"));
    }

    @Test
    void missingDeviceTypeNamesWhatToInstall() {
        assertNull(BackendRegistry.find("cuda"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BackendRegistry.require("cuda"));
        assertTrue(e.getMessage().contains("org.torch4j.backend.cuda"), e.getMessage());
        assertTrue(e.getMessage().contains("on the classpath"), e.getMessage());
    }
}
