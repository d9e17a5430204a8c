package org.torch4j.platform;

import java.io.PrintStream;
import java.util.List;

/**
 * A subcommand of the {@code torch4j} program ({@code ./torch4j demo}, {@code ./torch4j onnx test}),
 * contributed by any bundle as an OSGi service with the property {@value #NAME_PROPERTY} (whiteboard
 * pattern). The launcher boots the runtime, finds the service by name and calls {@link #run}.
 */
public interface Command {

    /** The service property holding the subcommand's name, e.g. {@code demo}. */
    String NAME_PROPERTY = "torch4j.command";

    /** One line for {@code torch4j --help}. */
    String description();

    /**
     * Runs the command.
     *
     * @param args the arguments after the subcommand's name
     * @param out  standard output
     * @param err  standard error
     * @return the process exit status: 0 for success, 2 for a usage error
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
