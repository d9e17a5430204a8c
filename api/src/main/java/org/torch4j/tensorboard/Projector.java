package org.torch4j.tensorboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.internal.PyFormat;

/**
 * TensorBoard's embedding projector files as PyTorch's {@code add_embedding} writes them: per embedding a folder
 * {@code <step, 5 digits>/<tag, '/' as %2f>} with {@code tensors.tsv}, {@code metadata.tsv} and {@code sprite.png},
 * and in the log directory {@code projector_config.pbtxt} listing every embedding added so far.
 */
final class Projector {
    private final List<String> embeddings = new ArrayList<>();

    /** Writes one embedding's files and rewrites the projector config. */
    void add(Path logDir, Tensor mat, List<?> metadata, List<?> metadataHeader, Tensor labelImages, long step, String tag) {
        if (mat.dim() != 2) throw new IllegalArgumentException("mat should be 2D, where mat.size(0) is the number of data points");
        long n = mat.shape()[0];
        if (metadata != null && metadata.size() != n) throw new IllegalArgumentException("#labels should equal with #data points");
        if (labelImages != null && labelImages.shape()[0] != n) throw new IllegalArgumentException("#images should equal with #data points");
        String subdir = String.format("%05d", step) + "/" + tag.replace("%", "%25").replace("/", "%2f").replace("\\", "%5c");
        Path dir = logDir.resolve(subdir);
        try {
            Files.createDirectories(dir);
            if (metadata != null) Files.writeString(dir.resolve("metadata.tsv"), tsv(metadata, metadataHeader), StandardCharsets.UTF_8);
            if (labelImages != null) Files.write(dir.resolve("sprite.png"), sprite(labelImages));
            Files.writeString(dir.resolve("tensors.tsv"), matrix(mat), StandardCharsets.UTF_8);
            StringBuilder info = new StringBuilder("embeddings {\n");
            info.append("  tensor_name: ").append(quoted(tag + ":" + String.format("%05d", step))).append('\n');
            if (metadata != null) info.append("  metadata_path: ").append(quoted(subdir + "/metadata.tsv")).append('\n');
            if (labelImages != null) {
                info.append("  sprite {\n    image_path: ").append(quoted(subdir + "/sprite.png")).append('\n')
                        .append("    single_image_dim: ").append(labelImages.shape()[3]).append('\n')
                        .append("    single_image_dim: ").append(labelImages.shape()[2]).append("\n  }\n");
            }
            info.append("  tensor_path: ").append(quoted(subdir + "/tensors.tsv")).append("\n}\n");
            embeddings.add(info.toString());
            Files.writeString(logDir.resolve("projector_config.pbtxt"), String.join("", embeddings), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding " + tag + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One row per data point, values as Python prints them ({@code str(x.item())}), tab-separated. */
    private static String matrix(Tensor mat) {
        int rows = (int) mat.shape()[0], cols = (int) mat.shape()[1];
        StringBuilder sb = new StringBuilder();
        Tensor m = mat.detach().contiguous();
        double[] d = m.isFloatingPoint() ? m.to(DType.FLOAT64).toDoubleArray() : null;
        long[] l = d == null && m.dtype() != DType.BOOL ? m.toLongArray() : null;
        long[] b = d == null && l == null ? m.to(DType.INT64).toLongArray() : null;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                if (c > 0) sb.append('\t');
                sb.append(d != null ? PyFormat.repr(d[i]) : l != null ? Long.toString(l[i]) : b[i] != 0 ? "True" : "False");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Labels one per line, or with a header, rows of tab-separated columns. */
    private static String tsv(List<?> metadata, List<?> header) {
        StringBuilder sb = new StringBuilder();
        if (header == null) {
            for (Object m : metadata) sb.append(str(m)).append('\n');
            return sb.toString();
        }
        if (metadata.isEmpty() || !(metadata.get(0) instanceof List<?> first) || first.size() != header.size()) {
            throw new IllegalArgumentException("len of header must be equal to the number of columns in metadata");
        }
        List<Object> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(metadata);
        for (Object line : lines) {
            List<String> cells = new ArrayList<>();
            for (Object cell : (List<?>) line) cells.add(str(cell));
            sb.append(String.join("\t", cells)).append('\n');
        }
        return sb.toString();
    }

    /** Python's {@code str}: numbers as Python prints them, booleans True/False, null None. */
    private static String str(Object o) {
        if (o == null) return "None";
        if (o instanceof Boolean b) return b ? "True" : "False";
        if (o instanceof Double || o instanceof Float) return PyFormat.repr(((Number) o).doubleValue());
        return o.toString();
    }

    /**
     * The sprite: the label images tiled {@code ceil(sqrt(N))} to a row (one channel repeated to three) on a square
     * black canvas as wide as the rows, values times 255 clipped to [0, 255] and truncated.
     */
    private static byte[] sprite(Tensor images) {
        long[] s = images.shape();
        if (s.length != 4 || (s[1] != 1 && s[1] != 3)) {
            throw new IllegalArgumentException("label images must be N x C x H x W with 1 or 3 channels, got " + java.util.Arrays.toString(s));
        }
        int n = (int) s[0], c = (int) s[1], h = (int) s[2], w = (int) s[3];
        int cols = Math.min(n, (int) Math.ceil(Math.sqrt(n))), rows = (n + cols - 1) / cols;
        int side = w * cols;
        if (h * rows > side) throw new IllegalArgumentException("the sprite of " + n + " images of " + h + " x " + w + " is taller than wide");
        double[] v = images.detach().to(DType.FLOAT64).contiguous().toDoubleArray();
        byte[] px = Images.tile(v, n, c, h, w, cols, side, side, x -> (byte) (int) Math.max(0, Math.min(255, x * 255)));
        return Png.encode(px, side, side, 3);
    }

    /** A string in protobuf's text format: quoted, with quotes, backslashes and control characters escaped. */
    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7F) sb.append(String.format("\\%03o", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }
}
