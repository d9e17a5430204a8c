package org.torch4j.internal.osgi;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.torch4j.Device;
import org.torch4j.Torch;
import org.torch4j.spi.BackendRegistry;

/**
 * The runtime's settings from Config Admin, PID {@code org.torch4j}, applied on every change without
 * a restart: {@code threads} (CPU threads ops use), {@code device} (where factories put new tensors,
 * e.g. "cpu" or "cuda"), and {@code backend.<device>} (the name of the backend to prefer for a device
 * type, e.g. {@code backend.cpu=java-cpu}; otherwise the best {@code service.ranking} wins).
 */
@Component(immediate = true, service = {}, configurationPid = "org.torch4j", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SettingsComponent {

    @Activate
    @Modified
    void apply(Map<String, Object> properties) {
        Object threads = properties.get("threads");
        if (threads != null) Torch.setNumThreads(Integer.parseInt(threads.toString().trim()));
        Object device = properties.get("device");
        Torch.setDefaultDevice(device == null ? Device.CPU : Device.of(device.toString().trim()));
        BackendRegistry.clearPreferences();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            if (e.getKey().startsWith("backend.")) {
                BackendRegistry.prefer(e.getKey().substring("backend.".length()), e.getValue().toString().trim());
            }
        }
    }
}
