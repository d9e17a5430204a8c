#!/usr/bin/python3
"""Writes torchaudio 0.13's answers for torch4j's RNN-T port (org.torch4j.audio.models.RNNT,
RNNTBeamSearch, AudioFunctional.rnntLoss and transforms.RNNTLoss).

Run with Debian's interpreter, which has PyTorch 1.13 and torchaudio 0.13.1:

    /usr/bin/python3 tools/gen_audio_rnnt_reference.py

It writes, under ecosystem/audio/src/test/resources/reference/audio/:
  rnnt_<name>.pt  torch.save(model.state_dict()) of two small float64 RNN-T models built by
                  torchaudio.models.emformer_rnnt_model (RNNT below): default initialisation after
                  torch.manual_seed, the layer norms' affine parameters moved off their defaults.
  rnnt.json       for each small model: its arguments; in eval mode forward (sources, lengths, targets,
                  target lengths; once without and once with a predictor state), transcribe, three
                  transcribe_streaming calls carrying the state, predict and join; keys and shapes.
                  The Emformer's attention softmax is kept in float64 (gen_audio_models_reference's
                  float64_attention_probs, as for the Emformer tests). RNNTBeamSearch on the first model:
                  the hypotheses (tokens, scores) of forward and of two streaming infer calls, and of forward on
                  the model cast to float32 (torchaudio's float32 score arithmetic).
                  emformer_rnnt_base(4097)'s keys, shapes and parameter count. rnnt_loss: logits, targets,
                  lengths, blank, clamp, reduction, the loss and the gradient of the loss (for "none": of the
                  costs weighted by `weights`) for float32 logits, as torchaudio computes them; for float64
                  logits (which torchaudio 0.13 refuses) the same quantities from a float64 alpha recursion
                  written with torch ops (rnnt_loss_float64), checked here against torchaudio's float32
                  results. torchaudio's error messages.
  hubert_pretrain_small.pt, hubert_pretrain.json: torchaudio.models.hubert_pretrain_model, HuBERT's pretraining
                  model: a small float64 model (HUBERT below) right after torch.manual_seed (its own initialisation,
                  _init_hubert_pretrain_model, which torch4j reproduces), its state dict; forward's logit_m, logit_u
                  and feature penalty after torch.manual_seed (the mask generator draws its masks from torch's
                  generator, no numpy), with and without audio lengths, with the cosine similarities in float64
                  (float64_compute_logits; torchaudio rounds them to float32, kept as `*_float32`); masks of
                  _compute_mask_indices for several settings after torch.manual_seed; the arguments each
                  hubert_pretrain_* factory passes, read back from the modules it builds; hubert_pretrain_base's keys
                  and shapes; error messages.
Every run writes the same files (fixed seeds).
"""
import copy
import os
import sys
import warnings

import torch
import torchaudio
import torchaudio.functional as AF
from torchaudio.models import RNNTBeamSearch, emformer_rnnt_base, emformer_rnnt_model
from torchaudio.models import emformer as emformer_module
from torchaudio.models import wav2vec2 as w2v
from torchaudio.models.wav2vec2 import components

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_audio_reference import OUT, tensor, write  # noqa: E402
from gen_audio_models_reference import float64_attention_probs, keys_and_shapes, message, waveforms  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
emformer_module._EmformerAttention._gen_attention_probs = float64_attention_probs

# Two small models that together take every branch: layer-normed LSTMs or not, memory or not, left
# context, gelu/relu, the weight-init strategies.
RNNT = {
    'layer_norm': dict(input_dim=6, encoding_dim=8, num_symbols=5, segment_length=4, right_context_length=2,
                       time_reduction_input_dim=4, time_reduction_stride=2, transformer_num_heads=2, transformer_ffn_dim=10,
                       transformer_num_layers=2, transformer_dropout=0.0, transformer_activation='gelu',
                       transformer_left_context_length=2, transformer_max_memory_size=0,
                       transformer_weight_init_scale_strategy='depthwise', transformer_tanh_on_mem=True,
                       symbol_embedding_dim=6, num_lstm_layers=2, lstm_layer_norm=True, lstm_layer_norm_epsilon=1e-3,
                       lstm_dropout=0.0),
    'memory': dict(input_dim=5, encoding_dim=6, num_symbols=4, segment_length=6, right_context_length=3,
                   time_reduction_input_dim=3, time_reduction_stride=3, transformer_num_heads=1, transformer_ffn_dim=8,
                   transformer_num_layers=1, transformer_dropout=0.0, transformer_activation='relu',
                   transformer_left_context_length=0, transformer_max_memory_size=2,
                   transformer_weight_init_scale_strategy=None, transformer_tanh_on_mem=False,
                   symbol_embedding_dim=4, num_lstm_layers=1, lstm_layer_norm=False, lstm_layer_norm_epsilon=1e-5,
                   lstm_dropout=0.0),
}


def small_model(name, seed):
    torch.manual_seed(seed)
    model = emformer_rnnt_model(**RNNT[name]).double()
    g = torch.Generator().manual_seed(seed + 100)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.LayerNorm):
                m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=g, dtype=m.weight.dtype))
                m.bias.copy_(0.2 * torch.randn(m.bias.shape, generator=g, dtype=m.bias.dtype))
    torch.save(model.state_dict(), os.path.join(OUT, 'rnnt_%s.pt' % name))
    return model.eval()


def states(s):
    return [[tensor(t) for t in layer] for layer in s]


def emformer_states(s):
    return [[tensor(t) for t in layer[:3]] + [layer[3].tolist()] for layer in s]


def targets_for(seed, batch, length, num_symbols):
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, num_symbols, (batch, length), generator=g)


def rnnt_small(name, seed):
    cfg = RNNT[name]
    model = small_model(name, seed)
    seg, rc, stride = cfg['segment_length'], cfg['right_context_length'], cfg['time_reduction_stride']
    frames = 2 * seg
    sources = waveforms(seed + 10, (2, frames + rc, cfg['input_dim']))
    source_lengths = torch.tensor([frames, frames - stride - 1])
    targets = targets_for(seed + 20, 2, 3, cfg['num_symbols'])
    target_lengths = torch.tensor([3, 2])
    out = dict(config=cfg, sources=tensor(sources), source_lengths=source_lengths.tolist(), targets=targets.tolist(),
               target_lengths=target_lengths.tolist(), keys=keys_and_shapes(model))
    with torch.no_grad():
        y, sl, tl, ps = model(sources, source_lengths, targets, target_lengths)
        out['forward'] = dict(output=tensor(y), source_lengths=sl.tolist(), target_lengths=tl.tolist(), state=states(ps))
        y2, _, _, ps2 = model(sources, source_lengths, targets, target_lengths, ps)
        out['forward_with_state'] = dict(output=tensor(y2), state=states(ps2))
        enc, enc_lengths = model.transcribe(sources, source_lengths)
        out['transcribe'] = dict(output=tensor(enc), lengths=enc_lengths.tolist())
        stream = waveforms(seed + 30, (2, 3 * seg + rc, cfg['input_dim']))
        calls, state = [], None
        for c in range(3):
            chunk = stream[:, c * seg: c * seg + seg + rc]
            chunk_lengths = torch.tensor([seg + rc, seg + rc - (stride if c == 2 else 0)])
            o, o_lengths, state = model.transcribe_streaming(chunk, chunk_lengths, state)
            calls.append(dict(input=tensor(chunk), lengths=chunk_lengths.tolist(), output=tensor(o), out_lengths=o_lengths.tolist()))
        out['streaming'] = dict(calls=calls, final_states=emformer_states(state))
        p, p_lengths, p_state = model.predict(targets, target_lengths, None)
        out['predict'] = dict(output=tensor(p), lengths=p_lengths.tolist(), state=states(p_state))
        j, jl, jt = model.join(enc, enc_lengths, p, p_lengths)
        out['join'] = dict(output=tensor(j), source_lengths=jl.tolist(), target_lengths=jt.tolist())
    return out, model


def hypos(hs):
    return [dict(tokens=h[0], score=float(h[3]), predictor_out=tensor(h[1])) for h in hs]


def beam_search(model, cfg):
    """RNNTBeamSearch(model, blank=num_symbols - 1) with beam width 3: forward on one utterance, and infer on two
    consecutive segments carrying the transcriber state and the best hypothesis."""
    decoder = RNNTBeamSearch(model, cfg['num_symbols'] - 1)
    seg, rc = cfg['segment_length'], cfg['right_context_length']
    utterance = waveforms(501, (3 * seg + rc, cfg['input_dim']))
    with torch.no_grad():
        result = decoder(utterance, torch.tensor([3 * seg]), 3)
        calls, state, hypothesis = [], None, None
        for c in range(2):
            chunk = utterance[c * seg: c * seg + seg + rc]
            hs, state = decoder.infer(chunk, torch.tensor(seg + rc), 3, state, hypothesis)
            hypothesis = hs[0]
            calls.append(dict(input=tensor(chunk), length=seg + rc, hypotheses=hypos(hs)))
    errors = dict(input=message(lambda: decoder(torch.zeros(2, 4, 6, dtype=torch.float64), torch.tensor([4]), 3)),
                  length=message(lambda: decoder(torch.zeros(4, 6, dtype=torch.float64), torch.tensor([4, 4]), 3)))
    float32 = RNNTBeamSearch(copy.deepcopy(model).float(), cfg['num_symbols'] - 1)
    with torch.no_grad():
        result32 = float32(utterance.float(), torch.tensor([3 * seg]), 3)
    return dict(beam_width=3, blank=cfg['num_symbols'] - 1, input=tensor(utterance), length=3 * seg, hypotheses=hypos(result),
                infer=calls, errors=errors, float32_hypotheses=hypos(result32))


def rnnt_loss_float64(logits, targets, logit_lengths, target_lengths, blank, reduction):
    """The RNN-T loss by its definition, in float64 with torch ops: log-softmax, then the forward (alpha)
    recursion per sequence; gradients by autograd."""
    log_probs = logits.log_softmax(-1)
    costs = []
    for b in range(logits.size(0)):
        T, U = int(logit_lengths[b]), int(target_lengths[b]) + 1
        alpha = [[None] * U for _ in range(T)]
        for t in range(T):
            for u in range(U):
                terms = []
                if t > 0:
                    terms.append(alpha[t - 1][u] + log_probs[b, t - 1, u, blank])
                if u > 0:
                    terms.append(alpha[t][u - 1] + log_probs[b, t, u - 1, int(targets[b, u - 1])])
                alpha[t][u] = torch.zeros((), dtype=logits.dtype) if not terms else torch.logsumexp(torch.stack(terms), 0)
        costs.append(-(alpha[T - 1][U - 1] + log_probs[b, T - 1, U - 1, blank]))
    costs = torch.stack(costs)
    return costs.mean() if reduction == 'mean' else costs.sum() if reduction == 'sum' else costs


LOSS_CASES = [
    dict(name='mean_default_blank', blank=-1, clamp=-1.0, reduction='mean'),
    dict(name='sum_blank0', blank=0, clamp=-1.0, reduction='sum'),
    dict(name='none_weighted', blank=2, clamp=-1.0, reduction='none'),
    dict(name='clamped', blank=0, clamp=0.02, reduction='sum'),
]


def rnnt_loss():
    g = torch.Generator().manual_seed(7)
    logits64 = torch.randn(3, 4, 3, 5, generator=g, dtype=torch.float64) * 2
    targets = torch.tensor([[1, 3], [3, 0], [3, 1]], dtype=torch.int32)  # never a blank (4, 0 or 2)
    logit_lengths = torch.tensor([4, 3, 2], dtype=torch.int32)
    target_lengths = torch.tensor([2, 1, 2], dtype=torch.int32)
    weights = torch.tensor([1.0, -0.5, 2.0], dtype=torch.float64)
    cases = []
    for c in LOSS_CASES:
        case = dict(c)
        for dtype in ('float32', 'float64'):
            x = logits64.to(getattr(torch, dtype)).clone().requires_grad_()
            blank = c['blank'] if c['blank'] >= 0 else x.shape[-1] + c['blank']
            ours = rnnt_loss_float64(x.double(), targets, logit_lengths, target_lengths, blank, c['reduction'])
            if dtype == 'float32':
                loss = AF.rnnt_loss(x, targets, logit_lengths, target_lengths, c['blank'], c['clamp'], c['reduction'])
                assert torch.allclose(loss.double(), ours, rtol=1e-5, atol=1e-5), (c, loss, ours)
            else:
                loss = ours
            (loss * weights).sum().backward() if c['reduction'] == 'none' else loss.backward()
            grad = x.grad
            if dtype == 'float64' and c['clamp'] > 0:
                grad = grad.clamp(-c['clamp'], c['clamp'])
            case[dtype] = dict(loss=tensor(loss), grad=tensor(grad))
        assert torch.allclose(torch.tensor(case['float32']['grad']['values']), torch.tensor(case['float64']['grad']['values']).float(),
                              atol=1e-5)
        cases.append(case)
    lengths = dict(logit_lengths=logit_lengths.tolist(), target_lengths=target_lengths.tolist(), weights=weights.tolist())
    L = logits64.float()
    ll, tl = logit_lengths, target_lengths
    i32 = torch.int32
    errors = dict(
        reduction=message(lambda: AF.rnnt_loss(L, targets, ll, tl, reduction='average')),
        logits_int=message(lambda: AF.rnnt_loss(L.long(), targets, ll, tl), RuntimeError),
        targets_int64=message(lambda: AF.rnnt_loss(L, targets.long(), ll, tl), RuntimeError),
        logit_lengths_int64=message(lambda: AF.rnnt_loss(L, targets, ll.long(), tl), RuntimeError),
        target_lengths_int64=message(lambda: AF.rnnt_loss(L, targets, ll, tl.long()), RuntimeError),
        logits_3d=message(lambda: AF.rnnt_loss(L[0], targets, ll, tl), RuntimeError),
        targets_1d=message(lambda: AF.rnnt_loss(L, targets[0], ll, tl), RuntimeError),
        logit_lengths_2d=message(lambda: AF.rnnt_loss(L, targets, ll[None], tl), RuntimeError),
        target_lengths_2d=message(lambda: AF.rnnt_loss(L, targets, ll, tl[None]), RuntimeError),
        batch_logit_lengths=message(lambda: AF.rnnt_loss(L, targets, ll[:2], tl), RuntimeError),
        batch_target_lengths=message(lambda: AF.rnnt_loss(L, targets, ll, tl[:2]), RuntimeError),
        batch_targets=message(lambda: AF.rnnt_loss(L, targets[:2], ll, tl), RuntimeError),
        input_length=message(lambda: AF.rnnt_loss(L, targets, torch.tensor([5, 3, 2], dtype=i32), tl), RuntimeError),
        output_length=message(lambda: AF.rnnt_loss(L, targets, ll, torch.tensor([1, 1, 1], dtype=i32)), RuntimeError),
        target_length=message(lambda: AF.rnnt_loss(L, targets[:, :1].contiguous(), ll, tl), RuntimeError),
        blank=message(lambda: AF.rnnt_loss(L, targets, ll, tl, blank=5), RuntimeError),
        contiguous=message(lambda: AF.rnnt_loss(L.transpose(1, 2).contiguous().transpose(1, 2), targets, ll, tl), RuntimeError),
    )
    return dict(logits=tensor(logits64), targets=targets.tolist(), **lengths, cases=cases, errors=errors)


HUBERT = dict(extractor_mode='group_norm', extractor_conv_layer_config=[(6, 10, 5), (8, 3, 2)], extractor_conv_bias=False,
              encoder_embed_dim=8, encoder_projection_dropout=0.0, encoder_pos_conv_kernel=3, encoder_pos_conv_groups=2,
              encoder_num_layers=2, encoder_num_heads=2, encoder_attention_dropout=0.0, encoder_ff_interm_features=12,
              encoder_ff_interm_dropout=0.0, encoder_dropout=0.0, encoder_layer_norm_first=False, encoder_layer_drop=0.0,
              mask_prob=0.5, mask_selection='static', mask_other=0.0, mask_length=2, no_mask_overlap=False, mask_min_space=1,
              mask_channel_prob=0.3, mask_channel_selection='static', mask_channel_other=0.0, mask_channel_length=2,
              no_mask_channel_overlap=False, mask_channel_min_space=1, skip_masked=False, skip_nomask=False, num_classes=5,
              final_dim=4, feature_grad_mult=0.1)


def float64_compute_logits(proj_x, target, label_embeddings):
    """torchaudio's _compute_logits without the float32 round trip of the cosine similarity."""
    pos = torch.index_select(label_embeddings, 0, target.long())
    negs = label_embeddings.unsqueeze(1).expand(-1, proj_x.size(0), -1)
    neg_is_pos = (pos == negs).all(-1)
    targets = torch.cat([pos.unsqueeze(0), negs], dim=0)
    logits = torch.cosine_similarity(proj_x, targets, dim=-1) / 0.1
    if neg_is_pos.any():
        logits[1:][neg_is_pos] = float("-inf")
    return logits.transpose(0, 1)


def hubert_runs(model, waveforms_, labels, lengths, seed):
    out = {}
    for name, compute in (('', float64_compute_logits), ('_float32', components._compute_logits)):
        original = components._compute_logits
        components._compute_logits = compute
        try:
            torch.manual_seed(seed)
            with torch.no_grad():
                m, u, pen = model(waveforms_, labels, lengths)
        finally:
            components._compute_logits = original
        out['logit_m' + name], out['logit_u' + name] = tensor(m), tensor(u)
        out['feature_penalty' + name] = tensor(pen)
    return out


MASKS = [
    dict(name='padded', shape=[3, 20], padding=[20, 14, 9], mask_prob=0.4, mask_length=3, mask_type='static', mask_other=0.0,
         min_masks=2, no_overlap=False, min_space=1),
    dict(name='channels', shape=[2, 12], padding=None, mask_prob=0.3, mask_length=2, mask_type='static', mask_other=0.0,
         min_masks=0, no_overlap=False, min_space=1),
    dict(name='uniform', shape=[2, 30], padding=[30, 25], mask_prob=0.3, mask_length=3, mask_type='uniform', mask_other=1,
         min_masks=2, no_overlap=False, min_space=1),
    dict(name='normal', shape=[2, 30], padding=None, mask_prob=0.3, mask_length=3, mask_type='normal', mask_other=1.0,
         min_masks=2, no_overlap=False, min_space=1),
    dict(name='no_overlap', shape=[2, 40], padding=[40, 33], mask_prob=0.4, mask_length=4, mask_type='static', mask_other=0.0,
         min_masks=2, no_overlap=True, min_space=1),
]


def int_randint(*args, **kwargs):
    """torch.randint with tensor bounds made ints: _compute_mask_indices(no_overlap=True) passes 0-dim tensors, which
    torch 1.13's randint refuses (a TypeError: torchaudio 0.13 cannot run that branch); this is the evident intent."""
    return TORCH_RANDINT(*(int(a) if isinstance(a, torch.Tensor) else a for a in args), **kwargs)


TORCH_RANDINT = torch.randint


def masks():
    """_compute_mask_indices after torch.manual_seed for each of MASKS (no_overlap with int_randint)."""
    out = []
    for i, c in enumerate(MASKS):
        padding = None
        if c['padding'] is not None:
            padding = torch.arange(c['shape'][1]).expand(c['shape'][0], -1) >= torch.tensor(c['padding'])[:, None]
        torch.manual_seed(900 + i)
        torch.randint = int_randint if c['no_overlap'] else TORCH_RANDINT
        try:
            m = components._compute_mask_indices(tuple(c['shape']), padding, c['mask_prob'], c['mask_length'], c['mask_type'],
                                                 c['mask_other'], min_masks=c['min_masks'], no_overlap=c['no_overlap'],
                                                 min_space=c['min_space'])
        finally:
            torch.randint = TORCH_RANDINT
        out.append(dict(c, seed=900 + i, mask=m.long().tolist()))
    return out


def hubert_factory(fn):
    """The hubert_pretrain_model arguments factory `fn` passes, read back from the model it builds (as
    gen_audio_models_reference's factory_config reads wav2vec2_model's)."""
    m = fn()
    mg, lg = m.mask_generator, m.logit_generator
    fe, enc = m.wav2vec2.feature_extractor, m.wav2vec2.encoder
    blocks = list(fe.conv_layers)
    t = enc.transformer
    layer = t.layers[0]
    args = dict(extractor_mode='group_norm' if isinstance(blocks[0].layer_norm, torch.nn.GroupNorm) else 'layer_norm',
                extractor_conv_layer_config=[[b.conv.out_channels, b.kernel_size, b.stride] for b in blocks],
                extractor_conv_bias=blocks[0].conv.bias is not None, encoder_embed_dim=t.pos_conv_embed.embed_dim,
                encoder_projection_dropout=enc.feature_projection.dropout.p, encoder_pos_conv_kernel=t.pos_conv_embed.kernel_size,
                encoder_pos_conv_groups=t.pos_conv_embed.conv.groups, encoder_num_layers=len(t.layers),
                encoder_num_heads=layer.attention.num_heads, encoder_attention_dropout=layer.attention.dropout.p,
                encoder_ff_interm_features=layer.feed_forward.intermediate_dense.out_features,
                encoder_ff_interm_dropout=layer.feed_forward.intermediate_dropout.p, encoder_dropout=layer.dropout.p,
                encoder_layer_norm_first=layer.layer_norm_first, encoder_layer_drop=t.layer_drop,
                mask_prob=mg.mask_prob, mask_selection=mg.mask_selection, mask_other=mg.mask_other, mask_length=mg.mask_length,
                no_mask_overlap=mg.no_mask_overlap, mask_min_space=mg.mask_min_space, mask_channel_prob=mg.mask_channel_prob,
                mask_channel_selection=mg.mask_channel_selection, mask_channel_other=mg.mask_channel_other,
                mask_channel_length=mg.mask_channel_length, no_mask_channel_overlap=mg.no_mask_channel_overlap,
                mask_channel_min_space=mg.mask_channel_min_space, skip_masked=lg.skip_masked, skip_nomask=lg.skip_nomask,
                num_classes=lg.label_embeddings.shape[0], final_dim=lg.label_embeddings.shape[1], feature_grad_mult=m.feature_grad_mult)
    return args, m


def hubert_pretrain():
    torch.manual_seed(31)
    model = w2v.hubert_pretrain_model(**HUBERT).double()
    torch.save(model.state_dict(), os.path.join(OUT, 'hubert_pretrain_small.pt'))
    model.eval()
    x = waveforms(41, (2, 400))
    lengths = torch.tensor([400, 300])
    frames = model.wav2vec2.feature_extractor(x, None)[0].shape[1]
    labels = torch.randint(0, HUBERT['num_classes'], (2, frames), generator=torch.Generator().manual_seed(42))
    out = dict(config=HUBERT, seed=31, waveforms=tensor(x), audio_lengths=lengths.tolist(), labels=labels.tolist(),
               with_lengths=dict(seed=51, **hubert_runs(model, x, labels, lengths, 51)),
               without_lengths=dict(seed=52, **hubert_runs(model, x, labels, None, 52)), keys=keys_and_shapes(model))
    factories = {}
    for name, fn in (('hubert_pretrain_base', w2v.hubert_pretrain_base), ('hubert_pretrain_large', w2v.hubert_pretrain_large),
                     ('hubert_pretrain_xlarge', w2v.hubert_pretrain_xlarge)):
        args, m = hubert_factory(fn)
        factories[name] = dict(arguments=args, parameters=sum(p.numel() for p in m.parameters()))
        if name == 'hubert_pretrain_base':
            factories[name]['keys'] = keys_and_shapes(m)
        del m
    cfg = dict(HUBERT)
    errors = dict(feature_grad_mult=message(lambda: w2v.hubert_pretrain_model(**dict(cfg, feature_grad_mult=1.5))),
                  labels=message(lambda: model(x, labels[:, :-1], lengths)))
    bad = w2v.hubert_pretrain_model(**dict(cfg, mask_selection='zipf')).double()
    errors['mask_selection'] = message(lambda: bad(x, labels, lengths), Exception)
    return dict(small=out, masks=masks(), factories=factories, errors=errors)


def main():
    assert torch.__version__.startswith('1.13'), torch.__version__
    assert torchaudio.__version__.startswith('0.13'), torchaudio.__version__
    small = {}
    models = {}
    for i, name in enumerate(RNNT):
        small[name], models[name] = rnnt_small(name, 71 + i)
    base = emformer_rnnt_base(4097)
    data = dict(small=small, beam_search=beam_search(models['layer_norm'], RNNT['layer_norm']),
                base=dict(num_symbols=4097, keys=keys_and_shapes(base), parameters=sum(p.numel() for p in base.parameters())),
                errors=dict(joiner_activation=message(lambda: torchaudio.models.rnnt._Joiner(4, 5, activation='gelu'))),
                rnnt_loss=rnnt_loss())
    write('rnnt.json', data)
    write('hubert_pretrain.json', hubert_pretrain())


if __name__ == '__main__':
    main()
