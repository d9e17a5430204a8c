package org.torch4j.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand's parsed command line: {@code --name value} options (also {@code --name=value}),
 * {@code --flag} switches and positional arguments. Every problem is a {@link UsageException} that
 * names the option and what was expected.
 */
final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    /**
     * Parses {@code args}; {@code valued} are the options that take a value, {@code switches} those
     * that do not. Unknown options, missing values and repeated options are errors.
     */
    static Args parse(List<String> args, Set<String> valued, Set<String> switches) {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                if (arg.equals("--")) {
                    a.positional.addAll(args.subList(i + 1, args.size()));
                    break;
                }
                if (arg.startsWith("-") && arg.length() > 1) throw new UsageException("unknown option '" + arg + "'");
                a.positional.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (switches.contains(name)) {
                if (eq >= 0) throw new UsageException("option --" + name + " takes no value");
                a.flags.add(name);
            } else if (valued.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
                if (value.isEmpty()) throw new UsageException("option --" + name + " needs a value");
                if (a.options.put(name, value) != null) throw new UsageException("option --" + name + " is given twice");
            } else {
                throw new UsageException("unknown option '--" + name + "'");
            }
        }
        return a;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** A required option. */
    String required(String name) {
        String v = options.get(name);
        if (v == null) throw new UsageException("option --" + name + " is required");
        return v;
    }

    /** An integer option in [min, max]. */
    int integer(String name, int fallback, int min, int max) {
        String v = options.get(name);
        if (v == null) return fallback;
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects an integer, got '" + v + "'");
        }
        if (n < min || n > max) throw new UsageException("option --" + name + " must be between " + min + " and " + max + ", got " + n);
        return n;
    }

    /** A positive finite number. */
    double positive(String name, double fallback) {
        String v = options.get(name);
        if (v == null) return fallback;
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects a number, got '" + v + "'");
        }
        if (!(x > 0) || Double.isInfinite(x)) throw new UsageException("option --" + name + " must be a positive number, got " + v);
        return x;
    }

    /** A path option (not checked for existence). */
    Path path(String name, Path fallback) {
        String v = options.get(name);
        return v == null ? fallback : Path.of(v);
    }

    /** One of {@code allowed}. */
    String choice(String name, String fallback, List<String> allowed) {
        String v = options.getOrDefault(name, fallback);
        if (v != null && !allowed.contains(v)) {
            throw new UsageException("option --" + name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    List<String> positional() {
        return Collections.unmodifiableList(positional);
    }
}
