#!/usr/bin/python3
"""Writes torchaudio 0.13's answers for torch4j's audio models (ecosystem/audio, org.torch4j.audio.models).

Run with Debian's interpreter, which has PyTorch 1.13 and torchaudio 0.13.1:

    /usr/bin/python3 tools/gen_audio_models_reference.py

It writes, under ecosystem/audio/src/test/resources/reference/audio/:
  wav2vec2_<name>.pt  torch.save(model.state_dict()) of two small float64 Wav2Vec2Models built by
                      torchaudio.models.wav2vec2_model (configs below): default initialisation after
                      torch.manual_seed, with the norm layers' affine parameters and the positional
                      convolution's weight_g moved off their defaults so that they matter.
  models.json         for each small Wav2Vec2Model: its arguments, the waveforms and lengths, and in eval
                      mode the output without lengths, the output and lengths with lengths, and
                      extract_features (all layers, and num_layers=1); in training mode with every dropout
                      at 0 and layer_drop 1 (every layer skipped); the state_dict keys and shapes of
                      wav2vec2_base (hubert_base has the same); the arguments each factory passes to
                      wav2vec2_model, read back from the modules it builds; torchaudio's error messages.
                      Wav2Letter and DeepSpeech: seeds, inputs and the float64 outputs of models built
                      right after torch.manual_seed(seed) (default initialisation, which torch4j reproduces)
                      and cast to float64; their state_dict keys and shapes.
  conv_tasnet_<name>.pt, and ConvTasNet in models.json: two small float64 ConvTasNets (see TASNET and
                      conv_tasnet()), their inputs and outputs; conv_tasnet_base's keys, shapes and receptive
                      field; its error messages.
  conformer_<name>.pt, and Conformer in models.json: two small float64 Conformers (see CONFORMER and
                      conformer()), their inputs, lengths and outputs in eval mode and, with dropout 0, in
                      training mode (batch statistics); state_dict keys and shapes; error messages.
  wavernn_<name>.pt, and WaveRNN in models.json: two small float64 WaveRNNs (see WAVERNN and wavernn()),
                      forward's inputs and outputs in eval and training mode, infer's samples after
                      torch.manual_seed, keys and shapes, error messages.
  emformer_<name>.pt, and Emformer in models.json: three small float64 Emformers (see EMFORMER and
                      emformer()), forward's inputs and outputs in eval mode, a stream of infer calls (inputs,
                      outputs, output lengths, the final states), keys and shapes, error messages.
Every run writes the same files (fixed seeds; the .pt files are byte-identical across runs).
"""
import os
import sys
import warnings

import torch
import torchaudio
from torchaudio.models import Conformer, ConvTasNet, DeepSpeech, Emformer, Wav2Letter, WaveRNN, conv_tasnet_base
from torchaudio.models import emformer as emformer_module
from torchaudio.models import wav2vec2 as w2v
from torchaudio.models.wav2vec2 import components

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_audio_reference import OUT, tensor, write  # noqa: E402  (one JSON form for all audio references)
from reference_io import rounded_normal  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)

# Two small configurations that together take every branch: group norm vs layer norm in the feature
# extractor, post-norm vs pre-norm encoder layers, an even (one frame trimmed) vs odd positional kernel,
# with and without conv bias and the aux head.
SMALL = {
    'group_norm': dict(extractor_mode='group_norm', extractor_conv_layer_config=[(6, 10, 5), (8, 3, 2), (8, 2, 2)],
                       extractor_conv_bias=False, encoder_embed_dim=12, encoder_projection_dropout=0.1,
                       encoder_pos_conv_kernel=4, encoder_pos_conv_groups=3, encoder_num_layers=2, encoder_num_heads=3,
                       encoder_attention_dropout=0.1, encoder_ff_interm_features=20, encoder_ff_interm_dropout=0.1,
                       encoder_dropout=0.1, encoder_layer_norm_first=False, encoder_layer_drop=0.1, aux_num_out=5),
    'layer_norm': dict(extractor_mode='layer_norm', extractor_conv_layer_config=[(6, 10, 5), (8, 3, 2)],
                       extractor_conv_bias=True, encoder_embed_dim=8, encoder_projection_dropout=0.0,
                       encoder_pos_conv_kernel=3, encoder_pos_conv_groups=2, encoder_num_layers=2, encoder_num_heads=2,
                       encoder_attention_dropout=0.0, encoder_ff_interm_features=16, encoder_ff_interm_dropout=0.0,
                       encoder_dropout=0.0, encoder_layer_norm_first=True, encoder_layer_drop=0.0, aux_num_out=None),
}


def small_model(name, seed):
    torch.manual_seed(seed)
    model = w2v.wav2vec2_model(**SMALL[name]).double()
    g = torch.Generator().manual_seed(seed + 100)
    with torch.no_grad():
        for key, p in model.named_parameters():
            leaf = key.rsplit('.', 1)[-1]
            is_norm = 'layer_norm' in key or (key.startswith('feature_extractor') and p.dim() == 1 and leaf in ('weight', 'bias'))
            if leaf == 'weight_g':
                p.mul_(1 + 0.2 * torch.randn(p.shape, generator=g, dtype=p.dtype))
            elif is_norm and leaf == 'weight':
                p.copy_(1 + 0.2 * torch.randn(p.shape, generator=g, dtype=p.dtype))
            elif is_norm and leaf == 'bias':
                p.copy_(0.2 * torch.randn(p.shape, generator=g, dtype=p.dtype))
    return model


def waveforms(seed, shape):
    """Seeded normal inputs with two decimals: short in JSON, exact in float64."""
    return rounded_normal(torch.Generator().manual_seed(seed), *shape)


def wav2vec2_small(name, seed):
    model = small_model(name, seed)
    torch.save(model.state_dict(), os.path.join(OUT, 'wav2vec2_%s.pt' % name))
    x = waveforms(seed + 1, (2, 160))
    lengths = torch.tensor([160, 95])
    model.eval()
    with torch.no_grad():
        out, none = model(x)
        assert none is None
        out_l, len_l = model(x, lengths)
        feats, flen = model.extract_features(x, lengths)
        feats1, _ = model.extract_features(x, lengths, num_layers=1)
    config = {k: ([list(c) for c in v] if k == 'extractor_conv_layer_config' else v) for k, v in SMALL[name].items()}
    entry = dict(config=config, seed=seed, waveforms=tensor(x), lengths=lengths.tolist(), output=tensor(out),
                 output_with_lengths=tensor(out_l), out_lengths=len_l.tolist(),
                 features=[tensor(f) for f in feats], features_1=[tensor(f) for f in feats1], feature_lengths=flen.tolist())
    # training mode, deterministic: no dropout anywhere and every layer dropped by layer_drop
    train_cfg = dict(SMALL[name], encoder_projection_dropout=0.0, encoder_attention_dropout=0.0, encoder_ff_interm_dropout=0.0,
                     encoder_dropout=0.0, encoder_layer_drop=1.0)
    trained = w2v.wav2vec2_model(**train_cfg).double()
    trained.load_state_dict(model.state_dict())
    trained.train()
    with torch.no_grad():
        entry['train_all_layers_dropped'] = tensor(trained(x, lengths)[0])
    return entry


FACTORIES = ['wav2vec2_base', 'wav2vec2_large', 'wav2vec2_large_lv60k', 'hubert_base', 'hubert_large', 'hubert_xlarge']


def factory_config(name):
    """The wav2vec2_model arguments factory `name` uses, read back from a model it builds (float32,
    default arguments), so that the Java factories are checked against what torchaudio builds."""
    model = getattr(w2v, name)()
    fe, enc = model.feature_extractor, model.encoder
    blocks = list(fe.conv_layers)
    first_norm = blocks[0].layer_norm
    t = enc.transformer
    layer = t.layers[0]
    return dict(
        extractor_mode='group_norm' if isinstance(first_norm, torch.nn.GroupNorm) else 'layer_norm',
        extractor_conv_layer_config=[[b.conv.out_channels, b.kernel_size, b.stride] for b in blocks],
        extractor_conv_bias=blocks[0].conv.bias is not None,
        encoder_embed_dim=t.pos_conv_embed.embed_dim,
        encoder_projection_dropout=enc.feature_projection.dropout.p,
        encoder_pos_conv_kernel=t.pos_conv_embed.kernel_size,
        encoder_pos_conv_groups=t.pos_conv_embed.conv.groups,
        encoder_num_layers=len(t.layers),
        encoder_num_heads=layer.attention.num_heads,
        encoder_attention_dropout=layer.attention.dropout.p,
        encoder_ff_interm_features=layer.feed_forward.intermediate_dense.out_features,
        encoder_ff_interm_dropout=layer.feed_forward.intermediate_dropout.p,
        encoder_dropout=layer.dropout.p,
        encoder_layer_norm_first=layer.layer_norm_first,
        encoder_layer_drop=t.layer_drop,
        aux_num_out=None if model.aux is None else model.aux.out_features,
    )


def keys_and_shapes(model):
    return [[k, list(v.shape)] for k, v in model.state_dict().items()]


def message(fn, error=ValueError):
    try:
        fn()
    except error as e:
        return str(e)
    raise AssertionError('no ' + error.__name__)


def errors():
    cfg = dict(SMALL['group_norm'])
    model = w2v.wav2vec2_model(**cfg).double().eval()
    attention = components.SelfAttention(12, 3)
    return dict(
        waveform_3d=dict(shape=[1, 2, 160], message=message(lambda: model(torch.zeros(1, 2, 160, dtype=torch.float64)))),
        waveform_1d=dict(shape=[160], message=message(lambda: model(torch.zeros(160, dtype=torch.float64)))),
        norm_mode=dict(mode='batch_norm', message=message(lambda: w2v.wav2vec2_model(**dict(cfg, extractor_mode='batch_norm')))),
        heads=dict(embed_dim=10, num_heads=3, message=message(lambda: components.SelfAttention(10, 3))),
        num_layers=[dict(num_layers=n, message=message(lambda n=n: model.extract_features(torch.zeros(1, 160, dtype=torch.float64),
                                                                                             num_layers=n)))
                    for n in (0, 3)],
        attention_input=dict(embed_dim=12, num_heads=3, shape=[2, 5, 8], message=message(lambda: attention(torch.zeros(2, 5, 8)))),
        attention_mask=dict(embed_dim=12, num_heads=3, shape=[2, 5, 12], mask_shape=[2, 1, 5, 4],
                            message=message(lambda: attention(torch.zeros(2, 5, 12), torch.zeros(2, 1, 5, 4)))),
    )


def wav2letter():
    out = []
    for (seed, num_classes, input_type, num_features, shape) in [
        (11, 40, 'waveform', 1, (2, 1, 1000)),
        (12, 6, 'mfcc', 3, (2, 3, 9)),
        (13, 5, 'power_spectrum', 4, (1, 4, 7)),
    ]:
        torch.manual_seed(seed)
        model = Wav2Letter(num_classes, input_type, num_features).double().eval()
        x = waveforms(seed + 1, shape)
        with torch.no_grad():
            y = model(x)
        out.append(dict(seed=seed, num_classes=num_classes, input_type=input_type, num_features=num_features,
                        input=tensor(x), output=tensor(y), keys=keys_and_shapes(model)))
    return out


def deepspeech():
    out = []
    for (seed, n_feature, n_hidden, n_class, dropout, shape) in [
        (21, 6, 8, 5, 0.0, (2, 1, 4, 6)),
        (22, 5, 7, 4, 0.3, (3, 1, 5, 5)),
    ]:
        torch.manual_seed(seed)
        model = DeepSpeech(n_feature, n_hidden, n_class, dropout).double().eval()
        x = waveforms(seed + 1, shape)
        with torch.no_grad():
            y = model(x)
        out.append(dict(seed=seed, n_feature=n_feature, n_hidden=n_hidden, n_class=n_class, dropout=dropout,
                        input=tensor(x), output=tensor(y), keys=keys_and_shapes(model)))
    return out


# Two small ConvTasNets: an even and an odd encoder kernel (the odd one pads differently), sigmoid and relu masks.
TASNET = {
    'sigmoid': dict(num_sources=2, enc_kernel_size=4, enc_num_feats=6, msk_kernel_size=3, msk_num_feats=5, msk_num_hidden_feats=7,
                    msk_num_layers=2, msk_num_stacks=2, msk_activate='sigmoid'),
    'relu': dict(num_sources=3, enc_kernel_size=5, enc_num_feats=4, msk_kernel_size=3, msk_num_feats=4, msk_num_hidden_feats=6,
                 msk_num_layers=3, msk_num_stacks=1, msk_activate='relu'),
}


def conv_tasnet():
    """Each small ConvTasNet: default initialisation after torch.manual_seed, with the PReLU slopes and
    group norms' affine parameters moved off their defaults, saved as conv_tasnet_<name>.pt; inputs of a
    length the strides divide and of one they do not (padded, then trimmed); the outputs in eval mode."""
    out = {}
    for i, (name, cfg) in enumerate(TASNET.items()):
        torch.manual_seed(31 + i)
        model = ConvTasNet(**cfg).double().eval()
        g = torch.Generator().manual_seed(131 + i)
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, torch.nn.GroupNorm):
                    m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=g, dtype=m.weight.dtype))
                    m.bias.copy_(0.2 * torch.randn(m.bias.shape, generator=g, dtype=m.bias.dtype))
                elif isinstance(m, torch.nn.PReLU):
                    m.weight.copy_(0.25 + 0.2 * torch.randn(m.weight.shape, generator=g, dtype=m.weight.dtype))
        torch.save(model.state_dict(), os.path.join(OUT, 'conv_tasnet_%s.pt' % name))
        cases = []
        for j, frames in enumerate((24, 27)):
            x = waveforms(231 + 10 * i + j, (2, 1, frames))
            with torch.no_grad():
                cases.append(dict(input=tensor(x), output=tensor(model(x))))
        out[name] = dict(config=cfg, receptive_field=model.mask_generator.receptive_field, cases=cases)
    base = conv_tasnet_base()
    errors = dict(input_2d=dict(shape=[2, 100], message=message(lambda: base(torch.zeros(2, 100)))),
                  input_2ch=dict(shape=[1, 2, 100], message=message(lambda: base(torch.zeros(1, 2, 100)))),
                  activate=dict(msk_activate='tanh', message=message(lambda: ConvTasNet(msk_activate='tanh'))))
    return dict(small=out, base_keys=keys_and_shapes(base), base_receptive_field=base.mask_generator.receptive_field, errors=errors)


# Two small Conformers: batch norm with attention before convolution, and group norm with convolution first.
CONFORMER = {
    'batch_norm': dict(input_dim=8, num_heads=2, ffn_dim=12, num_layers=2, depthwise_conv_kernel_size=3, dropout=0.0,
                       use_group_norm=False, convolution_first=False),
    'group_norm': dict(input_dim=6, num_heads=3, ffn_dim=10, num_layers=2, depthwise_conv_kernel_size=5, dropout=0.1,
                       use_group_norm=True, convolution_first=True),
}


def conformer():
    """Each small Conformer: default initialisation after torch.manual_seed, with the norms' affine
    parameters, the batch norms' running statistics and the attention biases (which start at 0) moved off
    their defaults, saved as conformer_<name>.pt; a padded batch (lengths 7 and 4); its outputs."""
    out = {}
    for i, (name, cfg) in enumerate(CONFORMER.items()):
        torch.manual_seed(41 + i)
        model = Conformer(**cfg).double()
        g = torch.Generator().manual_seed(141 + i)
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, (torch.nn.LayerNorm, torch.nn.GroupNorm, torch.nn.BatchNorm1d)):
                    m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=g, dtype=m.weight.dtype))
                    m.bias.copy_(0.2 * torch.randn(m.bias.shape, generator=g, dtype=m.bias.dtype))
                if isinstance(m, torch.nn.BatchNorm1d):
                    m.running_mean.copy_(0.2 * torch.randn(m.running_mean.shape, generator=g, dtype=m.running_mean.dtype))
                    m.running_var.copy_(1 + 0.5 * torch.rand(m.running_var.shape, generator=g, dtype=m.running_var.dtype))
                if isinstance(m, torch.nn.MultiheadAttention):
                    m.in_proj_bias.copy_(0.2 * torch.randn(m.in_proj_bias.shape, generator=g, dtype=m.in_proj_bias.dtype))
                    m.out_proj.bias.copy_(0.2 * torch.randn(m.out_proj.bias.shape, generator=g, dtype=m.out_proj.bias.dtype))
        torch.save(model.state_dict(), os.path.join(OUT, 'conformer_%s.pt' % name))
        x = waveforms(241 + i, (2, 7, cfg['input_dim']))
        lengths = torch.tensor([7, 4])
        model.eval()
        with torch.no_grad():
            y, out_lengths = model(x, lengths)
        trained = Conformer(**dict(cfg, dropout=0.0)).double()
        trained.load_state_dict(model.state_dict())
        trained.train()
        with torch.no_grad():
            y_train = trained(x, lengths)[0]
        out[name] = dict(config=cfg, input=tensor(x), lengths=lengths.tolist(), output=tensor(y), out_lengths=out_lengths.tolist(),
                         train_output=tensor(y_train), keys=keys_and_shapes(model))
    small = Conformer(8, 2, 12, 1, 3).double().eval()
    errors = dict(kernel=dict(depthwise_conv_kernel_size=4, message=message(lambda: Conformer(8, 2, 12, 1, 4))),
                  heads=dict(input_dim=8, num_heads=3, message=message(lambda: Conformer(8, 3, 12, 1, 3), AssertionError)),
                  lengths=dict(shape=[2, 7, 8], lengths=[5, 3],
                               message=message(lambda: small(torch.zeros(2, 7, 8, dtype=torch.float64), torch.tensor([5, 3])),
                                               AssertionError)))
    return dict(small=out, errors=errors)


# Two small WaveRNNs (odd kernels: with an even one torchaudio's forward cannot concatenate its two upsampled
# streams): two upsampling stages and two res blocks, and one stage, one block and a wider auxiliary output.
WAVERNN = {
    'two_scales': dict(upsample_scales=[2, 3], n_classes=16, hop_length=6, n_res_block=2, n_rnn=8, n_fc=7, kernel_size=3,
                       n_freq=5, n_hidden=6, n_output=8),
    'one_scale': dict(upsample_scales=[2], n_classes=8, hop_length=2, n_res_block=1, n_rnn=6, n_fc=5, kernel_size=5,
                      n_freq=4, n_hidden=5, n_output=12),
}


def wavernn():
    """Each small WaveRNN: default initialisation after torch.manual_seed, with the batch norms' affine
    parameters and running statistics and the upsampling convolutions (which start constant) moved off
    their defaults, saved as wavernn_<name>.pt; forward on two spectrogram frames more than the kernel's
    context, in eval and in training mode (batch statistics); infer on the spectrograms alone, after
    torch.manual_seed(seed) (its multinomial draws), with lengths."""
    out = {}
    for i, (name, cfg) in enumerate(WAVERNN.items()):
        torch.manual_seed(51 + i)
        model = WaveRNN(**cfg).double()
        g = torch.Generator().manual_seed(151 + i)
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, torch.nn.BatchNorm1d):
                    m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=g, dtype=m.weight.dtype))
                    m.bias.copy_(0.2 * torch.randn(m.bias.shape, generator=g, dtype=m.bias.dtype))
                    m.running_mean.copy_(0.2 * torch.randn(m.running_mean.shape, generator=g, dtype=m.running_mean.dtype))
                    m.running_var.copy_(1 + 0.5 * torch.rand(m.running_var.shape, generator=g, dtype=m.running_var.dtype))
                if isinstance(m, torch.nn.Conv2d):
                    m.weight.mul_(1 + 0.3 * torch.randn(m.weight.shape, generator=g, dtype=m.weight.dtype))
        torch.save(model.state_dict(), os.path.join(OUT, 'wavernn_%s.pt' % name))
        n_time = cfg['kernel_size'] + 3
        specgram = waveforms(251 + i, (2, 1, cfg['n_freq'], n_time))
        waveform = waveforms(261 + i, (2, 1, (n_time - cfg['kernel_size'] + 1) * cfg['hop_length'])).clamp(-1, 1)
        model.eval()
        with torch.no_grad():
            y = model(waveform, specgram)
            torch.manual_seed(71 + i)
            samples, sample_lengths = model.infer(specgram.squeeze(1), torch.tensor([n_time, n_time - 2]))
        model.train()
        with torch.no_grad():
            y_train = model(waveform, specgram)
        out[name] = dict(config=cfg, waveform=tensor(waveform), specgram=tensor(specgram), output=tensor(y), train_output=tensor(y_train),
                         infer_seed=71 + i, infer_lengths=[n_time, n_time - 2], infer_output=tensor(samples),
                         infer_out_lengths=sample_lengths.tolist(), keys=keys_and_shapes(model))
    small = WaveRNN(**WAVERNN['two_scales']).double().eval()
    spec = torch.zeros(1, 1, 5, 6, dtype=torch.float64)
    errors = dict(hop=dict(upsample_scales=[2, 3], hop_length=5,
                           message=message(lambda: WaveRNN(**dict(WAVERNN['two_scales'], hop_length=5)))),
                  waveform=dict(waveform=[1, 2, 24], specgram=[1, 1, 5, 6],
                                message=message(lambda: small(torch.zeros(1, 2, 24, dtype=torch.float64), spec))),
                  specgram=dict(waveform=[1, 1, 24], specgram=[1, 2, 5, 6],
                                message=message(lambda: small(torch.zeros(1, 1, 24, dtype=torch.float64),
                                                              torch.zeros(1, 2, 5, 6, dtype=torch.float64)))))
    return dict(small=out, errors=errors)


# Three small Emformers: memory with left and right context (ReLU, depthwise gains, clamped memory); right
# context only, no memory (GELU, constant gains, tanh on memory); memory without context (SiLU, no gains).
EMFORMER = {
    'memory_context': dict(input_dim=8, num_heads=2, ffn_dim=12, num_layers=2, segment_length=3, dropout=0.0, activation='relu',
                           left_context_length=2, right_context_length=1, max_memory_size=2, weight_init_scale_strategy='depthwise',
                           tanh_on_mem=False),
    'right_context': dict(input_dim=6, num_heads=3, ffn_dim=10, num_layers=2, segment_length=4, dropout=0.1, activation='gelu',
                          left_context_length=0, right_context_length=2, max_memory_size=0, weight_init_scale_strategy='constant',
                          tanh_on_mem=True),
    'memory_only': dict(input_dim=4, num_heads=1, ffn_dim=6, num_layers=1, segment_length=2, dropout=0.0, activation='silu',
                        left_context_length=0, right_context_length=0, max_memory_size=1, weight_init_scale_strategy=None,
                        tanh_on_mem=True),
}


def float64_attention_probs(self, weights, attention_mask, padding_mask):
    """Emformer's masked softmax without torchaudio's `.float()`, which for a float64 model rounds the
    attention logits to float32 (torch4j keeps float64 there, so that gradcheck can work): the same masks
    and -1e8 fill, in the logits' own dtype."""
    w = weights.masked_fill(attention_mask.unsqueeze(0), self.negative_inf)
    if padding_mask is not None:
        heads = self.num_heads
        w = w.view(w.size(0) // heads, heads, w.size(1), -1)
        w = w.masked_fill(padding_mask.bool()[:, None, None, :], self.negative_inf).view_as(weights)
    return torch.nn.functional.dropout(torch.softmax(w, -1), p=float(self.dropout), training=self.training)


def emformer_runs(model, x, lengths, stream, seg, rc):
    """forward on (x, lengths), and three infer calls on consecutive segments of `stream` (the last with a
    shorter second sequence) carrying the states."""
    with torch.no_grad():
        y, out_lengths = model(x, lengths)
    calls = []
    states = None
    for c in range(3):
        chunk = stream[:, c * seg: c * seg + seg + rc]
        chunk_lengths = torch.tensor([seg + rc, seg + rc - (1 if c == 2 else 0)])
        with torch.no_grad():
            o, o_lengths, states = model.infer(chunk, chunk_lengths, states)
        calls.append(dict(input=tensor(chunk), lengths=chunk_lengths.tolist(), output=tensor(o), out_lengths=o_lengths.tolist()))
    final_states = [[tensor(t) for t in layer[:3]] + [layer[3].tolist()] for layer in states]
    return tensor(y), out_lengths.tolist(), calls, final_states


def emformer():
    """Each small Emformer: default initialisation after torch.manual_seed, with the layer norms' affine
    parameters moved off their defaults, saved as emformer_<name>.pt; forward on a padded batch (8 frames
    and 6, plus the right context) and three infer calls on a stream (emformer_runs), computed with the
    attention's softmax in float64 (float64_attention_probs); and forward's output as torchaudio computes it
    (float32 softmax), `output_float32_softmax`, which the float64 one matches only to about 1e-6."""
    out = {}
    for i, (name, cfg) in enumerate(EMFORMER.items()):
        torch.manual_seed(61 + i)
        model = Emformer(**cfg).double()
        g = torch.Generator().manual_seed(161 + i)
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, torch.nn.LayerNorm):
                    m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=g, dtype=m.weight.dtype))
                    m.bias.copy_(0.2 * torch.randn(m.bias.shape, generator=g, dtype=m.bias.dtype))
        torch.save(model.state_dict(), os.path.join(OUT, 'emformer_%s.pt' % name))
        model.eval()
        rc, seg, dim = cfg['right_context_length'], cfg['segment_length'], cfg['input_dim']
        x = waveforms(271 + i, (2, 8 + rc, dim))
        lengths = torch.tensor([8, 6])
        stream = waveforms(281 + i, (2, 3 * seg + rc, dim))
        y32, _, _, _ = emformer_runs(model, x, lengths, stream, seg, rc)
        original = emformer_module._EmformerAttention._gen_attention_probs
        emformer_module._EmformerAttention._gen_attention_probs = float64_attention_probs
        try:
            y, out_lengths, calls, final_states = emformer_runs(model, x, lengths, stream, seg, rc)
        finally:
            emformer_module._EmformerAttention._gen_attention_probs = original
        out[name] = dict(config=cfg, input=tensor(x), lengths=lengths.tolist(), output=y, out_lengths=out_lengths, output_float32_softmax=y32,
                         infer=calls, final_states=final_states, keys=keys_and_shapes(model))
    small = Emformer(8, 2, 12, 1, 3, right_context_length=1).double().eval()
    errors = dict(heads=dict(input_dim=8, num_heads=3, message=message(lambda: Emformer(8, 3, 12, 1, 3))),
                  activation=dict(activation='tanh', message=message(lambda: Emformer(8, 2, 12, 1, 3, activation='tanh'))),
                  strategy=dict(strategy='uniform', message=message(lambda: Emformer(8, 2, 12, 1, 3, weight_init_scale_strategy='uniform'))),
                  infer=dict(shape=[2, 5, 8], message=message(lambda: small.infer(torch.zeros(2, 5, 8, dtype=torch.float64),
                                                                                    torch.tensor([5, 5])))))
    return dict(small=out, errors=errors)


def main():
    assert torch.__version__.startswith('1.13'), torch.__version__
    assert torchaudio.__version__.startswith('0.13'), torchaudio.__version__
    data = dict(wav2vec2=dict(small={'group_norm': wav2vec2_small('group_norm', 1), 'layer_norm': wav2vec2_small('layer_norm', 2)},
                              base_keys=keys_and_shapes(w2v.wav2vec2_base()),
                              factories={name: factory_config(name) for name in FACTORIES},
                              errors=errors()),
                wav2letter=wav2letter(),
                deepspeech=deepspeech(),
                conv_tasnet=conv_tasnet(),
                conformer=conformer(),
                wavernn=wavernn(),
                emformer=emformer())
    assert keys_and_shapes(w2v.hubert_base()) == data['wav2vec2']['base_keys']
    write('models.json', data)


if __name__ == '__main__':
    main()
