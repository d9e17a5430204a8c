#!/usr/bin/python3
"""Writes torchaudio 0.13's answers for torch4j's Tacotron2 and HDemucs (ecosystem/audio, org.torch4j.audio.models).

Run with Debian's interpreter, which has PyTorch 1.13 and torchaudio 0.13.1:

    /usr/bin/python3 tools/gen_audio_tts_reference.py

It writes, under ecosystem/audio/src/test/resources/reference/audio/:
  tacotron2_small.pt  torch.save(model.state_dict()) of a small float64 Tacotron2 (TACOTRON2 below) built
                      after torch.manual_seed (float32, then .double()), with the batch norms' affine
                      parameters and running statistics moved off their defaults (the keys listed in
                      `perturbed`; every other value is torchaudio's seeded initialisation).
  hdemucs_small.pt    the same for a small float64 HDemucs (HDEMUCS below), its group norms' and layer
                      scales' parameters moved off their defaults; hdemucs_blstm.pt: a small _BLSTM.
  tts.json            tacotron2: the configuration, inputs, forward's four outputs in eval mode and in
                      training mode after torch.manual_seed (the prenet's dropout is always on: the Java
                      side draws the same masks from the same seed), infer's outputs (with and without
                      lengths, early stopping and the max-step cut), the default model's keys and shapes,
                      and torchaudio's error messages.
                      hdemucs: the configuration, a short stereo mixture and the separated sources (eval
                      mode) with the STFT windows in float64 (spectro_window_in_dtype) and as torchaudio
                      computes them (float32 windows cast), the BLSTM's output on a sequence it cuts into
                      chunks, the three factories' keys, shapes and parameter counts, and the error messages.
Every run writes the same files (fixed seeds; the .pt files are byte-identical across runs).
"""
import os
import sys
import warnings

import torch
import torchaudio
from torchaudio.models import Tacotron2
from torchaudio.models import _hdemucs as hd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_audio_reference import OUT, tensor, write  # noqa: E402  (one JSON form for all audio references)
from reference_io import rounded_normal  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)

TACOTRON2 = dict(mask_padding=True, n_mels=3, n_symbol=7, n_frames_per_step=1, symbol_embedding_dim=6, encoder_embedding_dim=6,
                 encoder_n_convolution=2, encoder_kernel_size=3, decoder_rnn_dim=5, decoder_max_step=6, decoder_dropout=0.1,
                 decoder_early_stopping=True, attention_rnn_dim=4, attention_hidden_dim=3, attention_location_n_filter=2,
                 attention_location_kernel_size=3, attention_dropout=0.1, prenet_dim=4, postnet_n_convolution=3,
                 postnet_kernel_size=3, postnet_embedding_dim=5, gate_threshold=0.5)


def keys_and_shapes(model):
    return [[k, list(v.shape)] for k, v in model.state_dict().items()]


def message(fn, error=ValueError):
    try:
        fn()
    except error as e:
        return str(e)
    raise AssertionError('no ' + error.__name__)


def perturb_norms(model, g, kinds):
    """Moves the norm layers' affine parameters (and batch norms' running statistics) off their defaults;
    returns the keys changed."""
    changed = []
    with torch.no_grad():
        for name, m in model.named_modules():
            if isinstance(m, kinds):
                m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=g, dtype=m.weight.dtype))
                m.bias.copy_(0.2 * torch.randn(m.bias.shape, generator=g, dtype=m.bias.dtype))
                changed += [name + '.weight', name + '.bias']
                if isinstance(m, torch.nn.BatchNorm1d):
                    m.running_mean.copy_(0.2 * torch.randn(m.running_mean.shape, generator=g, dtype=m.running_mean.dtype))
                    m.running_var.copy_(1 + 0.5 * torch.rand(m.running_var.shape, generator=g, dtype=m.running_var.dtype))
                    changed += [name + '.running_mean', name + '.running_var']
    return changed


def tacotron2():
    seed = 81
    torch.manual_seed(seed)
    model = Tacotron2(**TACOTRON2).double()
    perturbed = perturb_norms(model, torch.Generator().manual_seed(181), torch.nn.BatchNorm1d)
    with torch.no_grad():   # a gate bias that lets one sentence stop before the other in infer
        model.decoder.gate_layer.bias.fill_(-0.3)
    perturbed.append('decoder.gate_layer.bias')
    torch.save(model.state_dict(), os.path.join(OUT, 'tacotron2_small.pt'))
    tokens = torch.tensor([[1, 4, 6, 2, 5], [3, 3, 0, 0, 0]])
    token_lengths = torch.tensor([5, 2])
    mel = rounded_normal(torch.Generator().manual_seed(182), 2, 3, 4)
    mel_lengths = torch.tensor([4, 3])
    runs = {}
    for mode in ('eval', 'train'):
        model.train(mode == 'train')
        torch.manual_seed(83)
        with torch.no_grad():
            outs = model(tokens, token_lengths, mel, mel_lengths)
        runs[mode] = [tensor(t) for t in outs]
    model.load_state_dict(torch.load(os.path.join(OUT, 'tacotron2_small.pt')))   # undo training's running statistics
    model.eval()
    infers = []
    for seed_i, threshold, lengths in ((84, 0.5, token_lengths), (85, 0.5, None), (86, 0.37, token_lengths), (87, 0.36, token_lengths)):
        model.decoder.gate_threshold = threshold
        torch.manual_seed(seed_i)
        with torch.no_grad():
            mel_out, mel_out_lengths, alignments = model.infer(tokens if lengths is not None else tokens[:1], lengths)
        infers.append(dict(seed=seed_i, gate_threshold=threshold, with_lengths=lengths is not None, mel=tensor(mel_out),
                           lengths=mel_out_lengths.tolist(), alignments=tensor(alignments)))
    model.decoder.gate_threshold = TACOTRON2['gate_threshold']
    default = Tacotron2()
    errors = dict(
        unsorted=dict(token_lengths=[2, 5], message=message(
            lambda: model(tokens, torch.tensor([2, 5]), mel, mel_lengths), RuntimeError)),
    )
    return dict(config=TACOTRON2, seed=seed, perturbed=perturbed, tokens=tokens.tolist(), token_lengths=token_lengths.tolist(),
                mel=tensor(mel), mel_lengths=mel_lengths.tolist(), forward_seed=83, eval=runs['eval'], train=runs['train'],
                infer=infers, default_keys=keys_and_shapes(default),
                default_parameters=sum(p.numel() for p in default.parameters()), errors=errors)


# A small HDemucs taking every branch: nfft 64 (hop 16) and depth 3 give a frequency layer, the last
# frequency layer (kernel = the remaining 8 bins, its time layer empty and injected), and one merged time
# layer; group norms from layer 1; LSTM and local attention in the DConv branches from layer 1.
HDEMUCS = dict(sources=['bass', 'drums'], audio_channels=2, channels=4, growth=2, nfft=64, depth=3, freq_emb=0.2, emb_scale=10,
               emb_smooth=True, kernel_size=8, time_stride=2, stride=4, context=1, context_enc=0, norm_starts=1, norm_groups=4,
               dconv_depth=2, dconv_comp=2, dconv_attn=1, dconv_lstm=1, dconv_init=1e-4)
SOURCES = ['bass', 'drums', 'other', 'vocals']


def spectro_window_in_dtype(x, n_fft=512, hop_length=0, pad=0):
    """torchaudio's _spectro with the Hann window made in the signal's dtype instead of float32 (cast):
    torch4j's float32 window differs from PyTorch's in the last bits (their cosines round differently),
    which moves a float64 model's output by about 1e-7; in float64 both windows agree to 1e-16."""
    other = list(x.shape[:-1])
    length = int(x.shape[-1])
    x = x.reshape(-1, length)
    z = torch.stft(x, n_fft * (1 + pad), hop_length, window=torch.hann_window(n_fft, dtype=x.dtype), win_length=n_fft,
                   normalized=True, center=True, return_complex=True, pad_mode="reflect")
    _, freqs, frame = z.shape
    other.extend([freqs, frame])
    return z.view(other)


def ispectro_window_in_dtype(z, hop_length=0, length=0, pad=0):
    """torchaudio's _ispectro with the window in the spectrogram's real dtype (see spectro_window_in_dtype)."""
    other = list(z.shape[:-2])
    freqs = int(z.shape[-2])
    frames = int(z.shape[-1])
    n_fft = 2 * freqs - 2
    z = z.view(-1, freqs, frames)
    win_length = n_fft // (1 + pad)
    x = torch.istft(z, n_fft, hop_length, window=torch.hann_window(win_length, dtype=z.real.dtype), win_length=win_length,
                    normalized=True, length=length, center=True)
    _, length = x.shape
    other.append(length)
    return x.view(other)


def with_windows_in_dtype(fn):
    original = hd._spectro, hd._ispectro
    hd._spectro, hd._ispectro = spectro_window_in_dtype, ispectro_window_in_dtype
    try:
        return fn()
    finally:
        hd._spectro, hd._ispectro = original


def hdemucs():
    seed = 91
    torch.manual_seed(seed)
    model = hd.HDemucs(**HDEMUCS).double()
    g = torch.Generator().manual_seed(191)
    perturbed = perturb_norms(model, g, torch.nn.GroupNorm)
    with torch.no_grad():   # layer scales start at 1e-4, which would hide the DConv branches
        for name, m in model.named_modules():
            if isinstance(m, hd._LayerScale):
                m.scale.copy_(0.5 + 0.2 * torch.randn(m.scale.shape, generator=g, dtype=m.scale.dtype))
                perturbed.append(name + '.scale')
    torch.save(model.state_dict(), os.path.join(OUT, 'hdemucs_small.pt'))
    model.eval()
    mixture = rounded_normal(torch.Generator().manual_seed(192), 2, 2, 100)
    with torch.no_grad():
        out32 = model(mixture)
        out = with_windows_in_dtype(lambda: model(mixture))
    # the BLSTM's framing (inputs longer than 200 steps run as overlapping chunks of 200)
    torch.manual_seed(93)
    blstm = hd._BLSTM(3, layers=2, skip=True).double()
    torch.save(blstm.state_dict(), os.path.join(OUT, 'hdemucs_blstm.pt'))
    blstm_in = rounded_normal(torch.Generator().manual_seed(193), 1, 3, 230)
    with torch.no_grad():
        blstm_out = blstm(blstm_in)
    factories = {}
    for name in ('hdemucs_low', 'hdemucs_medium', 'hdemucs_high'):
        m = getattr(hd, name)(SOURCES)
        factories[name] = dict(keys=keys_and_shapes(m), parameters=sum(p.numel() for p in m.parameters()))
    small = hd.HDemucs(**HDEMUCS).double()
    errors = dict(
        dim=dict(shape=[2, 100], message=message(lambda: small(torch.zeros(2, 100, dtype=torch.float64)))),
        channels=dict(shape=[1, 1, 100], message=message(lambda: small(torch.zeros(1, 1, 100, dtype=torch.float64)))),
        heads=dict(dconv_comp=4, message=message(lambda: hd.HDemucs(**dict(HDEMUCS, dconv_comp=4)))),
        kernel=dict(kernel_size=7, message=message(lambda: hd.HDemucs(**dict(HDEMUCS, kernel_size=7)))),
        length=dict(shape=[1, 2, 20], message=message(lambda: small(torch.zeros(1, 2, 20, dtype=torch.float64)))),
    )
    return dict(config=HDEMUCS, seed=seed, perturbed=perturbed, mixture=tensor(mixture), output=tensor(out),
                output_float32_window=tensor(out32),
                blstm=dict(seed=93, dim=3, layers=2, input=tensor(blstm_in), output=tensor(blstm_out)),
                factory_sources=SOURCES, factories=factories, errors=errors)


def main():
    assert torch.__version__.startswith('1.13'), torch.__version__
    assert torchaudio.__version__.startswith('0.13'), torchaudio.__version__
    write('tts.json', dict(tacotron2=tacotron2(), hdemucs=hdemucs()))


if __name__ == '__main__':
    main()
