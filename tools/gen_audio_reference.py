#!/usr/bin/python3
"""Writes torchaudio 0.13's answers for torch4j's audio tests (ecosystem/audio, org.torch4j.audio).

Run with Debian's interpreter, which has PyTorch 1.13 and torchaudio 0.13.1:

    /usr/bin/python3 tools/gen_audio_reference.py

It writes, under ecosystem/audio/src/test/resources/reference/audio/:
  functional.json  inputs (drawn once with torch.manual_seed, stored as float64 values) and the
                   outputs of torchaudio.functional's spectrogram, melscale_fbanks, amplitude_to_DB,
                   DB_to_amplitude, create_dct, torch.stft's real and imaginary parts, mu_law_encoding/decoding, resample and compute_deltas,
                   each computed from the float64 input and from the same input cast to float32.
  wav/*.wav        small WAV files written byte by byte (8-bit unsigned, 16/24/32-bit PCM, 32/64-bit
                   float, WAVE_FORMAT_EXTENSIBLE, an odd-sized extra chunk), and
  wav.json         what torchaudio.load and torchaudio.info (sox_io backend) return for them, whole and
                   with frame_offset/num_frames/channels_first; and wav/saved_*.wav, one signal written by
                   torchaudio.save in every encoding (the Java test compares the sample bytes).
  transforms.json  torchaudio.transforms modules (Spectrogram, MelSpectrogram, MFCC, AmplitudeToDB,
                   Resample, ComputeDeltas): their state_dict keys and shapes, and their outputs.
  inverse.json     the way back from spectrograms: torch.istft, inverse_spectrogram, griffinlim (zero and
                   seeded random initial phase), phase_vocoder, and the transforms InverseSpectrogram,
                   GriffinLim, TimeStretch, Fade, Vol and InverseMelScale (seeded); complex inputs and outputs are stored as their
                   real and imaginary parts; and torchaudio's Griffin-Lim of a phrase spoken by espeak-ng
                   (the words, voice, speed and pitch, a fingerprint of the samples, the spectral convergence).
Every run writes the same files (fixed seeds, values rounded to 17 significant digits by json).
"""
import json
import math
import os
import warnings

import torch
import torchaudio
import torchaudio.functional as AF
import torchaudio.transforms as T

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'ecosystem', 'audio', 'src', 'test', 'resources', 'reference', 'audio')

assert torch.__version__.startswith('1.13'), torch.__version__
assert torchaudio.__version__.startswith('0.13'), torchaudio.__version__


def flat(t):
    values = t.detach().to(torch.float64).reshape(-1).tolist()
    if t.dtype == torch.float32:  # 9 significant digits identify a float32 exactly
        return [float('%.9g' % v) for v in values]
    return [float(v) for v in values]


def tensor(t):
    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), 'values': flat(t)}


def signal(seed, shape):
    g = torch.Generator().manual_seed(seed)
    # a mixture of tones and noise, so spectra have structure and no exact zeros
    n = shape[-1]
    t = torch.arange(n, dtype=torch.float64) / 16000.0
    tones = 0.5 * torch.sin(2 * math.pi * 440.0 * t) + 0.25 * torch.sin(2 * math.pi * 1234.5 * t)
    return (tones + 0.1 * torch.randn(shape, generator=g, dtype=torch.float64)).clamp(-1, 1)


def both(fn, x):
    """fn on the float64 input and on its float32 cast."""
    return {'float64': tensor(fn(x)), 'float32': tensor(fn(x.float()))}


def functional():
    out = {}
    x = signal(0, (2, 300))
    out['input'] = tensor(x)
    specs = []
    configs = [
        dict(n_fft=128, win_length=128, hop_length=32, power=2.0, normalized=False, center=True, pad_mode='reflect', onesided=True, pad=0),
        dict(n_fft=128, win_length=96, hop_length=40, power=1.0, normalized=False, center=True, pad_mode='constant', onesided=True, pad=0),
        dict(n_fft=64, win_length=64, hop_length=16, power=2.0, normalized=True, center=False, pad_mode='reflect', onesided=True, pad=3),
        dict(n_fft=100, win_length=80, hop_length=25, power=1.5, normalized='frame_length', center=True, pad_mode='reflect', onesided=False, pad=0),
        dict(n_fft=63, win_length=63, hop_length=21, power=2.0, normalized='window', center=True, pad_mode='reflect', onesided=True, pad=0),
    ]
    for c in configs:
        def fn(v, c=c):
            window = torch.hann_window(c['win_length'], dtype=v.dtype)
            return AF.spectrogram(v, c['pad'], window, c['n_fft'], c['hop_length'], c['win_length'], c['power'],
                                  c['normalized'], c['center'], c['pad_mode'], c['onesided'])
        entry = dict(c)
        entry.update(both(fn, x))
        specs.append(entry)
    out['spectrogram'] = specs
    z = torch.stft(x[0], 64, 16, 48, torch.hann_window(48, dtype=torch.float64), center=True, pad_mode='reflect', normalized=False,
                   onesided=True, return_complex=True)
    out['stft'] = dict(n_fft=64, hop_length=16, win_length=48, real=tensor(z.real), imag=tensor(z.imag))

    fbs = []
    for (n_freqs, f_min, f_max, n_mels, sr, norm, scale) in [
        (65, 0.0, 8000.0, 16, 16000, None, 'htk'),
        (65, 50.0, 7000.0, 16, 16000, 'slaney', 'htk'),
        (201, 0.0, 11025.0, 40, 22050, None, 'slaney'),
        (201, 20.0, 8000.0, 40, 22050, 'slaney', 'slaney'),
    ]:
        fb = AF.melscale_fbanks(n_freqs, f_min, f_max, n_mels, sr, norm, scale)
        fbs.append(dict(n_freqs=n_freqs, f_min=f_min, f_max=f_max, n_mels=n_mels, sample_rate=sr, norm=norm, mel_scale=scale, fb=tensor(fb)))
    out['melscale_fbanks'] = fbs

    spec = AF.spectrogram(signal(1, (2, 2, 200)), 0, torch.hann_window(32, dtype=torch.float64), 32, 16, 32, 2.0, False)
    spec = spec * torch.tensor([1.0, 1e-3])[:, None, None, None].double()  # items with different maxima
    out['db_input'] = tensor(spec)
    dbs = []
    for (mult, amin, ref, top_db) in [(10.0, 1e-10, 1.0, None), (10.0, 1e-10, 1.0, 80.0), (20.0, 1e-5, 2.0, 40.0)]:
        dbm = math.log10(max(amin, ref))
        e = dict(multiplier=mult, amin=amin, db_multiplier=dbm, top_db=top_db)
        e.update(both(lambda v: AF.amplitude_to_DB(v, mult, amin, dbm, top_db), spec))
        e['2d'] = tensor(AF.amplitude_to_DB(spec[0, 0], mult, amin, dbm, top_db))
        dbs.append(e)
    out['amplitude_to_DB'] = dbs
    db = torch.linspace(-60, 10, 15, dtype=torch.float64)
    out['DB_to_amplitude'] = dict(input=tensor(db), ref=2.0, power=0.5, output=tensor(AF.DB_to_amplitude(db, 2.0, 0.5)))

    out['create_dct'] = [dict(n_mfcc=m, n_mels=n, norm=norm, dct=tensor(AF.create_dct(m, n, norm))) for (m, n, norm) in [(13, 40, 'ortho'), (20, 32, None)]]

    mu_in = torch.linspace(-1, 1, 41, dtype=torch.float64)
    codes = torch.arange(0, 256, 5)
    out['mu_law'] = dict(input=tensor(mu_in), encoded=tensor(AF.mu_law_encoding(mu_in.float(), 256)),
                         codes=tensor(codes), decoded=tensor(AF.mu_law_decoding(codes, 256)),
                         encoded16=tensor(AF.mu_law_encoding(mu_in.float(), 16)))

    rs = []
    xr = signal(2, (2, 300))
    out['resample_input'] = tensor(xr)
    for (o, n, w, r, method, beta) in [
        (16000, 8000, 6, 0.99, 'sinc_interpolation', None),
        (8000, 16000, 6, 0.99, 'sinc_interpolation', None),
        (44100, 16000, 6, 0.99, 'sinc_interpolation', None),
        (16000, 12000, 16, 0.9, 'kaiser_window', None),
        (16000, 22050, 8, 0.95, 'kaiser_window', 8.0),
    ]:
        e = dict(orig_freq=o, new_freq=n, lowpass_filter_width=w, rolloff=r, method=method, beta=beta)
        e.update(both(lambda v: AF.resample(v, o, n, w, r, method, beta), xr))
        rs.append(e)
    out['resample'] = rs

    xd = signal(3, (2, 5, 30))
    out['deltas_input'] = tensor(xd)
    out['compute_deltas'] = [dict(win_length=w, mode='replicate', **both(lambda v: AF.compute_deltas(v, w), xd)) for w in (3, 5, 8)]
    return out


def module_entry(name, m, x, **args):
    m = m.double() if x.dtype == torch.float64 else m
    return dict(name=name, args=args,
                state=[dict(key=k, shape=list(v.shape)) for k, v in m.state_dict().items()],
                output=tensor(m(x)))


def transforms():
    x = signal(4, (2, 800))
    out = {'input': tensor(x), 'modules': []}
    mods = out['modules']
    mods.append(module_entry('Spectrogram', T.Spectrogram(n_fft=400), x.float(), n_fft=400))
    mods.append(module_entry('MelSpectrogram', T.MelSpectrogram(sample_rate=16000, n_fft=256, n_mels=32), x.float(),
                             sample_rate=16000, n_fft=256, n_mels=32))
    mods.append(module_entry('MelSpectrogram64', T.MelSpectrogram(sample_rate=16000, n_fft=256, hop_length=100, n_mels=20, f_min=30.0,
                                                                  f_max=7000.0, norm='slaney', mel_scale='slaney', power=1.0), x,
                             sample_rate=16000, n_fft=256, hop_length=100, n_mels=20, f_min=30.0, f_max=7000.0, norm='slaney',
                             mel_scale='slaney', power=1.0))
    mods.append(module_entry('MFCC', T.MFCC(sample_rate=16000, n_mfcc=13, melkwargs=dict(n_fft=256, n_mels=32)), x.float(),
                             sample_rate=16000, n_mfcc=13, n_fft=256, n_mels=32))
    mods.append(module_entry('MFCClog', T.MFCC(sample_rate=16000, n_mfcc=10, log_mels=True, norm=None, melkwargs=dict(n_fft=256, n_mels=24)),
                             x.float(), sample_rate=16000, n_mfcc=10, n_fft=256, n_mels=24, log_mels=True))
    mods.append(module_entry('Resample', T.Resample(16000, 12000), x.float(), orig_freq=16000, new_freq=12000))
    mods.append(module_entry('AmplitudeToDB', T.AmplitudeToDB(stype='magnitude', top_db=60.0), x.abs().float().reshape(2, 20, 40)))
    mods.append(module_entry('ComputeDeltas', T.ComputeDeltas(win_length=7), x.float().reshape(2, 20, 40), win_length=7))
    return out


def parts(z):
    return {'real': tensor(z.real), 'imag': tensor(z.imag)}


def complex_both(fn, z):
    """fn on a complex128 input and on its complex64 cast; complex results stored as parts."""
    out = {}
    for name, v in (('float64', z), ('float32', z.to(torch.complex64))):
        r = fn(v)
        out[name] = parts(r) if r.is_complex() else tensor(r)
    return out


def random_spectrum(seed, shape):
    g = torch.Generator().manual_seed(seed)
    return torch.complex(torch.randn(shape, generator=g, dtype=torch.float64), torch.randn(shape, generator=g, dtype=torch.float64))


def inverse():
    out = {}
    # istft of arbitrary complex spectra (not the STFT of any signal: DC and Nyquist have imaginary parts,
    # which the inverse real FFT ignores)
    cases = []
    for i, c in enumerate([
        dict(n_fft=64, hop_length=16, win_length=64, window='hann', center=True, normalized=False, onesided=None, length=None, frames=12),
        dict(n_fft=64, hop_length=20, win_length=48, window='hann', center=True, normalized=True, onesided=True, length=150, frames=9),
        dict(n_fft=63, hop_length=21, win_length=63, window=None, center=False, normalized=False, onesided=None, length=300, frames=10),
        dict(n_fft=32, hop_length=8, win_length=30, window='hann', center=True, normalized=False, onesided=False, length=None, frames=7),
    ]):
        bins = c['n_fft'] if c['onesided'] is False else c['n_fft'] // 2 + 1
        z = random_spectrum(10 + i, (2, bins, c['frames']))

        def fn(v, c=c):
            w = None if c['window'] is None else torch.hann_window(c['win_length'], dtype=v.real.dtype)
            return torch.istft(v, c['n_fft'], c['hop_length'], c['win_length'], w, c['center'], c['normalized'], c['onesided'], c['length'])
        e = dict(c)
        e['input'] = parts(z)
        e.update(complex_both(fn, z))
        cases.append(e)
    out['istft'] = cases

    inv = []
    for i, c in enumerate([
        dict(n_fft=64, hop_length=16, win_length=64, pad=0, normalized=False, center=True, onesided=True, length=None),
        dict(n_fft=64, hop_length=16, win_length=56, pad=3, normalized='window', center=True, onesided=True, length=120),
        dict(n_fft=48, hop_length=12, win_length=48, pad=2, normalized='frame_length', center=True, onesided=True, length=None),
    ]):
        z = random_spectrum(20 + i, (2, 2, c['n_fft'] // 2 + 1, 8))

        def fn(v, c=c):
            w = torch.hann_window(c['win_length'], dtype=v.real.dtype)
            return AF.inverse_spectrogram(v, c['length'], c['pad'], w, c['n_fft'], c['hop_length'], c['win_length'], c['normalized'],
                                          c['center'], 'reflect', c['onesided'])
        e = dict(c)
        e['input'] = parts(z)
        e.update(complex_both(fn, z))
        inv.append(e)
    out['inverse_spectrogram'] = inv

    x = signal(30, (2, 600))
    gl = []
    for c in [
        dict(n_fft=128, hop_length=32, win_length=128, power=2.0, n_iter=8, momentum=0.99, length=None, rand_init=False, seed=None),
        dict(n_fft=100, hop_length=25, win_length=80, power=1.0, n_iter=4, momentum=0.0, length=600, rand_init=False, seed=None),
        dict(n_fft=128, hop_length=32, win_length=128, power=2.0, n_iter=4, momentum=0.5, length=None, rand_init=True, seed=7),
    ]:
        spec = AF.spectrogram(x, 0, torch.hann_window(c['win_length'], dtype=torch.float64), c['n_fft'], c['hop_length'], c['win_length'],
                              c['power'], False)

        def fn(v, c=c):
            if c['seed'] is not None:
                torch.manual_seed(c['seed'])
            w = torch.hann_window(c['win_length'], dtype=v.dtype)
            return AF.griffinlim(v, w, c['n_fft'], c['hop_length'], c['win_length'], c['power'], c['n_iter'], c['momentum'], c['length'],
                                 c['rand_init'])
        e = dict(c)
        e['input'] = tensor(spec)
        e.update(both(fn, spec))
        gl.append(e)
    out['griffinlim'] = gl

    pv = []
    z = random_spectrum(40, (2, 33, 20))
    out['phase_vocoder_input'] = parts(z)
    for rate, hop in [(1.3, 16), (0.7, 16), (2.0, 8), (1.0, 16)]:
        e = dict(rate=rate, hop_length=hop)
        e.update(complex_both(lambda v: AF.phase_vocoder(v, rate, torch.linspace(0, math.pi * hop, 33, dtype=v.real.dtype)[..., None]), z))
        pv.append(e)
    out['phase_vocoder'] = pv
    return out


def inverse_transforms():
    out = {'modules': []}
    mods = out['modules']
    z = random_spectrum(50, (2, 65, 10)).to(torch.complex64)
    out['complex_input'] = parts(z)
    m = T.InverseSpectrogram(n_fft=128)
    mods.append(dict(name='InverseSpectrogram', state=[dict(key=k, shape=list(v.shape)) for k, v in m.state_dict().items()],
                     output=tensor(m(z)), output_length=tensor(m(z, 300))))
    m = T.TimeStretch(hop_length=32, n_freq=65, fixed_rate=1.25)
    mods.append(dict(name='TimeStretch', state=[dict(key=k, shape=list(v.shape)) for k, v in m.state_dict().items()],
                     phase_advance=tensor(m.phase_advance), output=parts(m(z)), output_override=parts(m(z, 0.8))))
    spec = AF.spectrogram(signal(51, (2, 500)).float(), 0, torch.hann_window(128), 128, 64, 128, 2.0, False)
    out['spec_input'] = tensor(spec)
    torch.manual_seed(3)
    m = T.GriffinLim(n_fft=128, n_iter=4)
    mods.append(dict(name='GriffinLim', seed=3, state=[dict(key=k, shape=list(v.shape)) for k, v in m.state_dict().items()],
                     output=tensor(m(spec))))
    # InverseMelScale 0.13: SGD (lr 0.1, momentum 0.9) from torch.rand after the seed, so it is reproducible
    spec = AF.spectrogram(signal(53, (2, 300)), 0, torch.hann_window(64, dtype=torch.float64), 64, 32, 64, 2.0, False)
    mel = T.MelScale(n_mels=12, sample_rate=16000, n_stft=33).double()(spec)
    out['mel_input'] = tensor(mel)
    for name, dtype, kw in [('InverseMelScale64', torch.float64, dict(max_iter=300)),
                            ('InverseMelScale64_loss', torch.float64, dict(max_iter=1000, tolerance_loss=0.05)),
                            ('InverseMelScale32', torch.float32, dict(max_iter=100))]:
        m = T.InverseMelScale(n_stft=33, n_mels=12, sample_rate=16000, **kw).to(dtype)
        torch.manual_seed(11)
        mods.append(dict(name=name, seed=11, args=kw, state=[dict(key=k, shape=list(v.shape)) for k, v in m.state_dict().items()],
                         fb=tensor(m.fb), output=tensor(m(mel.to(dtype)))))
    x = signal(52, (2, 200))
    out['wave_input'] = tensor(x)
    for shape in ['linear', 'exponential', 'logarithmic', 'quarter_sine', 'half_sine']:
        m = T.Fade(fade_in_len=30, fade_out_len=50, fade_shape=shape)
        mods.append(dict(name='Fade_' + shape, state=[], output=tensor(m(x.float())), output64=tensor(m(x))))
    for gain, kind in [(0.5, 'amplitude'), (3.0, 'amplitude'), (-6.0, 'db'), (12.0, 'db'), (2.0, 'power'), (0.0, 'db')]:
        m = T.Vol(gain, kind)
        mods.append(dict(name='Vol_%s_%g' % (kind, gain), gain=gain, gain_type=kind, state=[], output=tensor(m(x.float()))))
    return out


# The Griffin-Lim example (SpokenDigits' synthesis: espeak-ng -v VOICE -s SPEED -p PITCH -w FILE WORD)
PHRASE = dict(words=['three', 'one', 'four', 'one', 'five'], voice='en-us', speed=170, pitch=35, n_fft=400, hop_length=100, n_iter=32,
              momentum=0.99)


def griffinlim_phrase():
    import shutil
    import subprocess
    import tempfile
    if shutil.which('espeak-ng') is None:
        return None
    p = PHRASE
    waves = []
    with tempfile.TemporaryDirectory() as d:
        for word in p['words']:
            f = os.path.join(d, word + '.wav')
            subprocess.run(['espeak-ng', '-v', p['voice'], '-s', str(p['speed']), '-p', str(p['pitch']), '-w', f, word], check=True)
            w, sr = torchaudio.load(f)
            waves.append(w)
    x = torch.cat(waves, 1)  # [1, time] float32 at 22050 Hz
    window = torch.hann_window(p['n_fft'])
    spec = AF.spectrogram(x, 0, window, p['n_fft'], p['hop_length'], p['n_fft'], 1.0, False)
    y = AF.griffinlim(spec, window, p['n_fft'], p['hop_length'], p['n_fft'], 1.0, p['n_iter'], p['momentum'], x.shape[-1], False)
    rebuilt = AF.spectrogram(y, 0, window, p['n_fft'], p['hop_length'], p['n_fft'], 1.0, False)
    sc = ((spec - rebuilt).norm() / spec.norm()).item()
    e = dict(p)
    e.update(sample_rate=sr, samples=x.shape[-1], sum_abs=x.double().abs().sum().item(), spectral_convergence=sc,
             espeak=subprocess.run(['espeak-ng', '--version'], capture_output=True, text=True).stdout.strip())
    return e


def wav_bytes(fmt_tag, channels, rate, bits, data, extensible=False, extra_chunk=False):
    import struct
    block = channels * bits // 8
    if extensible:
        sub = struct.pack('<H', fmt_tag) + bytes.fromhex('000000001000800000aa00389b71')
        fmt = struct.pack('<HHIIHHHHI', 0xFFFE, channels, rate, rate * block, block, bits, 22, bits, 0) + sub
    else:
        fmt = struct.pack('<HHIIHH', fmt_tag, channels, rate, rate * block, block, bits)
    body = b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt
    if extra_chunk:
        body += b'LIST' + struct.pack('<I', 3) + b'abc' + b'\0'  # odd size: one pad byte
    body += b'data' + struct.pack('<I', len(data)) + data
    return b'RIFF' + struct.pack('<I', len(body)) + body


def wav():
    import numpy as np
    os.makedirs(os.path.join(OUT, 'wav'), exist_ok=True)
    g = np.random.default_rng(5)
    frames, channels = 37, 2
    cases = {
        'u8': (1, 8, lambda: g.integers(0, 256, (frames, channels)).astype('<u1').tobytes(), {}),
        's16': (1, 16, lambda: g.integers(-32768, 32768, (frames, channels)).astype('<i2').tobytes(), {}),
        's24': (1, 24, lambda: b''.join(int(v).to_bytes(3, 'little', signed=True) for v in g.integers(-2**23, 2**23, frames * channels)), {}),
        's32': (1, 32, lambda: g.integers(-2**31, 2**31, (frames, channels)).astype('<i4').tobytes(), {}),
        'f32': (3, 32, lambda: g.uniform(-1, 1, (frames, channels)).astype('<f4').tobytes(), {}),
        'f64': (3, 64, lambda: g.uniform(-1, 1, (frames, channels)).astype('<f8').tobytes(), {}),
        'ext_s16': (1, 16, lambda: g.integers(-32768, 32768, (frames, channels)).astype('<i2').tobytes(), dict(extensible=True)),
        'ext_f32_chunk': (3, 32, lambda: g.uniform(-1, 1, (frames, channels)).astype('<f4').tobytes(), dict(extensible=True, extra_chunk=True)),
    }
    out = []
    for name, (tag, bits, data, kw) in cases.items():
        path = os.path.join(OUT, 'wav', name + '.wav')
        with open(path, 'wb') as f:
            f.write(wav_bytes(tag, channels, 8000, bits, data(), **kw))
        w, sr = torchaudio.load(path)
        part, _ = torchaudio.load(path, frame_offset=5, num_frames=10, channels_first=False)
        tail, _ = torchaudio.load(path, frame_offset=30)
        i = torchaudio.info(path)
        out.append(dict(name=name, sample_rate=sr, load=tensor(w), part=tensor(part), tail=tensor(tail),
                        info=dict(sample_rate=i.sample_rate, num_frames=i.num_frames, num_channels=i.num_channels,
                                  bits_per_sample=i.bits_per_sample, encoding=i.encoding)))
    return out


def wav_saved():
    """torchaudio.save of one float32 signal (values past +-1 included) in every WAV encoding."""
    g = torch.Generator().manual_seed(9)
    x = (torch.rand(2, 200, generator=g, dtype=torch.float64) * 2.2 - 1.1).float()
    x[0, :8] = torch.tensor([0, 1, -1, 0.5, -0.5, 1 / 65536, -1 / 65536, 3 / 65536])
    saved = []
    for enc, bits in [('PCM_U', 8), ('PCM_S', 16), ('PCM_S', 24), ('PCM_S', 32), ('PCM_F', 32), ('PCM_F', 64)]:
        name = 'saved_%s%d' % (enc, bits)
        torchaudio.save(os.path.join(OUT, 'wav', name + '.wav'), x, 8000, encoding=enc, bits_per_sample=bits)
        saved.append(dict(name=name, encoding=enc, bits_per_sample=bits))
    return dict(input=tensor(x), files=saved)


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(obj, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    write('functional.json', functional())
    write('transforms.json', transforms())
    write('wav.json', {'files': wav(), 'saved': wav_saved()})
    write('inverse.json', {'functional': inverse(), 'transforms': inverse_transforms(), 'griffinlim_phrase': griffinlim_phrase()})
