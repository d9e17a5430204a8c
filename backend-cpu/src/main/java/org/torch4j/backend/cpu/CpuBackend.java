package org.torch4j.backend.cpu;

import org.osgi.service.component.annotations.Component;
import org.torch4j.spi.Backend;

/**
 * The pure-Java CPU backend. Registered as an OSGi service through Declarative Services and, for
 * plain classpaths, in {@code META-INF/services/org.torch4j.spi.Backend}.
 */
@Component(service = Backend.class, property = {Backend.DEVICE_PROPERTY + "=cpu", "service.ranking:Integer=0"})
public final class CpuBackend implements Backend {

    @Override
    public String name() {
        return "java-cpu";
    }

    @Override
    public String deviceType() {
        return "cpu";
    }

    @Override
    public String describe() {
        return name() + " (threads=" + Parallel.threads() + ", simd=" + Simd.description() + ")";
    }
}
