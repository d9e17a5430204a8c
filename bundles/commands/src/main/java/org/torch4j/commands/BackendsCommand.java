package org.torch4j.commands;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.torch4j.platform.Command;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.DeviceProbe;

/** {@code torch4j backends}: the installed compute backends, best first per device type. */
@Component(property = Command.NAME_PROPERTY + "=backends")
public final class BackendsCommand implements Command {

    @Override
    public String description() {
        return "list the installed compute backends";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<BackendRegistry.Entry> entries = BackendRegistry.all();
        out.printf("%-6s  %-8s  %s%n", "device", "ranking", "backend");
        for (BackendRegistry.Entry e : entries) {
            out.printf("%-6s  %-8d  %s%n", e.deviceType(), e.ranking(), e.backend().describe());
        }
        for (DeviceProbe p : BackendRegistry.probes()) {
            boolean served = entries.stream().anyMatch(e -> e.deviceType().equals(p.deviceType()));
            if (!p.available()) out.printf("%-6s  %-8s  unavailable: %s%n", p.deviceType(), "-", p.reason());
            else if (!served) out.printf("%-6s  %-8s  device present (%s) but no backend registered%n", p.deviceType(), "-", p.details());
        }
        return entries.isEmpty() ? 1 : 0;
    }
}
