/**
 * Text processing ({@code torchtext}): tokenizers ({@link org.torch4j.text.Tokenizers#getTokenizer},
 * {@link org.torch4j.text.BasicEnglishTokenizer}, {@link org.torch4j.text.RegexTokenizer},
 * {@link org.torch4j.text.WhitespaceTokenizer}, {@link org.torch4j.text.CharacterTokenizer}, n-grams)
 * vocabularies ({@link org.torch4j.text.Vocab}), pre-trained word vectors ({@link org.torch4j.text.Vectors}) and
 * sentencepiece models ({@link org.torch4j.text.SentencePiece}:
 * unigram, BPE, word and character models, encoding and decoding as Google's library).
 */
@Export
@Version("0.3.0")
package org.torch4j.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
