package org.torch4j.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.torch4j.Device;
import org.torch4j.nn.Module;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.ModelProvider;

/**
 * How to deploy one model: what {@link ModelRegistry#load} needs, and what one Config Admin factory
 * configuration (factory PID {@code org.torch4j.serving.model}) holds, property by property:
 * <ul>
 * <li>{@code name} (required): the name in URLs, letters, digits, {@code . _ -};</li>
 * <li>{@code version} (default {@code 1});</li>
 * <li>{@code path} (required): the model file;</li>
 * <li>{@code format}: {@code onnx} or {@code safetensors} (default from the file's extension);</li>
 * <li>{@code architecture}: for {@code safetensors}, the name of an installed model
 *     ({@code torch4j models} lists them, e.g. {@code lenet5}) whose state dict the file holds;</li>
 * <li>{@code device} (default {@code cpu}), {@code batchSize} (rows per batch, default 8),
 *     {@code maxWaitMs} (default 5), {@code queueCapacity} (default 1024).</li>
 * </ul>
 *
 * @param name          the model's name
 * @param version       its version
 * @param path          the model file
 * @param format        {@code onnx} or {@code safetensors}
 * @param architecture  for safetensors, the installed model to build; otherwise null
 * @param device        where it runs
 * @param batchSize     the most rows in one batch
 * @param maxWait       how long a batch waits for more requests
 * @param queueCapacity how many requests may wait
 */
public record ModelConfig(String name, String version, Path path, String format, String architecture, Device device,
                          int batchSize, Duration maxWait, int queueCapacity) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** Checks every field. */
    public ModelConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(device, "device");
        checkName("name", name);
        checkName("version", version);
        if (!format.equals("onnx") && !format.equals("safetensors")) {
            throw new IllegalArgumentException("model '" + name + "': format must be onnx or safetensors, got '" + format + "'");
        }
        if (format.equals("safetensors") && architecture == null) {
            throw new IllegalArgumentException("model '" + name + "': a safetensors file needs 'architecture', the installed model it holds the weights of");
        }
        if (batchSize < 1) throw new IllegalArgumentException("model '" + name + "': batchSize must be at least 1, got " + batchSize);
        if (queueCapacity < 1) throw new IllegalArgumentException("model '" + name + "': queueCapacity must be at least 1, got " + queueCapacity);
        if (maxWait.isNegative()) throw new IllegalArgumentException("model '" + name + "': maxWaitMs must not be negative");
    }

    static void checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("model " + what + " '" + value + "' must be letters, digits, '.', '_' or '-'");
        }
    }

    /** A file with the defaults: version 1, its format from the extension, the file name without it as the name. */
    public static ModelConfig of(Path file) {
        String base = file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        return fromProperties(Map.of("name", dot > 0 ? base.substring(0, dot) : base, "path", file.toString()));
    }

    /** From configuration properties (Config Admin's, or any map of strings and numbers); see the class comment. */
    public static ModelConfig fromProperties(Map<String, ?> p) {
        String name = string(p, "name", null);
        String pathText = string(p, "path", null);
        if (pathText == null) throw new IllegalArgumentException("model '" + name + "': the property 'path' is required");
        Path path = Path.of(pathText);
        String ext = pathText.toLowerCase(Locale.ROOT).endsWith(".onnx") ? "onnx" : "safetensors";
        return new ModelConfig(name, string(p, "version", "1"), path, string(p, "format", ext).toLowerCase(Locale.ROOT),
                string(p, "architecture", null), Device.of(string(p, "device", "cpu")),
                integer(p, name, "batchSize", 8), Duration.ofMillis(integer(p, name, "maxWaitMs", 5)), integer(p, name, "queueCapacity", 1024));
    }

    private static String string(Map<String, ?> p, String key, String fallback) {
        Object v = p.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().strip();
    }

    private static int integer(Map<String, ?> p, String name, String key, int fallback) {
        String v = string(p, key, null);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model '" + name + "': " + key + " must be an integer, got '" + v + "'");
        }
    }

    /** Reads the model file. */
    public ServableModel loadModel() throws IOException {
        if (!Files.isRegularFile(path)) throw new IOException("model '" + name + "': no such file " + path);
        if (format.equals("onnx")) return ServableModel.onnx(path);
        ModelProvider provider = Catalog.model(architecture).orElseThrow(() -> new IllegalArgumentException(
                "model '" + name + "': no installed model called '" + architecture + "' (torch4j models lists them)"));
        Module module = provider.create(Map.of());
        return ServableModel.of(module, path);
    }

    /** A session for this model with these options (not registered anywhere). */
    public InferenceSession open() throws IOException {
        return InferenceSession.builder(loadModel()).device(device).maxBatchSize(batchSize).maxWait(maxWait)
                .queueCapacity(queueCapacity).name(name + "-" + version).build();
    }
}
