package org.torch4j.commands;

import org.torch4j.Device;
import org.torch4j.Torch;
import org.torch4j.spi.BackendRegistry;

/** The device a command runs on: the one asked for, else the best one a backend serves. */
final class Devices {
    private Devices() {}

    /**
     * {@code requested} ({@code cpu}, {@code cuda}, {@code cuda:N}) when a backend serves it; when
     * null, the default device if it is not the CPU, else CUDA when a CUDA backend is registered
     * (its probe found a usable GPU), else the CPU.
     */
    static Device choose(String requested) {
        if (requested != null) {
            Device d;
            try {
                d = Device.of(requested);
            } catch (IllegalArgumentException e) {
                throw new UsageException("option --device: " + e.getMessage());
            }
            if (BackendRegistry.find(d.type()) == null) {
                throw new UsageException("option --device " + requested + ": " + BackendRegistry.missingMessage(d.type()));
            }
            return d;
        }
        Device def = Torch.getDefaultDevice();
        if (!def.type().equals("cpu")) return def;
        return BackendRegistry.find("cuda") != null ? Device.of("cuda") : Device.CPU;
    }
}
