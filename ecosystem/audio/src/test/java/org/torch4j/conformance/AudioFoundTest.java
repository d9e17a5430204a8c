package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * torchaudio cases that {@code tools/fuzz_against_pytorch.py --audio} found torch4j getting wrong (pitch shift's float32
 * default window, the inverse STFT's overlap-add order, gradients of the sox effects, the sliding-window CMN and a
 * complex magnitude at 0, messages), through the kit's {@code ta_*} ops ({@link AudioOps}). Reference:
 * {@code tensor_audio.json} ({@code gen_audio_found()}).
 */
class AudioFoundTest {

    @TestFactory
    Stream<DynamicNode> torchaudioReference() {
        return Conformance.cases("audio");
    }
}
