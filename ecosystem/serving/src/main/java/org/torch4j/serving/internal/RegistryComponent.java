package org.torch4j.serving.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.torch4j.serving.ModelRegistry;

/**
 * Registers the bundle's one {@link ModelRegistry} as an OSGi service. The registry is a plain class
 * (usable without OSGi), so it cannot be a Declarative Services component itself; this component owns
 * it instead, and unloads every model (draining their queues) when the bundle stops.
 */
@Component(immediate = true, service = {})
public final class RegistryComponent {

    private ModelRegistry registry;
    private ServiceRegistration<ModelRegistry> registration;

    @Activate
    void activate(BundleContext context) {
        registry = new ModelRegistry();
        registration = context.registerService(ModelRegistry.class, registry, null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        registry.close();
    }
}
