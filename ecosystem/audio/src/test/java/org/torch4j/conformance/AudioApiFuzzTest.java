package org.torch4j.conformance;

import java.util.List;
import org.torch4j.audio.transforms.Spectrogram;

/**
 * The conformance kit's API fuzz ({@link DomainApiFuzzTest}) pointed at torchaudio's functions and transforms:
 * seeded odd arguments through the static functions of the functional classes and every transform's constructors
 * and {@code forward}. The scratch runs behind it found eleven inputs failing inside (a 0-dim waveform in eight
 * functions, sliding_window_cmn's input and window, vad's rates), each since refused by a check of its own, tested
 * in AudioFunctionalTest.
 */
class AudioApiFuzzTest extends DomainApiFuzzTest {

    @Override
    protected List<String> functionClasses() {
        return List.of("org.torch4j.audio.functional.AudioFunctional", "org.torch4j.audio.functional.Filtering",
                "org.torch4j.audio.functional.Features", "org.torch4j.audio.functional.SoxEffects",
                "org.torch4j.audio.functional.VoiceActivity", "org.torch4j.audio.functional.Beamforming");
    }

    @Override
    protected Class<?> modulePackage() {
        return Spectrogram.class;
    }
}
