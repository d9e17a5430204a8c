package org.torch4j.serving.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.osgi.service.component.annotations.Component;
import org.torch4j.platform.Command;
import org.torch4j.serving.InferenceServer;
import org.torch4j.serving.ModelConfig;
import org.torch4j.serving.ModelFolder;
import org.torch4j.serving.ModelRegistry;

/** {@code torch4j serve [options] FILE...}: serves model files over HTTP until Ctrl-C. */
@Component(property = Command.NAME_PROPERTY + "=serve")
public final class ServeCommand implements Command {

    static final String USAGE = """
            Usage: torch4j serve [--port N] [--host H] [--batch-size N] [--max-wait-ms N] [--device D]
                                 [--architecture NAME] [--config-dir DIR] [NAME=]FILE...

              FILE                 an ONNX model (.onnx), or a safetensors state dict of an installed model
                                   (--architecture); served as POST /predictions/NAME, NAME defaulting to
                                   the file name without its extension
              --port N             the port (default 8080; 0 picks a free one)
              --host H             the interface to listen on (default 127.0.0.1; 0.0.0.0 for all)
              --batch-size N       the most rows one forward pass takes (default 8; 1 turns batching off)
              --max-wait-ms N      how long a request waits for others to batch with (default 5)
              --device D           cpu or cuda (default cpu)
              --architecture NAME  for safetensors files: the installed model they hold (torch4j models)
              --config-dir DIR     also deploy a model per DIR/*.cfg file (name, version, path, format,
                                   architecture, device, batchSize, maxWaitMs, queueCapacity), and
                                   reload or unload it when the file changes or goes

            Routes: GET /ping, GET /models, GET /metrics, POST /predictions/NAME[/VERSION]
            with a body {"inputs": {"input": {"shape": [1, 4], "dtype": "float32", "data": [...]}}}.
            Ctrl-C stops the server.""";

    @Override
    public String description() {
        return "serve model files over HTTP (TorchServe's routes) with dynamic batching: 'serve --port 8080 model.onnx'";
    }

    /** A running server and its models. */
    record Running(ModelRegistry registry, InferenceServer server, ModelFolder folder) implements AutoCloseable {
        @Override
        public void close() {
            try {
                if (folder != null) folder.close();
            } catch (IOException ignored) {
                // the watcher is stopping with the process anyway
            }
            server.close();
            registry.close();
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Running running;
        try {
            running = start(args, out);
        } catch (IllegalArgumentException e) {
            err.println("torch4j serve: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("torch4j serve: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "torch4j-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Ctrl-C stops the server.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** Parses {@code args}, loads the models and starts the server; prints the URLs. */
    static Running start(List<String> args, PrintStream out) throws IOException {
        Map<String, String> options = new HashMap<>(Map.of("port", "8080", "host", "127.0.0.1", "batch-size", "8",
                "max-wait-ms", "5", "device", "cpu"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                files.add(a);
                continue;
            }
            String name = a.substring(2);
            if (!options.containsKey(name) && !name.equals("architecture") && !name.equals("config-dir")) throw new IllegalArgumentException("unknown option '" + a + "'");
            if (i + 1 >= args.size()) throw new IllegalArgumentException("option " + a + " needs a value");
            options.put(name, args.get(++i));
        }
        if (files.isEmpty() && !options.containsKey("config-dir")) throw new IllegalArgumentException("give at least one model FILE or --config-dir");
        int port = integer(options, "port");
        ModelRegistry registry = new ModelRegistry();
        try {
            for (String f : files) {
                int eq = f.indexOf('=');
                Path path = Path.of(eq > 0 ? f.substring(eq + 1) : f);
                ModelConfig defaults = ModelConfig.of(path);
                Map<String, String> p = new HashMap<>();
                p.put("name", eq > 0 ? f.substring(0, eq) : defaults.name());
                p.put("path", path.toString());
                p.put("device", options.get("device"));
                p.put("batchSize", String.valueOf(integer(options, "batch-size")));
                p.put("maxWaitMs", String.valueOf(integer(options, "max-wait-ms")));
                if (options.containsKey("architecture")) p.put("architecture", options.get("architecture"));
                registry.load(ModelConfig.fromProperties(p));
            }
            InferenceServer server = InferenceServer.start(registry, new InetSocketAddress(options.get("host"), port));
            ModelFolder folder;
            try {
                folder = options.containsKey("config-dir")
                        ? ModelFolder.watch(Path.of(options.get("config-dir")), registry, line -> out.println("torch4j serve: " + line)) : null;
            } catch (IOException e) {
                server.close();
                throw e;
            }
            for (ModelRegistry.Entry e : registry.entries()) {
                out.println("torch4j serve: model '" + e.name() + "' (inputs " + e.session().inputNames() + ") at "
                        + server.uri().resolve("predictions/" + e.name()));
            }
            out.println("torch4j serve: listening on " + server.uri() + " (GET /ping, /models, /metrics)");
            return new Running(registry, server, folder);
        } catch (IOException | RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    private static int integer(Map<String, String> options, String name) {
        try {
            return Integer.parseInt(options.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " needs an integer, got '" + options.get(name) + "'");
        }
    }
}
