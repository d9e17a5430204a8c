package org.torch4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * torchtext's {@code transforms.RegexTokenizer(patterns_list)}: each (pattern, replacement) pair is
 * applied in order to the whole line (every match replaced; {@code \1}..{@code \9} and {@code \0} in a
 * replacement refer to groups, as RE2's GlobalReplace), then the line is split on single spaces,
 * dropping empty tokens. To split on a pattern give it with the replacement {@code " "}.
 *
 * <p>The patterns are compiled by {@link java.util.regex.Pattern}; torchtext uses RE2, which accepts
 * the same syntax for ordinary patterns (no lookaround, no backreferences in patterns); {@code \w},
 * {@code \d}, {@code \s} are ASCII-only in both (Java's {@code \s} also matches {@code \x0B}, RE2's
 * does not). Unlike {@link BasicEnglishTokenizer} there is no lower-casing.
 */
public final class RegexTokenizer implements Function<String, List<String>> {
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<String> replacements = new ArrayList<>();

    /**
     * A tokenizer from (pattern, replacement) pairs, applied in order.
     *
     * @param patternsList the pairs, e.g. {@code List.of(Map.entry("[,._+ ]+", " "))}
     */
    public RegexTokenizer(List<? extends Map.Entry<String, String>> patternsList) {
        for (Map.Entry<String, String> e : patternsList) {
            patterns.add(Pattern.compile(e.getKey()));
            replacements.add(toJavaReplacement(e.getValue()));
        }
    }

    /** RE2's rewrite string ({@code \N} groups, {@code \\} a backslash) as a Java replacement. */
    static String toJavaReplacement(String re2) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < re2.length(); i++) {
            char c = re2.charAt(i);
            if (c == '\\' && i + 1 < re2.length()) {
                char n = re2.charAt(++i);
                if (n >= '0' && n <= '9') sb.append('$').append(n);
                else if (n == '\\') sb.append("\\\\");
                else throw new IllegalArgumentException("invalid rewrite pattern: " + re2);
            } else if (c == '$') {
                sb.append("\\$");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The tokens of {@code line}. */
    @Override
    public List<String> apply(String line) {
        String s = line;
        for (int i = 0; i < patterns.size(); i++) {
            Matcher m = patterns.get(i).matcher(s);
            s = m.replaceAll(replacements.get(i));
        }
        List<String> tokens = new ArrayList<>();
        for (String t : s.split(" ", -1)) if (!t.isEmpty()) tokens.add(t);
        return tokens;
    }
}
