#!/usr/bin/python3
"""Writes PyTorch's answers for torch4j's fused recurrent layers (org.torch4j.conformance.NnRecurrentTest):
LSTM, GRU and Elman layers whose hidden size (17) fills a 16-lane vector and leaves a one-element tail (8-lane
vectors: two and a tail), so the CPU backend's float32 recurrentCell kernel runs both its full and its masked
vectors, with initial states, batch_first, two layers, no bias, bidirectional, and packed batches of unsorted lengths; plus
small cases for gradgradcheck, which runs the layer's differentiable (recomputing) backward.

Run with Debian's interpreter, which has PyTorch (1.13):

    /usr/bin/python3 tools/gen_rnn_fused_reference.py

It writes api/src/test/resources/reference/nn/rnn_fused.json, cases in the form of tools/gen_nn_reference.py's
layer cases (outputs, input and parameter gradients in float32 and float64, repr, state_dict keys), reusing its
case machinery with its own seed.
"""
import os
import sys

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_nn_reference as ref  # noqa: E402


def args(i, h, layers=1, bias=True, batch_first=False, bidirectional=False, nonlinearity='tanh', **extra):
    return dict(input=i, hidden=h, layers=layers, bias=bias, batch_first=batch_first, dropout=0.0,
                bidirectional=bidirectional, nonlinearity=nonlinearity, **extra)


def build(cls, a):
    extra = {'nonlinearity': a['nonlinearity']} if cls is nn.RNN else {}
    return lambda: cls(a['input'], a['hidden'], a['layers'], bias=a['bias'], batch_first=a['batch_first'],
                       bidirectional=a['bidirectional'], **extra)


def padded_call(m, x, *state):
    if isinstance(m, nn.LSTM):
        return m(x, tuple(state)) if state else m(x)
    return m(x, state[0]) if state else m(x)


def packed_call(lengths):
    def call(m, x):
        out, state = m(pack_padded_sequence(x, torch.tensor(lengths), enforce_sorted=False))
        return [pad_packed_sequence(out)[0], *(state if isinstance(state, tuple) else (state,))]
    return call


def layer_cases():
    ref.GEN.manual_seed(20261205)
    rnd = ref.rnd

    # float32 only: the kernel is float32's; float64 composes the same arithmetic from ops (checked by layers.json)
    def padded(name, cls, a, inputs):
        ref.case(name, cls.__name__, a, build(cls, a), padded_call, inputs, gradcheck=False, dtypes=['float32'])

    def packed(name, cls, a, x):
        ref.case(name, cls.__name__ + '.packed', a, build(cls, a), packed_call(a['lengths']), [x], gradcheck=False,
                 dtypes=['float32'])

    padded('lstm_h17_2layers_state', nn.LSTM, args(3, 17, layers=2), [rnd(4, 3, 3), rnd(2, 3, 17), rnd(2, 3, 17)])
    padded('gru_h17_bidir_batch_first_h0', nn.GRU, args(3, 17, batch_first=True, bidirectional=True),
           [rnd(3, 4, 3), rnd(2, 3, 17)])
    padded('rnn_tanh_h17_h0', nn.RNN, args(3, 17), [rnd(4, 3, 3), rnd(1, 3, 17)])
    padded('rnn_relu_h17_nobias', nn.RNN, args(3, 17, bias=False, nonlinearity='relu'), [rnd(4, 3, 3)])
    packed('lstm_h17_packed_bidir', nn.LSTM, args(3, 17, bidirectional=True, lengths=[2, 4, 1]), rnd(4, 3, 3))
    packed('gru_h17_packed', nn.GRU, args(3, 17, lengths=[3, 1, 4]), rnd(4, 3, 3))
    # small cases whose second derivatives run through the layer's recomputing backward
    ref.case('lstm_gradgrad_state', 'LSTM', args(2, 1), build(nn.LSTM, args(2, 1)), padded_call,
             [rnd(3, 2, 2), rnd(1, 2, 1), rnd(1, 2, 1)], gradgradcheck=True)
    a = args(2, 1, lengths=[3, 1, 2])
    ref.case('gru_gradgrad_packed', 'GRU.packed', a, build(nn.GRU, a), packed_call(a['lengths']), [rnd(3, 3, 2)],
             gradgradcheck=True)
    return {'cases': ref.CASES}


if __name__ == '__main__':
    ref.write('rnn_fused.json', layer_cases())
