package org.torch4j.conformance;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.audio.functional.Beamforming;
import org.torch4j.audio.functional.Features;
import org.torch4j.audio.functional.Filtering;
import org.torch4j.audio.functional.SoxEffects;

/**
 * The kit's {@code ta_*} ops: {@code torchaudio.functional} as {@code tools/gen_tensor_reference.py} calls it (its
 * {@code PY['ta_...']}, arguments positional as torchaudio 0.13 takes them), which {@code tools/fuzz_against_pytorch.py
 * --audio} draws. In the audio module's tests, so {@link Ops} registers them when they are on the class path.
 */
final class AudioOps {
    private AudioOps() {}

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        op.accept("ta_spectrogram", a -> AudioFunctional.spectrogram(a.t(0), a.i(1), a.t(2), a.i(3), a.i(4), a.i(5), a.dOrNull(6), a.s(7),
                a.b(8), a.s(9), a.b(10)));
        op.accept("ta_inverse_spectrogram", a -> AudioFunctional.inverseSpectrogram(a.t(0), a.iOrNull(1), a.i(2), a.t(3), a.i(4), a.i(5),
                a.i(6), a.s(7), a.b(8), a.s(9), a.b(10)));
        op.accept("ta_griffinlim", a -> AudioFunctional.griffinlim(a.t(0), a.t(1), a.i(2), a.i(3), a.i(4), a.d(5), a.i(6), a.d(7),
                a.iOrNull(8), a.b(9), null));
        op.accept("ta_phase_vocoder", a -> AudioFunctional.phaseVocoder(a.t(0), a.d(1), a.t(2)));
        op.accept("ta_melscale_fbanks", a -> AudioFunctional.melscaleFbanks(a.i(0), a.d(1), a.d(2), a.i(3), a.i(4), a.sOrNull(5),
                a.s(6)));
        op.accept("ta_linear_fbanks", a -> Features.linearFbanks(a.i(0), a.d(1), a.d(2), a.i(3), a.i(4)));
        op.accept("ta_create_dct", a -> AudioFunctional.createDct(a.i(0), a.i(1), a.sOrNull(2)));
        op.accept("ta_amplitude_to_DB", a -> AudioFunctional.amplitudeToDB(a.t(0), a.d(1), a.d(2), a.d(3), a.dOrNull(4)));
        op.accept("ta_DB_to_amplitude", a -> AudioFunctional.dbToAmplitude(a.t(0), a.d(1), a.d(2)));
        op.accept("ta_mu_law_encoding", a -> AudioFunctional.muLawEncoding(a.t(0), a.i(1)));
        op.accept("ta_mu_law_decoding", a -> AudioFunctional.muLawDecoding(a.t(0), a.i(1)));
        op.accept("ta_gain", a -> AudioFunctional.gain(a.t(0), a.d(1)));
        op.accept("ta_resample", a -> AudioFunctional.resample(a.t(0), a.i(1), a.i(2), a.i(3), a.d(4), a.s(5), a.dOrNull(6)));
        op.accept("ta_compute_deltas", a -> AudioFunctional.computeDeltas(a.t(0), a.i(1), a.s(2)));
        op.accept("ta_rnnt_loss", a -> AudioFunctional.rnntLoss(a.t(0), a.t(1), a.t(2), a.t(3), a.i(4), a.d(5), a.s(6)));

        op.accept("ta_lfilter", a -> Filtering.lfilter(a.t(0), a.t(1), a.t(2), a.b(3), a.b(4)));
        op.accept("ta_filtfilt", a -> Filtering.filtfilt(a.t(0), a.t(1), a.t(2), a.b(3)));
        op.accept("ta_biquad", a -> Filtering.biquad(a.t(0), a.d(1), a.d(2), a.d(3), a.d(4), a.d(5), a.d(6)));
        op.accept("ta_lowpass_biquad", a -> Filtering.lowpassBiquad(a.t(0), a.i(1), a.d(2), a.d(3)));
        op.accept("ta_highpass_biquad", a -> Filtering.highpassBiquad(a.t(0), a.i(1), a.d(2), a.d(3)));
        op.accept("ta_allpass_biquad", a -> Filtering.allpassBiquad(a.t(0), a.i(1), a.d(2), a.d(3)));
        op.accept("ta_bandpass_biquad", a -> Filtering.bandpassBiquad(a.t(0), a.i(1), a.d(2), a.d(3), a.b(4)));
        op.accept("ta_bandreject_biquad", a -> Filtering.bandrejectBiquad(a.t(0), a.i(1), a.d(2), a.d(3)));
        op.accept("ta_band_biquad", a -> Filtering.bandBiquad(a.t(0), a.i(1), a.d(2), a.d(3), a.b(4)));
        op.accept("ta_equalizer_biquad", a -> Filtering.equalizerBiquad(a.t(0), a.i(1), a.d(2), a.d(3), a.d(4)));
        op.accept("ta_bass_biquad", a -> Filtering.bassBiquad(a.t(0), a.i(1), a.d(2), a.d(3), a.d(4)));
        op.accept("ta_treble_biquad", a -> Filtering.trebleBiquad(a.t(0), a.i(1), a.d(2), a.d(3), a.d(4)));
        op.accept("ta_deemph_biquad", a -> Filtering.deemphBiquad(a.t(0), a.i(1)));
        op.accept("ta_riaa_biquad", a -> Filtering.riaaBiquad(a.t(0), a.i(1)));
        op.accept("ta_overdrive", a -> Filtering.overdrive(a.t(0), a.d(1), a.d(2)));
        op.accept("ta_contrast", a -> Filtering.contrast(a.t(0), a.d(1)));
        op.accept("ta_dcshift", a -> Filtering.dcshift(a.t(0), a.d(1), a.dOrNull(2)));

        op.accept("ta_flanger", a -> SoxEffects.flanger(a.t(0), a.i(1), a.d(2), a.d(3), a.d(4), a.d(5), a.d(6), a.d(7), a.s(8), a.s(9)));
        op.accept("ta_phaser", a -> SoxEffects.phaser(a.t(0), a.i(1), a.d(2), a.d(3), a.d(4), a.d(5), a.d(6), a.b(7)));

        op.accept("ta_spectral_centroid", a -> Features.spectralCentroid(a.t(0), a.i(1), a.i(2), a.t(3), a.i(4), a.i(5), a.i(6)));
        op.accept("ta_sliding_window_cmn", a -> Features.slidingWindowCmn(a.t(0), a.i(1), a.i(2), a.b(3), a.b(4)));
        op.accept("ta_loudness", a -> Features.loudness(a.t(0), a.i(1)));
        op.accept("ta_detect_pitch_frequency", a -> Features.detectPitchFrequency(a.t(0), a.i(1), a.d(2), a.i(3), a.i(4), a.i(5)));
        op.accept("ta_pitch_shift", a -> Features.pitchShift(a.t(0), a.i(1), a.i(2), a.i(3), a.i(4), a.iOrNull(5), a.iOrNull(6), a.tOrNull(7)));

        op.accept("ta_psd", a -> Beamforming.psd(a.t(0), a.tOrNull(1), a.b(2), a.d(3)));
        op.accept("ta_mvdr_weights_souden", a -> Beamforming.mvdrWeightsSouden(a.t(0), a.t(1), a.iOrNull(2), a.b(3), a.d(4), a.d(5)));
        op.accept("ta_mvdr_weights_rtf", a -> Beamforming.mvdrWeightsRtf(a.t(0), a.t(1), a.iOrNull(2), a.b(3), a.d(4), a.d(5)));
        op.accept("ta_rtf_power", a -> Beamforming.rtfPower(a.t(0), a.t(1), a.iOrNull(2), a.i(3), a.b(4), a.d(5)));
        op.accept("ta_apply_beamforming", a -> Beamforming.applyBeamforming(a.t(0), a.t(1)));
    }
}
