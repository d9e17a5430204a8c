package org.torch4j.commands;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.torch4j.platform.Command;

/** {@code torch4j devices}: list devices and whether they can be used. */
@Component(property = Command.NAME_PROPERTY + "=devices")
public final class DevicesCommand implements Command {

    @Override
    public String description() {
        return "list devices and whether they can be used";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return Reports.devices(out);
    }
}
