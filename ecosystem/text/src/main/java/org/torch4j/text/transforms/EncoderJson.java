package org.torch4j.text.transforms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JSON object of strings to integers, the form of GPT-2's {@code encoder.json}, keeping the file's
 * order. A parser of just that form (the api's JSON reader is private to its bundle): errors name the
 * character offset and what was expected there.
 */
final class EncoderJson {
    private final String text;
    private final Path file;
    private int pos;

    private EncoderJson(String text, Path file) {
        this.text = text;
        this.file = file;
    }

    static Map<String, Integer> read(Path file) throws IOException {
        return new EncoderJson(Files.readString(file, StandardCharsets.UTF_8), file).object();
    }

    private Map<String, Integer> object() throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            pos++;
            return end(out);
        }
        while (true) {
            int at = skipSpace();
            String key = string();
            expect(':');
            skipSpace();
            if (out.put(key, integer()) != null) throw error("duplicate key \"" + key + "\"", at);
            char c = next("',' or '}'");
            if (c == '}') return end(out);
            if (c != ',') throw error("expected ',' or '}'", pos - 1);
        }
    }

    private Map<String, Integer> end(Map<String, Integer> out) throws IOException {
        if (skipSpace() != text.length()) throw error("unexpected content after the object", pos);
        return out;
    }

    private String string() throws IOException {
        if (next("a string") != '"') throw error("expected a string", pos - 1);
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next("the end of the string");
            if (c == '"') return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next("an escape");
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("truncated \\u escape", pos - 2);
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16)); // surrogate pairs arrive as two escapes
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape", pos - 2);
                    }
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e, pos - 2);
            }
        }
    }

    private int integer() throws IOException {
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') pos++;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        try {
            return Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException ex) {
            throw error("expected an integer id", start);
        }
    }

    private void expect(char c) throws IOException {
        skipSpace();
        if (next("'" + c + "'") != c) throw error("expected '" + c + "'", pos - 1);
    }

    private char next(String what) throws IOException {
        if (pos >= text.length()) throw error("unexpected end of file, expected " + what, pos);
        return text.charAt(pos++);
    }

    private char peek() {
        skipSpace();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private int skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) pos++;
        return pos;
    }

    private IOException error(String message, int offset) {
        return new IOException(file + ": " + message + " at character offset " + offset);
    }
}
