package org.torch4j.commands;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.torch4j.platform.Command;

/** {@code torch4j backends}: the installed compute backends, best first per device type, and unavailable devices. */
@Component(property = Command.NAME_PROPERTY + "=backends")
public final class BackendsCommand implements Command {

    @Override
    public String description() {
        return "list the installed compute backends and devices that cannot be used, with the reason";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return Reports.backends(out);
    }
}
