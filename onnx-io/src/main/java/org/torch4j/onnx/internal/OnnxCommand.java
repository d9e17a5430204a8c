package org.torch4j.onnx.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.torch4j.onnx.ModelSummary;
import org.torch4j.platform.Command;

/** {@code torch4j onnx info FILE...}: what ONNX models hold. */
@Component(property = Command.NAME_PROPERTY + "=onnx")
public final class OnnxCommand implements Command {

    @Override
    public String description() {
        return "ONNX tools: 'onnx info FILE...' summarises models";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help")) {
            out.println("Usage: torch4j onnx info FILE...\n\n  info   print each model's IR version, opsets, inputs, outputs and operators");
            return args.isEmpty() ? 2 : 0;
        }
        if (!args.get(0).equals("info") || args.size() < 2) {
            err.println("torch4j onnx: unknown or incomplete subcommand '" + String.join(" ", args) + "'; see 'torch4j onnx --help'");
            return 2;
        }
        for (String file : args.subList(1, args.size())) {
            ModelSummary s = ModelSummary.read(Path.of(file));
            out.println(file);
            out.println("  ir_version " + s.irVersion() + ", opsets " + s.opsets() + (s.producer().isEmpty() ? "" : ", producer " + s.producer()));
            out.println("  inputs:  " + String.join(", ", s.inputs()));
            out.println("  outputs: " + String.join(", ", s.outputs()));
            out.println("  " + s.initializers() + " initializers; operators " + s.operators());
        }
        return 0;
    }
}
