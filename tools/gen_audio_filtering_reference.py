#!/usr/bin/python3
"""Reference values for torch4j's audio filters (org.torch4j.audio.functional.Filtering) from torchaudio 0.13's
torchaudio.functional (lfilter through its C++ differentiable kernel, filtfilt, the biquads, contrast, dcshift).

    /usr/bin/python3 tools/gen_audio_filtering_reference.py

Writes ecosystem/audio/src/test/resources/reference/audio/filtering.json (deterministic).
"""
import json
import math
import os

import torch
import torchaudio.functional as AF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ecosystem", "audio", "src", "test", "resources", "reference",
                   "audio", "filtering.json")
SR = 16000


def waveform(dtype):
    g = torch.Generator().manual_seed(5)
    t = torch.arange(160, dtype=torch.float64) / SR
    x = torch.stack([0.4 * torch.sin(2 * math.pi * 440 * t) + 0.2 * torch.sin(2 * math.pi * 3100 * t),
                     0.3 * torch.sin(2 * math.pi * 150 * t + 1.0) + 0.25 * torch.cos(2 * math.pi * 5200 * t)])
    x = x + 0.05 * torch.randn(x.shape, generator=g, dtype=torch.float64)
    return x.to(dtype)


def vad_signal(channels):
    """Both sides compute it: faint tones for 0.7 s, then 0.8 s of a harmonic series (second channel 0.1 s later)."""
    t = torch.arange(24000, dtype=torch.float64) / SR
    rows = []
    for c in range(channels):
        onset = 0.7 + 0.1 * c
        quiet = 0.001 * torch.sin(2 * math.pi * 3000 * t) + 0.0005 * torch.sin(2 * math.pi * 5000 * t)
        voiced = sum(0.3 / k * torch.sin(2 * math.pi * 150 * k * t) for k in range(1, 8)) * (t >= onset)
        rows.append(quiet + voiced)
    return torch.stack(rows).float()


def flat(t):
    """The values with 9 significant digits for float32 (enough to identify them), 14 for float64 (smaller JSON)."""
    values = t.detach().reshape(-1).tolist()
    return [float(("%.9g" if t.dtype == torch.float32 else "%.14g") % v) for v in values]


def main():
    cases = []
    for dtype in (torch.float64, torch.float32):
        x = waveform(dtype)
        name = str(dtype).replace("torch.", "")
        calls = [
            ("lowpass_biquad", dict(cutoff_freq=1000.0, Q=0.707), lambda: AF.lowpass_biquad(x, SR, 1000.0, 0.707)),
            ("highpass_biquad", dict(cutoff_freq=2000.0, Q=1.2), lambda: AF.highpass_biquad(x, SR, 2000.0, 1.2)),
            ("allpass_biquad", dict(central_freq=800.0, Q=0.5), lambda: AF.allpass_biquad(x, SR, 800.0, 0.5)),
            ("bandpass_biquad", dict(central_freq=440.0, Q=2.0, const_skirt_gain=False), lambda: AF.bandpass_biquad(x, SR, 440.0, 2.0, False)),
            ("bandpass_biquad", dict(central_freq=3000.0, Q=0.9, const_skirt_gain=True), lambda: AF.bandpass_biquad(x, SR, 3000.0, 0.9, True)),
            ("bandreject_biquad", dict(central_freq=440.0, Q=1.5), lambda: AF.bandreject_biquad(x, SR, 440.0, 1.5)),
            ("band_biquad", dict(central_freq=600.0, Q=0.8, noise=False), lambda: AF.band_biquad(x, SR, 600.0, 0.8, False)),
            ("band_biquad", dict(central_freq=600.0, Q=0.8, noise=True), lambda: AF.band_biquad(x, SR, 600.0, 0.8, True)),
            ("equalizer_biquad", dict(center_freq=3100.0, gain=-6.0, Q=0.7), lambda: AF.equalizer_biquad(x, SR, 3100.0, -6.0, 0.7)),
            ("bass_biquad", dict(gain=8.0, central_freq=120.0, Q=0.707), lambda: AF.bass_biquad(x, SR, 8.0, 120.0, 0.707)),
            ("treble_biquad", dict(gain=-5.0, central_freq=3000.0, Q=0.707), lambda: AF.treble_biquad(x, SR, -5.0, 3000.0, 0.707)),
            ("contrast", dict(enhancement_amount=60.0), lambda: AF.contrast(x, 60.0)),
            ("dcshift", dict(shift=0.3, limiter_gain=None), lambda: AF.dcshift(x.clone(), 0.3)),
            ("dcshift", dict(shift=0.4, limiter_gain=0.05), lambda: AF.dcshift(x.clone(), 0.4, 0.05)),
            ("dcshift", dict(shift=-0.5, limiter_gain=0.1), lambda: AF.dcshift(x.clone(), -0.5, 0.1)),
        ]
        for fn, params, call in calls:
            cases.append(dict(fn=fn, dtype=name, params=params, output=flat(call())))
        cases.append(dict(fn="riaa_biquad", dtype=name, params=dict(sample_rate=44100), output=flat(AF.riaa_biquad(x, 44100))))
        cases.append(dict(fn="overdrive", dtype=name, params=dict(gain=15.0, colour=25.0), output=flat(AF.overdrive(x, 15.0, 25.0))))
        window = torch.hann_window(64, dtype=dtype)
        cases.append(dict(fn="spectral_centroid", dtype=name, params=dict(n_fft=64, hop=16),
                          output=flat(AF.spectral_centroid(x, SR, 0, window, 64, 16, 64))))
        feats = (torch.randn(2, 12, 6, generator=torch.Generator().manual_seed(9), dtype=torch.float64) * 2 + 1).to(dtype)
        for center, norm_vars in ((False, False), (True, True), (False, True)):
            cases.append(dict(fn="sliding_window_cmn", dtype=name, params=dict(cmn_window=5, min_cmn_window=3, center=center, norm_vars=norm_vars),
                              input=flat(feats), shape=list(feats.shape), output=flat(AF.sliding_window_cmn(feats, 5, 3, center, norm_vars))))
        for kw in (dict(), dict(delay=1.0, depth=4.0, regen=30.0, width=50.0, speed=2.0, phase=60.0, modulation="triangular",
                                interpolation="quadratic")):
            cases.append(dict(fn="flanger", dtype=name, params=kw, output=flat(AF.flanger(x, SR, **kw))))
        for kw in (dict(), dict(gain_in=0.6, gain_out=0.9, delay_ms=2.0, decay=0.6, mod_speed=3.0, sinusoidal=False)):
            cases.append(dict(fn="phaser", dtype=name, params=kw, output=flat(AF.phaser(x, SR, **kw))))
        # deemphasis needs 44100 or 48000 Hz
        cases.append(dict(fn="deemph_biquad", dtype=name, params=dict(sample_rate=44100), output=flat(AF.deemph_biquad(x, 44100))))
        a = torch.tensor([1.0, -1.6, 0.8], dtype=dtype)
        b = torch.tensor([0.05, 0.1, 0.05], dtype=dtype)
        cases.append(dict(fn="lfilter", dtype=name, params=dict(a=flat(a), b=flat(b), clamp=True, batching=True),
                          output=flat(AF.lfilter(x, a, b))))
        a2 = torch.tensor([[2.0, -0.5, 0.1, 0.05], [1.0, 0.3, -0.2, 0.0]], dtype=dtype)
        b2 = torch.tensor([[0.5, 0.4, 0.3, 0.2], [1.0, -1.0, 0.5, 0.25]], dtype=dtype)
        cases.append(dict(fn="lfilter", dtype=name, params=dict(a=a2.tolist(), b=b2.tolist(), clamp=False, batching=True),
                          output=flat(AF.lfilter(x, a2, b2, clamp=False, batching=True))))
        cases.append(dict(fn="lfilter", dtype=name, params=dict(a=a2.tolist(), b=b2.tolist(), clamp=False, batching=False),
                          output=flat(AF.lfilter(x, a2, b2, clamp=False, batching=False)), shape=[2, 2, 160]))
        cases.append(dict(fn="filtfilt", dtype=name, params=dict(a=flat(a), b=flat(b), clamp=True), output=flat(AF.filtfilt(x, a, b))))
    # gradients of lfilter in float64 (torchaudio's C++ differentiable kernel)
    x = waveform(torch.float64).requires_grad_()
    a = torch.tensor([[1.5, -0.9, 0.3], [1.0, 0.4, 0.2]], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([[0.3, 0.2, 0.1], [0.6, -0.2, 0.05]], dtype=torch.float64, requires_grad=True)
    y = AF.lfilter(x, a, b, clamp=False)
    g = torch.linspace(-1, 1, y.numel(), dtype=torch.float64).reshape(y.shape)
    (y * g).sum().backward()
    grads = dict(a=flat(a), b=flat(b), output=flat(y), grad_x=flat(x.grad), grad_a=flat(a.grad), grad_b=flat(b.grad))
    fb = AF.linear_fbanks(65, 100.0, 7000.0, 12, SR)
    extras = dict(linear_fbanks=flat(fb), edit=[[list("kitten"), list("sitting"), AF.edit_distance("kitten", "sitting")],
                                                 [["a", "b", "c"], [], AF.edit_distance(["a", "b", "c"], [])],
                                                 [list("flaw"), list("lawn"), AF.edit_distance("flaw", "lawn")]])
    import torchaudio.transforms as AT
    x32 = waveform(torch.float32)
    lfcc = AT.LFCC(sample_rate=SR, n_filter=20, n_lfcc=12, speckwargs=dict(n_fft=64, hop_length=16))
    lfcc_log = AT.LFCC(sample_rate=SR, n_filter=16, f_min=50.0, f_max=6000.0, n_lfcc=10, log_lf=True, speckwargs=dict(n_fft=64))
    extras.update(lfcc=flat(lfcc(x32)), lfcc_shape=list(lfcc(x32).shape), lfcc_keys=sorted(lfcc.state_dict()),
                  lfcc_log=flat(lfcc_log(x32)), lfcc_log_shape=list(lfcc_log(x32).shape),
                  centroid=flat(AT.SpectralCentroid(SR, n_fft=64, hop_length=16)(x32)))
    # pitch shift and loudness on a longer signal (loudness needs 400 ms blocks)
    t = torch.arange(16000, dtype=torch.float64) / SR
    long = torch.stack([0.3 * torch.sin(2 * math.pi * 330 * t) * (1 + 0.5 * torch.sin(2 * math.pi * 3 * t)),
                        0.1 * torch.sin(2 * math.pi * 1200 * t) + 0.05 * torch.cos(2 * math.pi * 77 * t)])
    shifted = AF.pitch_shift(long[:1, :1200].float(), SR, 12, n_fft=256)
    extras.update(pitch_shift=flat(shifted), resample_coprime=flat(AF.resample(long[:1, :1200].float(), 1999, 1601)), loudness=flat(AF.loudness(long.float(), SR)),
                  loudness64=flat(AF.loudness(long, SR)))
    # pitch detection on the one-second signal: 0.3 s of a 330 Hz tone in each channel's mix
    extras.update(pitch=flat(AF.detect_pitch_frequency(long.float(), SR)), pitch64=flat(AF.detect_pitch_frequency(long, SR)),
                  pitch_short=flat(AF.detect_pitch_frequency(long[:, :4000].float(), SR, frame_time=0.02, win_length=5, freq_low=100,
                                                             freq_high=1000)))
    # voice activity: 0.7 s of faint high tones, then a voiced 150 Hz harmonic series
    extras["vad"] = [dict(channels=ch, trigger_level=tl, length=int(AF.vad(vad_signal(ch), SR, trigger_level=tl).shape[-1]))
                     for ch, tl in ((1, 7.0), (2, 7.0), (1, 3.0), (2, 9.0))]
    # dither: TPDF (deterministic), and the random ones after a seed
    d = dict()
    x32 = waveform(torch.float32)
    d["tpdf"] = flat(AF.dither(x32))
    torch.manual_seed(21)
    d["rpdf"] = flat(AF.dither(x32, "RPDF"))
    torch.manual_seed(22)  # its sixth draw hits the accumulating sample: torchaudio's in-place quirk is exercised
    d["gpdf"] = flat(AF.dither(x32.clone(), "GPDF", noise_shaping=False))
    torch.manual_seed(22)
    d["gpdf_shaped"] = flat(AF.dither(x32.clone(), "GPDF", noise_shaping=True))
    torch.manual_seed(23)
    d["tpdf_shaped"] = flat(AF.dither(x32, "TPDF", noise_shaping=True))
    extras["dither"] = d
    grads["extras"] = extras
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(dict(sample_rate=SR, input64=flat(waveform(torch.float64)), input32=flat(waveform(torch.float32)), cases=cases, grads=grads),
                  f, sort_keys=True, separators=(",", ":"))
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
