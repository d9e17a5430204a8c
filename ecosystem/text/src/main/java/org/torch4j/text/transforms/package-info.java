/**
 * Text transforms as {@code torchtext.transforms} and {@code torchtext.functional}:
 * {@link org.torch4j.text.transforms.VocabTransform}, {@link org.torch4j.text.transforms.Truncate},
 * {@link org.torch4j.text.transforms.AddToken}, {@link org.torch4j.text.transforms.ToTensor},
 * {@link org.torch4j.text.transforms.PadTransform}, {@link org.torch4j.text.transforms.LabelToIndex},
 * {@link org.torch4j.text.transforms.StrToIntTransform},
 * {@link org.torch4j.text.transforms.Sequential}, {@link org.torch4j.text.transforms.MaskTransform}, and the subword tokenizers: byte-level BPE
 * ({@link org.torch4j.text.transforms.GPT2BPETokenizer}, with a trainer; {@link org.torch4j.text.transforms.CLIPTokenizer}), WordPiece
 * ({@link org.torch4j.text.transforms.BERTTokenizer}) and sentencepiece
 * ({@link org.torch4j.text.transforms.SentencePieceTokenizer}).
 */
@Export
@Version("0.2.0")
package org.torch4j.text.transforms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
