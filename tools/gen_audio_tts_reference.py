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
                      scales' parameters moved off their defaults.
  tts.json            tacotron2: the configuration, inputs, forward's four outputs in eval mode and in
                      training mode after torch.manual_seed (the prenet's dropout is always on: the Java
                      side draws the same masks from the same seed), infer's outputs (with and without
                      lengths, early stopping and the max-step cut), the default model's keys and shapes,
                      and torchaudio's error messages.
                      hdemucs: the configuration, a short stereo mixture and the separated sources (eval
                      mode), the three factories' keys and shapes, and the error messages.
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


def main():
    assert torch.__version__.startswith('1.13'), torch.__version__
    assert torchaudio.__version__.startswith('0.13'), torchaudio.__version__
    write('tts.json', dict(tacotron2=tacotron2()))


if __name__ == '__main__':
    main()
