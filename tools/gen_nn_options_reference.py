#!/usr/bin/python3
"""Writes PyTorch's answers for the nn options and modules added after the *_extra sets
(org.torch4j.conformance.NnOptionsTest): LSTM with proj_size, MultiheadAttention with add_bias_kv and
add_zero_attn, Embedding/EmbeddingBag with max_norm, scale_grad_by_freq and include_last_offset, ...

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_nn_options_reference.py

It writes, under api/src/test/resources/reference/nn/:
  options_layers.json   layer cases in gen_nn_reference.py's form (forward, input and parameter
                        gradients in float32 and float64, state_dict keys, repr; gradcheck and
                        gradgradcheck on the Java side); NnOptionsCases builds each kind in Java;
  options_modules.json  reprs and state_dict keys of other constructor forms, seeded initial states,
                        and PyTorch's error (type and message) for each obvious bad input.

The case machinery (seeded inputs rounded to three decimals, JSON form) is gen_nn_reference.py's; this
file reseeds its generator first, so its output does not depend on that file's cases.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import (parameters_to_vector, remove_spectral_norm, remove_weight_norm, spectral_norm,
                            vector_to_parameters, weight_norm)
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_nn_reference as ref  # noqa: E402
from gen_nn_reference import CASES, case, enc, enc_summary, error_of, rnd, write  # noqa: E402


# ---- 1. LSTM with proj_size ------------------------------------------------------------------------------

def lstm_args(i, h, proj, layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, **extra):
    return dict(input=i, hidden=h, proj=proj, layers=layers, bias=bias, batch_first=batch_first, dropout=dropout,
                bidirectional=bidirectional, **extra)


def lstm(a):
    return nn.LSTM(a['input'], a['hidden'], a['layers'], bias=a['bias'], batch_first=a['batch_first'],
                   dropout=a['dropout'], bidirectional=a['bidirectional'], proj_size=a['proj'])


def lstm_call(m, x, *state):
    out, (h, c) = m(x, tuple(state)) if state else m(x)
    return [out, h, c]


def lstm_proj_cases():
    """outputs [output, h_n, c_n]; h has proj_size features, c hidden_size."""
    def add(name, a, inputs, gradgradcheck=True, **kw):
        case(name, 'LSTM.proj', a, lambda: lstm(a), lstm_call, inputs, gradgradcheck=gradgradcheck, **kw)

    add('lstm_proj', lstm_args(3, 4, 2), [rnd(5, 2, 3)])
    add('lstm_proj_2layers_bidir_state', lstm_args(2, 4, 3, layers=2, bidirectional=True),
        [rnd(3, 2, 2), rnd(4, 2, 3), rnd(4, 2, 4)], gradgradcheck=False)   # a minute for the same step as above
    add('lstm_proj_nobias_batch_first', lstm_args(3, 3, 1, bias=False, batch_first=True), [rnd(2, 4, 3)])
    add('lstm_proj_unbatched_state', lstm_args(3, 4, 2), [rnd(4, 3), rnd(1, 2), rnd(1, 4)])
    # the masks of the dropout between layers come from the default generator, in PyTorch's order
    add('lstm_proj_dropout_train', lstm_args(2, 3, 2, layers=2, bidirectional=True, dropout=0.4), [rnd(4, 2, 2)],
        seed=31, gradgradcheck=False)

    # a packed batch of unsorted lengths: outputs [padded output, h_n, c_n]
    def packed(m, x):
        out, (h, c) = m(pack_padded_sequence(x, torch.tensor([2, 4, 1]), enforce_sorted=False))
        return [pad_packed_sequence(out)[0], h, c]

    a = lstm_args(2, 4, 2, bidirectional=True, lengths=[2, 4, 1])
    # gradcheck only: a gradgradcheck of this case takes half a minute for the step checked above
    case('lstm_proj_packed_bidir', 'LSTM.proj_packed', a, lambda: lstm(a), packed, [rnd(4, 3, 2)])


# ---- 2. MultiheadAttention with add_bias_kv and add_zero_attn -----------------------------------------------

def mha_args(embed, heads, bias_kv, zero_attn, kdim=None, vdim=None, batch_first=False, kpm=False, mask=False,
             need_weights=True, average=True):
    return dict(embed=embed, heads=heads, add_bias_kv=bias_kv, add_zero_attn=zero_attn, kdim=kdim, vdim=vdim,
                batch_first=batch_first, kpm=kpm, mask=mask, need_weights=need_weights, average=average)


def mha(a):
    return nn.MultiheadAttention(a['embed'], a['heads'], add_bias_kv=a['add_bias_kv'], add_zero_attn=a['add_zero_attn'],
                                 kdim=a['kdim'], vdim=a['vdim'], batch_first=a['batch_first'])


def mha_cases():
    """inputs [query, key, value, key_padding_mask?, attn_mask?]; outputs [output, weights?] (training, no
    dropout: PyTorch's reference path)."""
    def add(name, a, q, k, v, kpm=None, mask=None):
        a = dict(a, kpm=kpm is not None, mask=mask is not None)
        ins = [q, k, v] + ([kpm] if kpm is not None else []) + ([mask] if mask is not None else [])

        def call(m, q, k, v, *masks):
            masks = list(masks)
            kp = masks.pop(0) if a['kpm'] else None
            am = masks.pop(0) if a['mask'] else None
            out, w = m(q, k, v, key_padding_mask=kp, need_weights=a['need_weights'], attn_mask=am,
                       average_attn_weights=a['average'])
            return [out] if w is None else [out, w]

        case(name, 'MultiheadAttention.options', a, lambda: mha(a), call, ins, diff=[True] * 3 + [False] * (len(ins) - 3),
             gradgradcheck=True)

    x = rnd(3, 2, 4)
    add('mha_bias_kv_self_bool_masks', mha_args(4, 2, True, False), x, x, x,
        kpm=torch.tensor([[False, True, False], [False, False, False]]),
        mask=torch.tensor([[False, True, False], [False, False, True], [True, False, False]]))
    add('mha_zero_attn_float_mask_per_head', mha_args(4, 2, False, True, average=False), rnd(2, 2, 4), rnd(3, 2, 4),
        rnd(3, 2, 4), mask=rnd(4, 2, 3))
    add('mha_bias_kv_zero_attn_kdim_vdim_batch_first', mha_args(4, 2, True, True, kdim=3, vdim=5, batch_first=True),
        rnd(2, 3, 4), rnd(2, 4, 3), rnd(2, 4, 5), kpm=rnd(2, 4))
    add('mha_bias_kv_zero_attn_unbatched_noweights', mha_args(6, 3, True, True, need_weights=False), rnd(3, 6), rnd(2, 6),
        rnd(2, 6), kpm=torch.tensor([False, True]))


# ---- 3. Embedding and EmbeddingBag: max_norm, norm_type, scale_grad_by_freq, include_last_offset -------------
# A case with max_norm has no gradcheck: its forward renormalises the weight in place (under no_grad, as
# PyTorch), so a perturbed weight is renormalised again and finite differences see the renorm, which
# the analytical gradient rightly ignores; the lookup after it is checked by the other cases. Nor has
# one with scale_grad_by_freq: its "gradient" is by design not the derivative (gradgradcheck still
# checks that the backward is differentiated correctly).
#
# PyTorch 1.13's CPU embedding_bag backward divides by the wrong count under scale_grad_by_freq (the
# count of sorted_indices[k] for the k-th distinct index: pytorch/pytorch#190063, fixed by #190264), so
# the bag cases with it take PyTorch's answer from the documented semantics, F.embedding with
# scale_grad_by_freq reduced per bag (checked against embedding_bag's own forward).

def emb_args(num, dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False):
    return dict(num=num, dim=dim, padding_idx=padding_idx, max_norm=max_norm, norm_type=norm_type,
                scale_grad_by_freq=scale_grad_by_freq)


def embedding(a):
    return nn.Embedding(a['num'], a['dim'], padding_idx=a['padding_idx'], max_norm=a['max_norm'], norm_type=a['norm_type'],
                        scale_grad_by_freq=a['scale_grad_by_freq'])


def bag_args(num, dim, mode, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, include_last_offset=False,
             padding_idx=None):
    return dict(num=num, dim=dim, mode=mode, max_norm=max_norm, norm_type=norm_type, scale_grad_by_freq=scale_grad_by_freq,
                include_last_offset=include_last_offset, padding_idx=padding_idx)


def bag(a):
    return nn.EmbeddingBag(a['num'], a['dim'], max_norm=a['max_norm'], norm_type=a['norm_type'],
                           scale_grad_by_freq=a['scale_grad_by_freq'], mode=a['mode'],
                           include_last_offset=a['include_last_offset'], padding_idx=a['padding_idx'])


def bag_call(m, x, offsets=None, psw=None):
    return m(x, offsets, per_sample_weights=psw)


def bag_by_embedding(m, x, offsets=None):
    """EmbeddingBag's sum or mean with scale_grad_by_freq as documented: F.embedding's rows (which scale the
    gradient by frequency correctly) summed or averaged per bag, padding rows left out."""
    flat = x.reshape(-1)
    if x.dim() == 2:
        bag_of = torch.arange(x.shape[0]).repeat_interleave(x.shape[1])
        bags = x.shape[0]
    else:
        sizes = torch.diff(torch.cat([offsets, torch.tensor([len(flat)])]))
        bag_of = torch.arange(len(offsets)).repeat_interleave(sizes)
        bags = len(offsets)
    rows = F.embedding(flat, m.weight, scale_grad_by_freq=True)
    keep = torch.ones(len(flat)) if m.padding_idx is None else (flat != m.padding_idx).to(rows.dtype)
    out = torch.zeros(bags, rows.shape[1], dtype=rows.dtype).index_add(0, bag_of, rows * keep.to(rows.dtype)[:, None])
    if m.mode == 'mean':
        out = out / torch.zeros(bags, dtype=rows.dtype).index_add(0, bag_of, keep.to(rows.dtype)).clamp(min=1)[:, None]
    with torch.no_grad():
        assert torch.allclose(out, m(x, offsets), atol=1e-6), 'the composition is embedding_bag\'s forward'
    return out


def embedding_cases():
    t = torch.tensor

    def emb(name, a, x, **kw):
        case(name, 'Embedding.options', a, lambda: embedding(a), ref.single, [x],
             gradgradcheck=a['max_norm'] is None, gradcheck=a['max_norm'] is None and not a['scale_grad_by_freq'], **kw)

    emb('embedding_max_norm', emb_args(6, 3, max_norm=1.0), t([[0, 5, 3], [3, 1, 0]]))
    emb('embedding_max_norm_p1_padding', emb_args(5, 4, padding_idx=2, max_norm=1.5, norm_type=1.0), t([4, 2, 2, 0, 4]))
    emb('embedding_max_norm_p3_scale_grad', emb_args(6, 2, max_norm=0.8, norm_type=3.0, scale_grad_by_freq=True),
        t([[1, 1, 5], [1, 4, 5]]))
    emb('embedding_scale_grad_by_freq', emb_args(5, 3, scale_grad_by_freq=True), t([[0, 3, 3], [3, 1, 0]]))
    emb('embedding_scale_grad_padding', emb_args(4, 2, padding_idx=0, scale_grad_by_freq=True), t([0, 2, 0, 2, 2, 3]))
    # the functional form with the table as a differentiable input
    ref.fn_case('embedding_scale_grad_by_freq', {'padding_idx': None, 'max_norm': None, 'norm_type': 2.0,
                                                 'scale_grad_by_freq': True},
                lambda x, w, **kw: F.embedding(x, w, **kw), [t([[2, 0], [2, 2]]), rnd(3, 2)], kind='F.embedding.options',
                gradcheck=False)

    def eb(name, a, inputs, **kw):
        call = bag_by_embedding if a['scale_grad_by_freq'] else bag_call
        case(name, 'EmbeddingBag.options', a, lambda: bag(a), call, inputs,
             gradgradcheck=a['max_norm'] is None, gradcheck=a['max_norm'] is None and not a['scale_grad_by_freq'], **kw)

    eb('embedding_bag_last_offset_sum_weighted', bag_args(6, 2, 'sum', include_last_offset=True),
       [t([0, 5, 3, 3, 1]), t([0, 2, 2, 5]), rnd(5)], diff=[False, False, True])
    eb('embedding_bag_last_offset_mean_max_norm', bag_args(6, 3, 'mean', max_norm=1.2, include_last_offset=True),
       [t([4, 0, 4, 2, 1]), t([0, 3, 5])])
    eb('embedding_bag_last_offset_max', bag_args(5, 2, 'max', include_last_offset=True), [t([1, 0, 4, 2, 3]), t([0, 1, 5])])
    eb('embedding_bag_2d_mean_scale_grad', bag_args(5, 3, 'mean', scale_grad_by_freq=True), [t([[0, 2, 2], [2, 4, 1]])])
    eb('embedding_bag_sum_scale_grad_padding', bag_args(5, 2, 'sum', scale_grad_by_freq=True, padding_idx=1),
       [t([1, 3, 3, 0, 1, 3]), t([0, 2])])
    eb('embedding_bag_2d_max_max_norm_p1', bag_args(6, 2, 'max', max_norm=0.9, norm_type=1.0), [t([[5, 0], [0, 3]])])


def renorm_cases():
    """torch.embedding_renorm_ on a table: the table afterwards, in float32 and float64."""
    t = torch.tensor
    out = []
    for name, w, idx, max_norm, norm_type in (('p2', rnd(5, 3, scale=1.5), t([[0, 4], [4, 2]]), 1.0, 2.0),
                                               ('p1_5', rnd(4, 4), t([3, 1, 3]), 1.7, 1.5),
                                               ('p3_all_below', rnd(3, 2, scale=0.1), t([0, 1, 2]), 5.0, 3.0)):
        after = {}
        for dname, dt in (('float32', torch.float32), ('float64', torch.float64)):
            ww = w.to(dt).clone()
            torch.embedding_renorm_(ww, idx, max_norm, norm_type)
            after[dname] = enc(ww)
        out.append({'name': name, 'weight': enc(w), 'indices': enc(idx), 'max_norm': max_norm, 'norm_type': norm_type,
                    'after': after})
    return out


# ---- 4. torch.nn.utils: weight_norm, spectral_norm, parameters_to_vector ------------------------------------
# A spectral_norm case in training mode has no gradcheck: every forward refines u and v in place (power
# iteration), so each evaluation of finite differences sees another sigma; its eval-mode twins have it.

def reparam_module(a):
    """The module of a "<Layer>.weight_norm" / "<Layer>.spectral_norm" case: the layer, then the utility."""
    layer = {'Linear': lambda: nn.Linear(a['in'], a['out']),
             'Conv1d': lambda: nn.Conv1d(a['in'], a['out'], a['kernel']),
             'ConvTranspose1d': lambda: nn.ConvTranspose1d(a['in'], a['out'], a['kernel'])}[a['layer']]()
    if a['norm'] == 'weight_norm':
        return weight_norm(layer, dim=a['dim'])
    return spectral_norm(layer, n_power_iterations=a['iterations'], eps=a['eps'], dim=a['dim'])


def wn_args(layer, i, o, dim, kernel=None):
    return dict(layer=layer, norm='weight_norm', **{'in': i}, out=o, kernel=kernel, dim=dim)


def sn_args(layer, i, o, iterations=1, eps=1e-12, dim=None, kernel=None):
    return dict(layer=layer, norm='spectral_norm', **{'in': i}, out=o, kernel=kernel, iterations=iterations, eps=eps,
                dim=dim)


def utils_cases():
    def add(name, a, x, train=True):
        case(name, 'Reparametrised', a, lambda: reparam_module(a), ref.single, [x], train=train,
             gradcheck=not (a['norm'] == 'spectral_norm' and train), gradgradcheck=not (a['norm'] == 'spectral_norm' and train))

    add('linear_weight_norm', wn_args('Linear', 4, 3, 0), rnd(5, 4))
    add('linear_weight_norm_dim1', wn_args('Linear', 3, 4, 1), rnd(2, 3))
    add('conv1d_weight_norm_whole', wn_args('Conv1d', 2, 3, None, kernel=2), rnd(2, 2, 5))
    add('linear_spectral_norm_train', sn_args('Linear', 4, 3), rnd(5, 4))
    add('linear_spectral_norm_eval', sn_args('Linear', 4, 3), rnd(5, 4), train=False)
    add('conv_transpose1d_spectral_norm_train_2_iterations', sn_args('ConvTranspose1d', 2, 3, iterations=2, kernel=2),
        rnd(2, 2, 4))
    add('conv1d_spectral_norm_dim2_eval', sn_args('Conv1d', 2, 3, dim=2, kernel=3, eps=1e-3), rnd(1, 2, 5), train=False)


def spectral_runs():
    """Seeded spectral_norm(Linear(5, 4)): the state after applying it, then after each of three forwards in
    training mode (u and v refined each time) and one in eval mode (left alone): output, weight and state."""
    torch.manual_seed(7)
    m = spectral_norm(nn.Linear(5, 4))
    state = lambda: {k: enc(v) for k, v in m.state_dict().items()}
    initial = state()
    x = rnd(3, 5)
    steps = []
    for train in (True, True, True, False):
        m.train(train)
        out = m(x)
        steps.append({'train': train, 'output': enc(out), 'weight': enc(m.weight), 'state': state()})
    return {'seed': 7, 'x': enc(x), 'initial': initial, 'steps': steps}


def vector_case():
    """parameters_to_vector of float32 and float64 tensors (promoted), and vector_to_parameters back."""
    params = [nn.Parameter(rnd(2, 3)), nn.Parameter(rnd(4).double()), nn.Parameter(rnd(1, 1, 2))]
    before = [enc(p) for p in params]
    vec = parameters_to_vector(params)
    new = rnd(12).double()
    vector_to_parameters(new, params)
    return {'params': before, 'vector': enc(vec), 'new': enc(new), 'after': [enc(p) for p in params]}


# ---- 5. channel and alpha dropouts, RReLU, gumbel_softmax, pdist, TripletMarginWithDistanceLoss ---------------
# Random cases carry a seed: PyTorch and Java reseed the default generator before the forward, so they draw
# the same masks and slopes (and gradcheck reseeds before every evaluation).

DISTANCES = {'pairwise': None, 'cosine': lambda x, y: 1.0 - F.cosine_similarity(x, y),
             'l1': lambda x, y: (x - y).abs().sum(-1)}


def random_cases():
    def mod(name, kind, args, build, x, seed=None, train=True, **kw):
        case(name, kind, args, build, ref.single, [x], seed=seed, train=train, gradgradcheck=True, **kw)

    mod('dropout1d_train', 'Dropout1d', {'p': 0.4}, lambda: nn.Dropout1d(0.4), rnd(3, 4, 5), seed=51)
    mod('dropout1d_unbatched', 'Dropout1d', {'p': 0.5}, lambda: nn.Dropout1d(0.5), rnd(4, 5), seed=52)
    mod('dropout3d_train', 'Dropout3d', {'p': 0.5}, lambda: nn.Dropout3d(0.5), rnd(2, 3, 2, 2, 2), seed=53)
    mod('dropout3d_unbatched', 'Dropout3d', {'p': 0.3}, lambda: nn.Dropout3d(0.3), rnd(3, 2, 2, 2), seed=54)
    mod('alpha_dropout_train', 'AlphaDropout', {'p': 0.3}, lambda: nn.AlphaDropout(0.3), rnd(4, 5), seed=55)
    mod('alpha_dropout_eval', 'AlphaDropout', {'p': 0.3}, lambda: nn.AlphaDropout(0.3), rnd(4, 5), train=False)
    mod('feature_alpha_dropout_train', 'FeatureAlphaDropout', {'p': 0.4}, lambda: nn.FeatureAlphaDropout(0.4),
        rnd(2, 4, 3), seed=56)
    mod('rrelu_train', 'RReLU', {'lower': 0.1, 'upper': 0.3}, lambda: nn.RReLU(0.1, 0.3), rnd(4, 5), seed=57)
    mod('rrelu_default_train', 'RReLU', {'lower': 1 / 8, 'upper': 1 / 3}, lambda: nn.RReLU(), rnd(3, 4), seed=58)
    mod('rrelu_eval', 'RReLU', {'lower': 0.1, 'upper': 0.3}, lambda: nn.RReLU(0.1, 0.3), rnd(3, 4), train=False)

    # the soft sample is a smooth function of the logits for fixed noise; the hard one's gradient is the
    # soft one's (straight-through), not its derivative, so it has no gradcheck
    ref.fn_case('gumbel_softmax', {'tau': 0.5, 'hard': False, 'dim': -1}, F.gumbel_softmax, [rnd(3, 4)], seed=59)
    ref.fn_case('gumbel_softmax_hard_dim0', {'tau': 2.0, 'hard': True, 'dim': 0}, F.gumbel_softmax, [rnd(3, 4)], seed=60,
                kind='F.gumbel_softmax', gradcheck=False, gradgradcheck=False)
    for name, p, x in (('pdist', 2.0, rnd(4, 3)), ('pdist_p1', 1.0, rnd(5, 2)), ('pdist_p3', 3.0, rnd(3, 4))):
        ref.fn_case(name, {'p': p}, F.pdist, [x], kind='F.pdist')

    def triplet(name, distance, margin, swap, reduction):
        a = {'distance': distance, 'margin': margin, 'swap': swap, 'reduction': reduction}
        case(name, 'TripletMarginWithDistanceLoss', a,
             lambda: nn.TripletMarginWithDistanceLoss(distance_function=DISTANCES[distance], margin=margin, swap=swap,
                                                      reduction=reduction),
             lambda m, x, y, z: m(x, y, z), [rnd(4, 3), rnd(4, 3), rnd(4, 3)], perturb=False, gradgradcheck=True)

    triplet('triplet_distance_default', 'pairwise', 1.0, False, 'mean')
    triplet('triplet_distance_cosine_swap_sum', 'cosine', 0.5, True, 'sum')
    triplet('triplet_distance_l1_none', 'l1', 2.0, False, 'none')


# ---- the file of reprs, initial states and errors ------------------------------------------------------

def init_entry(name, kind, args, build, seed):
    """The state a module gets from its default initialisation after torch.manual_seed(seed), and where the
    generator stands afterwards (torch.rand(3)): the module drew exactly PyTorch's numbers in its order."""
    torch.manual_seed(seed)
    m = build()
    after = torch.rand(3)
    return {'name': name, 'kind': kind, 'args': args, 'seed': seed,
            'state': {k: enc_summary(v) for k, v in m.state_dict().items()}, 'after': enc(after)}


def modules_file():
    z = torch.zeros
    modules = {
        'lstm_proj_all': nn.LSTM(3, 4, 2, bias=False, batch_first=True, dropout=0.5, bidirectional=True, proj_size=2),
        'embedding_all': nn.Embedding(5, 3, padding_idx=1, max_norm=1.0, norm_type=1.5, scale_grad_by_freq=True),
        'embedding_pretrained': nn.Embedding.from_pretrained(torch.ones(4, 2), max_norm=2.0, scale_grad_by_freq=True),
        'embedding_bag_all': nn.EmbeddingBag(5, 3, max_norm=2., norm_type=3., scale_grad_by_freq=True, mode='sum',
                                             include_last_offset=True, padding_idx=0),
        'dropout1d': nn.Dropout1d(), 'dropout3d': nn.Dropout3d(0.2), 'alpha_dropout': nn.AlphaDropout(),
        'feature_alpha_dropout': nn.FeatureAlphaDropout(0.1), 'rrelu': nn.RReLU(), 'rrelu_bounds': nn.RReLU(0.1, 0.3),
        'triplet_distance': nn.TripletMarginWithDistanceLoss(),
    }
    reprs = {k: {'repr': repr(m), 'keys': list(m.state_dict().keys())} for k, m in modules.items()}

    a = lstm_args(3, 5, 2, layers=2, bidirectional=True)
    b = mha_args(4, 2, True, True)
    wn, sn = wn_args('Linear', 3, 2, 0), sn_args('Linear', 4, 3)
    inits = [init_entry('lstm_proj', 'LSTM.proj', a, lambda: lstm(a), 41),
             init_entry('mha_bias_kv', 'MultiheadAttention.options', b, lambda: mha(b), 42),
             # g, u and v are computed from the drawn values: equal to rounding, not bit for bit
             dict(init_entry('linear_weight_norm', 'Reparametrised', wn, lambda: reparam_module(wn), 43), exact=False),
             dict(init_entry('linear_spectral_norm', 'Reparametrised', sn, lambda: reparam_module(sn), 44), exact=False),
             dict(init_entry('linear_weight_norm_removed', 'Reparametrised', dict(wn, removed=True),
                             lambda: remove_weight_norm(reparam_module(wn)), 45), exact=False),
             dict(init_entry('linear_spectral_norm_removed', 'Reparametrised', dict(sn, removed=True),
                             lambda: remove_spectral_norm(reparam_module(sn)), 46), exact=False)]

    t = torch.tensor
    w = torch.ones(6, 2)
    lin = lambda: nn.Linear(3, 2)
    errors = {
        'dropout1d_rank': lambda: F.dropout1d(z(2, 3, 4, 5)),
        'dropout_probability': lambda: nn.Dropout1d(1.5),
        'alpha_dropout_probability': lambda: F.alpha_dropout(z(2), -0.5),
        'feature_alpha_dropout_rank': lambda: F.feature_alpha_dropout(z(3), 0.5, True),
        'pdist_rank': lambda: F.pdist(z(2, 3, 4)),
        'pdist_dtype': lambda: F.pdist(torch.zeros(2, 3, dtype=torch.long)),
        'pdist_p': lambda: F.pdist(z(3, 2), -1),
        'weight_norm_twice': lambda: weight_norm(weight_norm(lin())),
        'weight_norm_missing': lambda: weight_norm(lin(), name='foo'),
        'remove_weight_norm_missing': lambda: remove_weight_norm(lin()),
        'spectral_norm_twice': lambda: spectral_norm(spectral_norm(lin())),
        'spectral_norm_missing': lambda: spectral_norm(lin(), name='foo'),
        'spectral_norm_iterations': lambda: spectral_norm(lin(), n_power_iterations=0),
        'remove_spectral_norm_missing': lambda: remove_spectral_norm(lin()),
        'embedding_bag_max_scale_grad': lambda: F.embedding_bag(t([0, 1]), w, t([0]), mode='max', scale_grad_by_freq=True),
        'embedding_bag_weights_shape': lambda: F.embedding_bag(t([0, 1, 2]), w, t([0]), mode='sum',
                                                               per_sample_weights=torch.ones(2)),
        'embedding_bag_weights_mean': lambda: F.embedding_bag(t([0, 1, 2]), w, t([0]), mode='mean',
                                                              per_sample_weights=torch.ones(3)),
        'embedding_bag_last_offset_empty': lambda: F.embedding_bag(t([0, 1]), w, t([], dtype=torch.long), mode='sum',
                                                                   include_last_offset=True),
        'embedding_renorm_rank': lambda: torch.embedding_renorm_(torch.ones(3), t([0]), 1.0, 2.0),
        'embedding_renorm_dtype': lambda: torch.embedding_renorm_(torch.ones(3, 2), t([0.0]), 1.0, 2.0),
        'embedding_max_norm_index': lambda: F.embedding(t([2, 7]), torch.ones(6, 2), max_norm=1.0),
        'lstm_proj_negative': lambda: nn.LSTM(3, 4, proj_size=-1),
        'lstm_proj_too_big': lambda: nn.LSTM(3, 4, proj_size=4),
        'lstm_proj_h0_size': lambda: nn.LSTM(3, 4, proj_size=2)(z(5, 2, 3), (z(1, 2, 4), z(1, 2, 4))),
        'lstm_proj_c0_size': lambda: nn.LSTM(3, 4, proj_size=2)(z(5, 2, 3), (z(1, 2, 2), z(1, 2, 2))),
    }
    return {'modules': reprs, 'inits': inits, 'renorm': renorm_cases(), 'spectral_runs': spectral_runs(),
            'vector': vector_case(), 'errors': {k: error_of(fn) for k, fn in errors.items()}}


def main():
    torch.set_num_threads(1)
    ref.GEN.manual_seed(20261204)
    lstm_proj_cases()
    mha_cases()
    embedding_cases()
    utils_cases()
    random_cases()
    write('options_layers.json', {'cases': CASES})
    write('options_modules.json', modules_file())


if __name__ == '__main__':
    main()
