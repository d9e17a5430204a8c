package org.torch4j.internal.osgi;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.DeviceProbe;

/** Feeds {@link BackendRegistry} with the {@link Backend} services of the OSGi framework. */
@Component(immediate = true, service = {})
public final class BackendTracker {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBackend(Backend backend, Map<String, Object> properties) {
        BackendRegistry.register(backend, properties);
    }

    void removeBackend(Backend backend) {
        BackendRegistry.unregister(backend);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProbe(DeviceProbe probe) {
        BackendRegistry.registerProbe(probe);
    }

    void removeProbe(DeviceProbe probe) {
        BackendRegistry.unregisterProbe(probe);
    }
}
