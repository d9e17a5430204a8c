package org.torch4j.text;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** torchtext's {@code torchtext.data.utils}: {@code get_tokenizer} and {@code ngrams_iterator}. */
public final class Tokenizers {
    private Tokenizers() {}

    /**
     * {@code get_tokenizer(name)}: {@code null} or {@code "split"} for {@link WhitespaceTokenizer},
     * {@code "basic_english"} for {@link BasicEnglishTokenizer}, {@code "chars"} for
     * {@link CharacterTokenizer}. Python-only tokenizers (spacy, moses, toktok, revtok, subword) are
     * not available.
     *
     * @throws IllegalArgumentException for another name
     */
    public static Function<String, List<String>> getTokenizer(String name) {
        if (name == null || name.equals("split")) return new WhitespaceTokenizer();
        return switch (name) {
            case "basic_english" -> new BasicEnglishTokenizer();
            case "chars" -> new CharacterTokenizer();
            default -> throw new IllegalArgumentException("Requested tokenizer " + name
                    + ", valid choices are a callable that takes a single string as input, \"revtok\" for the revtok reversible"
                    + " tokenizer, \"subword\" for the revtok caps-aware tokenizer, \"spacy\" for the SpaCy English tokenizer, or"
                    + " \"moses\" for the NLTK port of the Moses tokenization script. (torch4j has: split, basic_english, chars)");
        };
    }

    /**
     * {@code ngrams_iterator(token_list, ngrams)}: the tokens, then for n = 2..ngrams every run of n
     * consecutive tokens joined by a space.
     */
    public static Iterator<String> ngramsIterator(List<String> tokens, int ngrams) {
        List<String> copy = List.copyOf(tokens);
        return new Iterator<>() {
            int n = 1, i = 0;  // the next n-gram starts at token i

            @Override
            public boolean hasNext() {
                while (n <= Math.max(1, ngrams) && i + n > copy.size()) {
                    n++;
                    i = 0;
                }
                return n <= Math.max(1, ngrams);
            }

            @Override
            public String next() {
                if (!hasNext()) throw new NoSuchElementException();
                return String.join(" ", copy.subList(i, i++ + n));
            }
        };
    }

    /** {@code list(ngrams_iterator(tokens, ngrams))}. */
    public static List<String> ngrams(List<String> tokens, int ngrams) {
        List<String> out = new ArrayList<>();
        ngramsIterator(tokens, ngrams).forEachRemaining(out::add);
        return out;
    }
}
