package org.torch4j.commands;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.torch4j.platform.Command;

/** {@code torch4j info}: versions, threads, SIMD, devices and memory. */
@Component(property = Command.NAME_PROPERTY + "=info")
public final class InfoCommand implements Command {

    @Override
    public String description() {
        return "versions, threads, SIMD, devices and memory";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return Reports.info(out);
    }
}
