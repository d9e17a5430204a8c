package org.torch4j.commands;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.torch4j.platform.Command;

/** {@code torch4j models}: list the models installed bundles contribute. */
@Component(property = Command.NAME_PROPERTY + "=models")
public final class ModelsCommand implements Command {

    @Override
    public String description() {
        return "list the models installed bundles contribute";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return Reports.models(out);
    }
}
