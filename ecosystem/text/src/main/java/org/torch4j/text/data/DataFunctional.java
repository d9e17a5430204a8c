package org.torch4j.text.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.torch4j.text.SentencePiece;
import org.torch4j.text.internal.PyStrings;

/**
 * {@code torchtext.data.functional}: per-line text transforms ({@code custom_replace}, {@code simple_space_split},
 * {@code numericalize_tokens_from_iterator}, the sentencepiece tokenizer and numericalizer) and
 * {@code filter_wikipedia_xml}. torchtext returns generators over an iterator of lines; here each function handles
 * one line (map a stream or list with it), except the Wikipedia filter, which drops lines.
 */
public final class DataFunctional {
    private DataFunctional() {}

    /**
     * {@code custom_replace(replace_pattern)}: every (pattern, replacement) pair applied in order, each to all its
     * matches. The patterns are Java regular expressions (Python's syntax for the common constructs); replacements
     * use Python's group references ({@code \1}, {@code \g<name>}) and escapes ({@code \n}, {@code \t}, {@code \\}),
     * anything else literally.
     */
    public static UnaryOperator<String> customReplace(List<? extends List<String>> replacePattern) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        for (List<String> pair : replacePattern) {
            if (pair.size() != 2) throw new IllegalArgumentException("each replacement is (pattern, replacement), got " + pair);
            patterns.add(Pattern.compile(pair.get(0), Pattern.UNICODE_CHARACTER_CLASS)); // Python's \w, \s and \d are Unicode
            replacements.add(javaReplacement(pair.get(1)));
        }
        return line -> {
            for (int i = 0; i < patterns.size(); i++) line = patterns.get(i).matcher(line).replaceAll(replacements.get(i));
            return line;
        };
    }

    /** A Python {@code re.sub} replacement as a Java one: {@code \1} and {@code \g<...>} to groups, escapes resolved. */
    static String javaReplacement(String python) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < python.length(); i++) {
            char c = python.charAt(i);
            if (c == '\\' && i + 1 < python.length()) {
                char n = python.charAt(++i);
                if (Character.isDigit(n)) {
                    out.append('$').append(n);
                } else if (n == 'g' && i + 1 < python.length() && python.charAt(i + 1) == '<') {
                    int end = python.indexOf('>', i);
                    String name = python.substring(i + 2, end);
                    out.append(name.chars().allMatch(Character::isDigit) ? "$" + name : "${" + name + "}");
                    i = end;
                } else {
                    out.append(switch (n) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case 'r' -> "\r";
                        case '\\' -> "\\\\";
                        default -> Matcher.quoteReplacement("\\" + n);
                    });
                }
            } else {
                out.append(Matcher.quoteReplacement(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    /** {@code simple_space_split}: Python's {@code str.split()} (runs of whitespace, no empty tokens). */
    public static List<String> simpleSpaceSplit(String line) {
        return PyStrings.split(line);
    }

    /**
     * {@code numericalize_tokens_from_iterator(vocab, ...)}: the ids of {@code tokens}, leaving out
     * {@code removedTokens} (null for none).
     *
     * @throws IllegalArgumentException for a token {@code vocab} lacks (Python's KeyError)
     */
    public static List<Integer> numericalizeTokens(Map<String, Integer> vocab, List<String> tokens, Set<String> removedTokens) {
        List<Integer> ids = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            if (removedTokens != null && removedTokens.contains(t)) continue;
            Integer id = vocab.get(t);
            if (id == null) throw new IllegalArgumentException("token '" + t + "' is not in the vocabulary");
            ids.add(id);
        }
        return ids;
    }

    /** {@code sentencepiece_tokenizer(sp_model)}: a line to its pieces. */
    public static List<String> sentencepieceTokenizer(SentencePiece model, String line) {
        return model.encodeAsPieces(line);
    }

    /** {@code sentencepiece_numericalizer(sp_model)}: a line to its ids. */
    public static List<Integer> sentencepieceNumericalizer(SentencePiece model, String line) {
        return model.encodeAsIds(line);
    }

    /** fastText's {@code wikifil.pl} rules as torchtext's {@code _patterns} (Python's replacements, so "$1" is literal). */
    private static final UnaryOperator<String> WIKI = wikiRules();

    private static UnaryOperator<String> wikiRules() {
        List<List<String>> rules = new ArrayList<>(List.of(
                List.of("<.*>", ""), List.of("&amp;", "&"), List.of("&lt;", "<"), List.of("&gt;", ">"),
                List.of("<ref[^<]*</ref>", ""), List.of("<[^>]*>", ""), List.of("\\[http:[^\\] ]*", "["),
                List.of("\\|thumb", ""), List.of("\\|left", ""), List.of("\\|right", ""), List.of("\\|\\d+px", ""),
                List.of("\\[\\[image:[^\\[\\]]*\\|", ""), List.of("\\[\\[category:([^|\\]]*)[^\\]]*\\]\\]", "[[$1]]"),
                List.of("\\[\\[[a-z\\-]*:[^\\]]*\\]\\]", ""), List.of("\\[\\[[^\\|\\]]*\\|", "[["), List.of("\\{\\{[^\\}]*\\}\\}", ""),
                List.of("\\{[^\\}]*\\}", ""), List.of("\\[", ""), List.of("\\]", ""), List.of("&[^;]*;", " ")));
        for (char c = 'A'; c <= 'Z'; c++) rules.add(List.of(String.valueOf(c), String.valueOf(Character.toLowerCase(c))));
        String[] digits = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        for (int d = 0; d <= 9; d++) rules.add(List.of(String.valueOf(d), " " + digits[d] + " "));
        rules.addAll(List.of(List.of("[^a-z\\n]+", " "), List.of("\\n ", ""), List.of("\\s+", " "), List.of("\\n\\s*\\n", "\\n")));
        return customReplace(rules);
    }

    /**
     * {@code filter_wikipedia_xml(lines)}: Wikipedia XML dump lines reduced to lower-case words as fastText's
     * {@code wikifil.pl} does (markup, links, references and numbers spelled out), redirect lines and lines left
     * empty dropped.
     */
    public static Stream<String> filterWikipediaXml(Stream<String> lines) {
        return lines.filter(l -> !l.contains("#redirect") && !l.contains("#REDIRECT")).map(l -> PyStrings.strip(WIKI.apply(l)))
                .filter(l -> !l.isEmpty());
    }
}
