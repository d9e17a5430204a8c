package org.torch4j.serving;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Deploys a model for every {@code *.cfg} file dropped into a folder, for runtimes without Felix
 * FileInstall (the plain-Java application, {@code torch4j serve --config-dir}). A file holds the
 * properties of one {@link ModelConfig} in {@link Properties} form ({@code path=/models/mnist.onnx},
 * {@code batchSize=16}; a relative path is read from the folder); {@code name} defaults to the file
 * name without {@code .cfg} (and without FileInstall's {@code org.torch4j.serving.model-} prefix). Changing a file
 * reloads its model, deleting it unloads the model. The same file, named
 * {@code org.torch4j.serving.model-NAME.cfg}, is a factory configuration for Karaf's {@code etc/}.
 */
public final class ModelFolder implements AutoCloseable {

    /** FileInstall's file name prefix for factory configurations of models, dropped from default names. */
    private static final String FACTORY_PREFIX = "org.torch4j.serving.model-";

    private final Path dir;
    private final ModelRegistry registry;
    private final Consumer<String> log;
    private final WatchService watcher;
    private final Map<Path, ModelConfig> deployed = new HashMap<>();
    private final Thread thread;

    private ModelFolder(Path dir, ModelRegistry registry, Consumer<String> log) throws IOException {
        this.dir = dir;
        this.registry = registry;
        this.log = log;
        watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(ModelFolder::isConfig).sorted().toList()) deploy(f);
        }
        thread = new Thread(this::watch, "torch4j-serving-folder");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Deploys the folder's {@code *.cfg} files into {@code registry} now and watches for changes;
     * {@code log} receives one line per deployment and per file that deploys nothing (with why).
     */
    public static ModelFolder watch(Path dir, ModelRegistry registry, Consumer<String> log) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("no such folder " + dir);
        return new ModelFolder(dir, registry, log);
    }

    private static boolean isConfig(Path p) {
        return p.getFileName().toString().endsWith(".cfg");
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                // writing a file is a create and one or more modifies: settle, then act once per file
                Thread.sleep(100);
                Map<Path, WatchEvent.Kind<?>> last = new LinkedHashMap<>();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name && isConfig(name)) last.put(dir.resolve(name), event.kind());
                }
                last.forEach((file, kind) -> {
                    if (kind == StandardWatchEventKinds.ENTRY_DELETE) undeploy(file);
                    else deploy(file);
                });
                if (!key.reset()) return;
            }
        } catch (InterruptedException | ClosedWatchServiceException stop) {
            // close() ends the watch
        }
    }

    private synchronized void deploy(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            log.accept(file.getFileName() + ": " + e.getMessage());
            return;
        }
        Map<String, Object> props = new HashMap<>();
        p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k)));
        String base = file.getFileName().toString().replaceFirst("\\.cfg$", "");
        props.putIfAbsent("name", base.startsWith(FACTORY_PREFIX) ? base.substring(FACTORY_PREFIX.length()) : base);
        try {
            ModelConfig config = ModelConfig.fromProperties(props);
            if (!config.path().isAbsolute()) {
                config = ModelConfig.fromProperties(withPath(props, dir.resolve(config.path())));
            }
            registry.load(config);
            ModelConfig old = deployed.put(file, config);
            if (old != null && !(old.name().equals(config.name()) && old.version().equals(config.version()))) {
                registry.unload(old.name(), old.version());
            }
            log.accept(file.getFileName() + ": deployed model '" + config.name() + "' version " + config.version());
        } catch (IOException | RuntimeException e) {
            log.accept(file.getFileName() + ": deployed nothing: " + e.getMessage());
        }
    }

    private static Map<String, Object> withPath(Map<String, Object> props, Path path) {
        Map<String, Object> m = new HashMap<>(props);
        m.put("path", path.toString());
        return m;
    }

    private synchronized void undeploy(Path file) {
        ModelConfig old = deployed.remove(file);
        if (old != null && registry.unload(old.name(), old.version())) {
            log.accept(file.getFileName() + ": unloaded model '" + old.name() + "' version " + old.version());
        }
    }

    /** The files deployed now, with what they deployed. */
    public synchronized Map<Path, ModelConfig> deployed() {
        return Map.copyOf(deployed);
    }

    /** Stops watching; the models stay deployed. */
    @Override
    public void close() throws IOException {
        watcher.close();
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
