package org.torch4j.onnx.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.torch4j.onnx.ConformanceRunner;
import org.torch4j.onnx.ModelSummary;
import org.torch4j.platform.Command;

/** {@code torch4j onnx info FILE...} and {@code torch4j onnx test [options] DIR...}. */
@Component(property = Command.NAME_PROPERTY + "=onnx")
public final class OnnxCommand implements Command {

    private static final String USAGE = """
            Usage: torch4j onnx info FILE...
                   torch4j onnx test [--rtol R] [--atol A] [--filter REGEX] [--coverage FILE] DIR...

              info   print each model's IR version, opsets, inputs, outputs and operators
              test   run ONNX backend test cases: DIR is a case folder (model.onnx and
                     test_data_set_N/) or a folder of them; prints PASS, FAIL or SKIP per case
                     and 'N passed, M failed, K skipped'; exits 1 when a case fails

            Options of test:
              --rtol R         relative tolerance for floating-point outputs (default 1e-3)
              --atol A         absolute tolerance for floating-point outputs (default 1e-5);
                               a value passes when |actual - expected| <= atol + rtol * |expected|,
                               integers and booleans must be equal, NaN equals NaN
              --filter REGEX   run only the cases whose name matches REGEX (found anywhere in it)
              --coverage FILE  also write a Markdown table of passed/present cases per operator""";

    @Override
    public String description() {
        return "ONNX tools: 'onnx info FILE...' summarises models, 'onnx test DIR...' runs ONNX backend tests";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        return switch (args.get(0)) {
            case "info" -> info(args.subList(1, args.size()), out, err);
            case "test" -> test(args.subList(1, args.size()), out, err);
            default -> {
                err.println("torch4j onnx: unknown subcommand '" + args.get(0) + "'; see 'torch4j onnx --help'");
                yield 2;
            }
        };
    }

    private static int info(List<String> files, PrintStream out, PrintStream err) throws Exception {
        if (files.isEmpty()) {
            err.println("torch4j onnx info: no FILE given; see 'torch4j onnx --help'");
            return 2;
        }
        for (String file : files) {
            ModelSummary s = ModelSummary.read(Path.of(file));
            out.println(file);
            out.println("  ir_version " + s.irVersion() + ", opsets " + s.opsets() + (s.producer().isEmpty() ? "" : ", producer " + s.producer()));
            out.println("  inputs:  " + String.join(", ", s.inputs()));
            out.println("  outputs: " + String.join(", ", s.outputs()));
            out.println("  " + s.initializers() + " initializers; operators " + s.operators());
        }
        return 0;
    }

    private static int test(List<String> args, PrintStream out, PrintStream err) throws Exception {
        ConformanceRunner.Options o = ConformanceRunner.Options.defaults();
        double rtol = o.rtol(), atol = o.atol();
        Pattern filter = null;
        Path coverage = null;
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (a.startsWith("--")) {
                if (i + 1 >= args.size()) {
                    err.println("torch4j onnx test: " + a + " needs a value; see 'torch4j onnx --help'");
                    return 2;
                }
                String v = args.get(++i);
                try {
                    switch (a) {
                        case "--rtol" -> rtol = Double.parseDouble(v);
                        case "--atol" -> atol = Double.parseDouble(v);
                        case "--filter" -> filter = Pattern.compile(v);
                        case "--coverage" -> coverage = Path.of(v);
                        default -> {
                            err.println("torch4j onnx test: unknown option " + a + "; see 'torch4j onnx --help'");
                            return 2;
                        }
                    }
                } catch (IllegalArgumentException e) {
                    err.println("torch4j onnx test: bad value for " + a + ": " + e.getMessage());
                    return 2;
                }
            } else {
                dirs.add(Path.of(a));
            }
        }
        if (dirs.isEmpty()) {
            err.println("torch4j onnx test: no DIR given; see 'torch4j onnx --help'");
            return 2;
        }
        ConformanceRunner.Summary s = new ConformanceRunner(new ConformanceRunner.Options(rtol, atol, filter, coverage)).run(dirs, out);
        return s.count(ConformanceRunner.Status.FAIL) == 0 ? 0 : 1;
    }
}
