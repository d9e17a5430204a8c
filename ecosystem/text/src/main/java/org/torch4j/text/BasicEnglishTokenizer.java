package org.torch4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * torchtext's {@code get_tokenizer("basic_english")}: lower case, punctuation split off as its own
 * tokens (apostrophes, periods, commas, parentheses, ! ?), quotes, semicolons, colons and
 * {@code <br />} removed, then split on whitespace.
 */
public final class BasicEnglishTokenizer implements Function<String, List<String>> {

    private static final Pattern[] PATTERNS = {
        Pattern.compile("'"), Pattern.compile("\""), Pattern.compile("\\."), Pattern.compile("<br />"), Pattern.compile(","),
        Pattern.compile("\\("), Pattern.compile("\\)"), Pattern.compile("!"), Pattern.compile("\\?"), Pattern.compile(";"),
        Pattern.compile(":"), Pattern.compile("\\s+")};
    private static final String[] REPLACEMENTS = {" '  ", "", " . ", " ", " , ", " ( ", " ) ", " ! ", " ? ", " ", " ", " "};

    @Override
    public List<String> apply(String line) {
        String s = line.toLowerCase(Locale.ROOT);
        for (int i = 0; i < PATTERNS.length; i++) s = PATTERNS[i].matcher(s).replaceAll(REPLACEMENTS[i]);
        List<String> tokens = new ArrayList<>();
        for (String t : s.trim().split(" ")) if (!t.isEmpty()) tokens.add(t);
        return tokens;
    }
}
