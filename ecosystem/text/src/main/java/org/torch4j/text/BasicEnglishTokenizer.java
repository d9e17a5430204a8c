package org.torch4j.text;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.torch4j.text.internal.PyStrings;

/**
 * torchtext's {@code get_tokenizer("basic_english")}: lower case (Unicode, as Python's
 * {@code str.lower()}), punctuation split off as its own tokens (apostrophes, periods, commas,
 * parentheses, ! ?), quotes, semicolons, colons and {@code <br />} removed, then split on whitespace
 * (Unicode whitespace, as Python's {@code str.split()}).
 */
public final class BasicEnglishTokenizer implements Function<String, List<String>> {

    private static final String[] PATTERNS = {"'", "\"", ".", "<br />", ",", "(", ")", "!", "?", ";", ":"};
    private static final String[] REPLACEMENTS = {" '  ", "", " . ", " ", " , ", " ( ", " ) ", " ! ", " ? ", " ", " "};

    /** The tokenizer (stateless; one instance may be shared between threads). */
    public BasicEnglishTokenizer() {}

    /** The tokens of {@code line}. */
    @Override
    public List<String> apply(String line) {
        String s = line.toLowerCase(Locale.ROOT);
        for (int i = 0; i < PATTERNS.length; i++) s = s.replace(PATTERNS[i], REPLACEMENTS[i]);
        return PyStrings.split(s);
    }
}
