package org.torch4j.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The {@code torch4j} program: boots the Felix runtime assembled in {@code target/torch4j} (the
 * bundles in {@code bundle/}, plus the Gogo shell in {@code shell/} for {@code torch4j shell}), then
 * runs the subcommand that some bundle contributed as an {@code org.torch4j.platform.Command} service.
 */
public final class Launcher {

    private static final String COMMAND_CLASS = "org.torch4j.platform.Command";
    private static final String NAME_PROPERTY = "torch4j.command";
    /** Subcommands the launcher or the shell script handles themselves. */
    private static final Map<String, String> BUILT_IN = Map.of(
            "shell", "open the Gogo shell of the runtime (type 'help' for commands, 'stop 0' to leave)",
            "test", "install what the tests need, build, and run every unit and integration test (handled by ./torch4j)");

    private Launcher() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(List.of(args), System.out, System.err);
        } catch (Exception e) {
            System.err.println("torch4j: " + e);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String name = args.isEmpty() ? "--help" : args.get(0);
        boolean help = name.equals("--help") || name.equals("-h") || name.equals("help");
        boolean shell = name.equals("shell");
        if (name.startsWith("-") && !help) {
            err.println("torch4j: unknown option '" + name + "'. Run 'torch4j --help' for the subcommands.");
            return 2;
        }
        Path home = home();
        Path storage = Files.createTempDirectory("torch4j-felix");
        Framework framework = start(home, storage, shell, err);
        try {
            BundleContext context = framework.getBundleContext();
            if (shell) {
                framework.waitForStop(0);
                return 0;
            }
            if (help) {
                printHelp(context, out);
                return 0;
            }
            ServiceReference<?> ref = findCommand(context, name);
            if (ref == null) {
                err.println("torch4j: unknown subcommand '" + name + "'.");
                printHelp(context, err);
                return 2;
            }
            return invoke(context, ref, args.subList(1, args.size()), out, err);
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
            deleteTree(storage);
        }
    }

    /** The runtime folder: {@code -Dtorch4j.home}, else the parent of the folder holding this jar. */
    static Path home() throws Exception {
        String prop = System.getProperty("torch4j.home");
        if (prop != null) return Path.of(prop);
        Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent();
    }

    private static Framework start(Path home, Path storage, boolean shell, PrintStream err) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.log.level", "1");
        config.put("torch4j.home", home.toString());
        // the JDK's HTTP server, for the serving bundle's endpoint: Felix 7 finds it among the boot layer's
        // modules by itself (felix.detect.jpms), but its fixed JRE package lists, used without that, omit it
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "com.sun.net.httpserver");
        if (shell) config.put("gosh.args", "--noshutdown");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the launcher's class path"));
        Framework framework = factory.newFramework(config);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        installAll(context, home.resolve("bundle"), installed, err);
        if (shell) installAll(context, home.resolve("shell"), installed, err);
        framework.start();
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) continue;
            try {
                b.start();
            } catch (BundleException e) {
                err.println("torch4j: bundle " + b.getSymbolicName() + " did not start: " + e.getMessage());
            }
        }
        return framework;
    }

    private static void installAll(BundleContext context, Path dir, List<Bundle> installed, PrintStream err)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("runtime folder missing: " + dir + " (rebuild with ./torch4j)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try {
                    installed.add(context.installBundle(jar.toUri().toString()));
                } catch (BundleException e) {
                    err.println("torch4j: cannot install " + jar.getFileName() + ": " + e.getMessage());
                }
            }
        }
    }

    private static ServiceReference<?> findCommand(BundleContext context, String name) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences(COMMAND_CLASS, "(" + NAME_PROPERTY + "=" + name + ")");
        if (refs == null || refs.length == 0) return null;
        return refs[0];
    }

    private static int invoke(BundleContext context, ServiceReference<?> ref, List<String> args,
                              PrintStream out, PrintStream err) throws Exception {
        Object command = context.getService(ref);
        try {
            // The Command interface lives in the api bundle, so it is called through its own class.
            Class<?> type = ref.getBundle().loadClass(COMMAND_CLASS);
            Method run = type.getMethod("run", List.class, PrintStream.class, PrintStream.class);
            return (Integer) run.invoke(command, List.copyOf(args), out, err);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            err.println("torch4j: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
            if (Boolean.getBoolean("torch4j.debug")) cause.printStackTrace(err);
            return 1;
        } finally {
            context.ungetService(ref);
        }
    }

    private static void printHelp(BundleContext context, PrintStream out) throws Exception {
        Map<String, String> commands = new TreeMap<>(BUILT_IN);
        ServiceReference<?>[] refs = context.getServiceReferences(COMMAND_CLASS, null);
        if (refs != null) {
            for (ServiceReference<?> ref : refs) {
                Object name = ref.getProperty(NAME_PROPERTY);
                if (name == null) continue;
                Object command = context.getService(ref);
                try {
                    Method description = ref.getBundle().loadClass(COMMAND_CLASS).getMethod("description");
                    commands.putIfAbsent(name.toString(), (String) description.invoke(command));
                } finally {
                    context.ungetService(ref);
                }
            }
        }
        out.println("Usage: torch4j <subcommand> [arguments]");
        out.println();
        out.println("Subcommands:");
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(8);
        commands.forEach((name, text) -> out.printf("  %-" + width + "s  %s%n", name, text));
        out.println();
        out.println("Run 'torch4j <subcommand> --help' for a subcommand's options.");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
