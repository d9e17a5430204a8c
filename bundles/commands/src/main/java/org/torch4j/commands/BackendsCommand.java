package org.torch4j.commands;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.torch4j.platform.Command;
import org.torch4j.spi.BackendRegistry;

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
        if (entries.isEmpty()) {
            out.println("no backends installed");
            return 1;
        }
        out.printf("%-6s  %-8s  %s%n", "device", "ranking", "backend");
        for (BackendRegistry.Entry e : entries) {
            out.printf("%-6s  %-8d  %s%n", e.deviceType(), e.ranking(), e.backend().describe());
        }
        return 0;
    }
}
