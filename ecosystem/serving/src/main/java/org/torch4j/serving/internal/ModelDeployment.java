package org.torch4j.serving.internal;

import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.torch4j.serving.InferenceSession;
import org.torch4j.serving.ModelConfig;
import org.torch4j.serving.ModelRegistry;

/**
 * One deployed model per Config Admin factory configuration of {@value #FACTORY_PID} (properties: see
 * {@link ModelConfig}). Creating the configuration loads the model into the registry; changing it
 * reloads it; deleting it unloads it, after the requests already queued have run.
 */
@Component(service = {}, configurationPid = ModelDeployment.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ModelDeployment {

    /** The factory PID of model configurations. */
    public static final String FACTORY_PID = "org.torch4j.serving.model";

    @Reference
    private ModelRegistry registry;

    private ModelConfig config;
    private InferenceSession session;

    @Activate
    void activate(Map<String, Object> properties) throws IOException {
        try {
            config = ModelConfig.fromProperties(properties);
            session = registry.load(config);
        } catch (IOException | RuntimeException e) {
            // SCR would only log this where a log service is installed; a deployment that fails must be seen
            System.err.println("torch4j serving: configuration " + properties.get("service.pid") + " deployed nothing: " + e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        // another configuration may have replaced this name and version since; leave that one alone
        if (registry.find(config.name(), config.version()).orElse(null) == session) registry.unload(config.name(), config.version());
    }
}
