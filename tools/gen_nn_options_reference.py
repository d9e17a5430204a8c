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
    case('lstm_proj_packed_bidir', 'LSTM.proj_packed', a, lambda: lstm(a), packed, [rnd(4, 3, 2)], gradgradcheck=True)


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
    }
    reprs = {k: {'repr': repr(m), 'keys': list(m.state_dict().keys())} for k, m in modules.items()}

    a = lstm_args(3, 5, 2, layers=2, bidirectional=True)
    b = mha_args(4, 2, True, True)
    inits = [init_entry('lstm_proj', 'LSTM.proj', a, lambda: lstm(a), 41),
             init_entry('mha_bias_kv', 'MultiheadAttention.options', b, lambda: mha(b), 42)]

    errors = {
        'lstm_proj_negative': lambda: nn.LSTM(3, 4, proj_size=-1),
        'lstm_proj_too_big': lambda: nn.LSTM(3, 4, proj_size=4),
        'lstm_proj_h0_size': lambda: nn.LSTM(3, 4, proj_size=2)(z(5, 2, 3), (z(1, 2, 4), z(1, 2, 4))),
        'lstm_proj_c0_size': lambda: nn.LSTM(3, 4, proj_size=2)(z(5, 2, 3), (z(1, 2, 2), z(1, 2, 2))),
    }
    return {'modules': reprs, 'inits': inits, 'errors': {k: error_of(fn) for k, fn in errors.items()}}


def main():
    torch.set_num_threads(1)
    ref.GEN.manual_seed(20261204)
    lstm_proj_cases()
    mha_cases()
    write('options_layers.json', {'cases': CASES})
    write('options_modules.json', modules_file())


if __name__ == '__main__':
    main()
