package org.torch4j.serving.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.torch4j.serving.InferenceServer;
import org.torch4j.serving.ModelRegistry;

/**
 * The HTTP endpoint over the registry service, started by a Config Admin configuration of PID
 * {@value #PID}: {@code port} (default 8080), {@code host} (default 127.0.0.1, the loopback interface
 * only, as TorchServe's default), {@code maxBodyBytes} (default 16 MiB), {@code timeoutMs} (default 60000).
 * It needs a configuration so that a runtime that merely has the bundle opens no port.
 */
@Component(service = {}, configurationPid = HttpComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class HttpComponent {

    /** The configuration PID of the endpoint. */
    public static final String PID = "org.torch4j.serving.http";

    @Reference
    private ModelRegistry registry;

    private InferenceServer server;

    @Activate
    void activate(Map<String, Object> p) throws IOException {
        String host = string(p, "host", "127.0.0.1");
        int port = Integer.parseInt(string(p, "port", "8080"));
        int maxBody = Integer.parseInt(string(p, "maxBodyBytes", String.valueOf(InferenceServer.DEFAULT_MAX_BODY_BYTES)));
        Duration timeout = Duration.ofMillis(Long.parseLong(string(p, "timeoutMs", "60000")));
        try {
            server = InferenceServer.start(registry, new InetSocketAddress(host, port), maxBody, timeout);
        } catch (IOException e) {
            // SCR would only log this where a log service is installed; a port that did not open must be seen
            System.err.println("torch4j serving: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            throw e;
        }
        System.out.println("torch4j serving: listening on " + server.uri());
    }

    @Deactivate
    void deactivate() {
        server.close();
    }

    private static String string(Map<String, Object> p, String key, String fallback) {
        Object v = p.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().strip();
    }
}
