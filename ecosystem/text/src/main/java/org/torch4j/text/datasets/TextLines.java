package org.torch4j.text.datasets;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.torch4j.data.Dataset;

/**
 * A text file as a dataset of strings: its lines ({@link #lines}), or its records separated by lines
 * holding only a separator such as {@code %} ({@link #records}). Read as UTF-8, malformed bytes
 * replaced. Immutable, so safe for several loader threads.
 */
public final class TextLines implements Dataset<String> {
    private final List<String> items;

    private TextLines(List<String> items) {
        this.items = List.copyOf(items);
    }

    /** A dataset of the given strings. */
    public static TextLines of(List<String> items) {
        return new TextLines(items);
    }

    /**
     * The lines of {@code file} (without line terminators; a last empty line is not an item).
     *
     * @throws IOException naming the file when it is missing or unreadable
     */
    public static TextLines lines(Path file) throws IOException {
        String text = read(file);
        List<String> out = new ArrayList<>(text.lines().toList());
        return new TextLines(out);
    }

    /**
     * The records of {@code file}: the text between lines equal to {@code separator} (after removing
     * trailing whitespace), stripped of surrounding blank space; empty records are skipped.
     */
    public static TextLines records(Path file, String separator) throws IOException {
        return new TextLines(splitRecords(read(file), separator));
    }

    static List<String> splitRecords(String text, String separator) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.stripTrailing().equals(separator)) {
                add(out, cur);
                cur.setLength(0);
            } else {
                cur.append(line).append('\n');
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) out.add(s);
    }

    static String read(Path file) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "text file not found");
        }
    }

    @Override
    public String get(long index) {
        return items.get(Math.toIntExact(index));
    }

    @Override
    public long size() {
        return items.size();
    }

    /** All items, in order (unmodifiable). */
    public List<String> items() {
        return items;
    }
}
