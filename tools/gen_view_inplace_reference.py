"""Reference for autograd through in-place ops on views and on the bases of views (PyTorch 1.13).

Writes api/src/test/resources/reference/view_inplace.json: the inputs x, x2 (leaves that require grad) and w
(weights), and per scenario the loss, the gradients of x and x2, and where a scenario records them the grad_fn
name of a view whose base changed, its requires_grad, or the error PyTorch raises. Each scenario has a twin in
api/src/test/java/org/torch4j/conformance/InPlaceThroughViewsTest.java. Besides the scenarios, 'programs':
random sequences of views (of views), in-place ops on them and new tensors, run by the interpreter run_program
here and its twin in the test, each with its loss (every tensor made, weighted) and gradients, or PyTorch's
error. Run with Debian's /usr/bin/python3.
"""
import random
import sys

import torch

from reference_io import enc, rounded_normal, write


def other_view_of_modified_base(x, x2, w, rec):
    y = x * 2
    v = y.t()
    y.mul_(3)
    rec['grad_fn'] = type(v.grad_fn).__name__
    return (v * w.t()).sum()


def view_of_transposed_result(x, x2, w, rec):
    y = (x * 2).t()
    y.select(0, 1).mul_(3)
    return (y.pow(2) * w.t()).sum()


def clamp_through_narrow_of_transposed(x, x2, w, rec):
    u = (x * 1).t()
    u.narrow(1, 0, 2).clamp_(-0.5, 0.5)
    return (u * w.t()).sum()


def view_of_view_after_inner_view_changed(x, x2, w, rec):
    y = x * 2
    a = y[0]
    b = a[1:]
    a.mul_(3)
    rec['grad_fn'] = type(b.grad_fn).__name__
    return (b * w[0, 1:]).sum() + (y * w).sum()


def view_of_view_after_base_changed(x, x2, w, rec):
    y = x * 2
    a = y[1:]
    c = a.t()
    y.add_(x * x)
    return (c * w[1:].t()).sum()


def strided_base(x, x2, w, rec):
    z = torch.empty_strided((3, 4), (1, 3), dtype=torch.float64)
    z.copy_(x * 2)
    z[0].mul_(x2[1])
    return (z * w).sum()


def channels_last_base(x, x2, w, rec):
    z = (x.reshape(2, 3, 2, 1) * 1).contiguous(memory_format=torch.channels_last)
    z[:, 1].mul_(x2.reshape(2, 3, 2, 1)[:, 0])
    z[1, :, 0].add_(1)
    return (z * w.reshape(2, 3, 2, 1)).sum()


def real_view_of_complex(x, x2, w, rec):
    zc = torch.complex(x, x2) * 1
    r = torch.view_as_real(zc)
    r[..., 0].mul_(w)
    return (zc.real * 2 + zc.imag * w).sum() + (r ** 2).sum()


def parts_of_complex(x, x2, w, rec):
    zc = torch.complex(x, x2) * 1
    zc.real.mul_(w)
    zc.imag.add_(x)
    return (zc * zc.conj()).real.sum() + (zc.real * w).sum()


def retained_view_of_changed_base(x, x2, w, rec):
    y = x * 2
    v = y[0]
    v.retain_grad()
    y.mul_(x2)
    rec['retained'] = v
    return (v * w[0]).sum()


def retained_view_changed(x, x2, w, rec):
    y = x * 2
    v = y[0]
    v.retain_grad()
    z = (v * w[1]).sum()
    v.mul_(x2[0])
    rec['retained'] = v
    return z + (v * w[0]).sum()


def retained_tensor_changed(x, x2, w, rec):
    y = x * 2
    y.retain_grad()
    z = (y * w.t().reshape(3, 4)).sum()
    y.tanh_()
    rec['retained'] = y
    return z + (y * w).sum()


def retained_base_of_changed_view(x, x2, w, rec):
    y = x * 2
    y.retain_grad()
    z = (y * w.t().reshape(3, 4)).sum()
    y[1].mul_(3)
    rec['retained'] = y
    return z + (y * w).sum()


def base_without_history_picks_it_up(x, x2, w, rec):
    b = torch.zeros(3, 4, dtype=torch.float64)
    v = b[1]
    b[0].copy_(x[0] * 2)
    rec['requires_grad'] = v.requires_grad
    rec['grad_fn'] = type(v.grad_fn).__name__
    return (v * w[1]).sum() + (b * w).sum()


def double_backward(x, x2, w, rec):
    y = x * 1
    v = y.t()
    y.mul_(x2)
    g, = torch.autograd.grad((v ** 3).sum(), x, create_graph=True)
    return (g * w).sum()


def two_views_changed(x, x2, w, rec):
    y = x * 1
    c = y.t()
    y[0].mul_(2)
    y[:, 1].add_(x2[:, 1])
    y[2].sub_(1)
    return (c * w.t()).sum()


def view_made_between_changes(x, x2, w, rec):
    y = x * 1
    y[0].mul_(2)
    v = y[:, 2]
    y.mul_(x2)
    return (v * w[:, 2]).sum() + (y * w).sum()


def base_changed_under_no_grad(x, x2, w, rec):
    y = x * 2
    v = y[0]
    with torch.no_grad():
        y.mul_(3)
    return (v * w[0]).sum()


def no_grad_view_of_changed_base(x, x2, w, rec):
    y = x * 2
    with torch.no_grad():
        v = y[0]
    y.mul_(x2)
    v.grad_fn
    return None


def no_grad_view_changed(x, x2, w, rec):
    y = x * 2
    with torch.no_grad():
        v = y[0]
    v.mul_(2)
    return None


SCENARIOS = [other_view_of_modified_base, view_of_transposed_result, clamp_through_narrow_of_transposed,
             view_of_view_after_inner_view_changed, view_of_view_after_base_changed, strided_base, channels_last_base,
             real_view_of_complex, parts_of_complex, retained_view_of_changed_base, retained_view_changed,
             retained_tensor_changed, retained_base_of_changed_view, base_without_history_picks_it_up, double_backward, two_views_changed,
             view_made_between_changes, base_changed_under_no_grad, no_grad_view_of_changed_base, no_grad_view_changed]


def weights(i, t):
    """The loss's weights for the program's i-th tensor: cos(k + i) over its elements in row-major order."""
    return torch.arange(t.numel(), dtype=torch.float64).add(i).cos().reshape(t.shape)


def operand(x2, t, scale):
    """An operand shaped like t from the leaf x2: its first elements, times scale."""
    return x2.reshape(-1)[:t.numel()].reshape(t.shape) * scale


# the ops whose backward saves self or the result (so later writes make backward fail) drawn a third as often
INPLACE = ['mul_', 'add_', 'sub_', 'mul_x2', 'add_x2', 'copy_x2', 'clamp_', 'zero_', 'fill_', 'masked_fill_',
           'addcmul_x2', 'lerp_x2', 'index_put_x2'] * 3 + ['sigmoid_', 'tanh_', 'pow_', 'relu_', 'exp_', 'div_x2']
ARGS = {'mul_': [2.0, -0.5], 'add_': [0.25], 'sub_': [1.5], 'mul_x2': [1.0], 'add_x2': [-1.0], 'copy_x2': [2.0],
        'clamp_': [-0.6, 0.8], 'fill_': [0.75], 'masked_fill_': [-0.25], 'div_x2': [0.5], 'addcmul_x2': [0.5],
        'lerp_x2': [0.25]}


def random_inplace(rnd, t):
    """An in-place op for t and its arguments (mul_ draws its factor)."""
    kind = rnd.choice(INPLACE)
    if kind == 'index_put_x2' and (t.dim() == 0 or t.shape[0] == 0):
        kind = 'mul_'
    args = ARGS.get(kind, [])
    return kind, [rnd.choice(args)] if kind == 'mul_' else args


def apply_view(t, kind, args, lenient=False):
    if kind == 't':
        return t.t()
    if kind == 'transpose':
        return t.transpose(*args)
    if kind == 'select':
        return t.select(*args)
    if kind == 'narrow':
        return t.narrow(*args)
    if kind == 'unsqueeze':
        return t.unsqueeze(*args)
    if kind == 'diagonal':
        return t.diagonal()
    if kind == 'permute':
        return t.permute(*args)
    if kind == 'flatten':
        return t.view(-1)
    if kind == 'step':
        dim, start, step = args
        return t[(slice(None),) * dim + (slice(start, None, step),)]
    if kind == 'squeeze':
        return t.squeeze(*args)
    if kind == 'unbind':
        # (PyTorch refuses a multi-output view once its base changed in place; torch4j treats it as select, which
        # the lenient run below takes)
        return t.select(*args) if lenient else t.unbind(args[0])[args[1]]
    raise ValueError(kind)


def apply_inplace(t, kind, args, x2, lenient=False):
    if lenient:
        # torch4j's copying path: the op out of place on a clone, copied in (what it saves is never overwritten)
        r = t.clone()
        apply_inplace(r, kind, args, x2)
        t.copy_(r)
    elif kind == 'mul_':
        t.mul_(args[0])
    elif kind == 'add_':
        t.add_(args[0])
    elif kind == 'sub_':
        t.sub_(args[0])
    elif kind == 'mul_x2':
        t.mul_(operand(x2, t, args[0]))
    elif kind == 'add_x2':
        t.add_(operand(x2, t, args[0]))
    elif kind == 'copy_x2':
        t.copy_(operand(x2, t, args[0]))
    elif kind == 'clamp_':
        t.clamp_(args[0], args[1])
    elif kind == 'zero_':
        t.zero_()
    elif kind == 'fill_':
        t.fill_(args[0])
    elif kind == 'pow_':
        t.pow_(2)
    elif kind == 'div_x2':
        t.div_(operand(x2, t, args[0]).exp())
    elif kind == 'masked_fill_':
        t.masked_fill_(operand(x2, t, 1.0).detach() > 0, args[0])
    elif kind == 'addcmul_x2':
        t.addcmul_(operand(x2, t, 1.0), operand(x2, t, 0.5), value=args[0])
    elif kind == 'lerp_x2':
        t.lerp_(operand(x2, t, 1.0), args[0])
    elif kind == 'index_put_x2':
        rows = sorted({0, t.shape[0] - 1})
        values = x2.reshape(-1)[:len(rows) * t[0].numel()].reshape([len(rows)] + list(t.shape[1:]))
        t.index_put_((torch.tensor(rows),), values)
    else:
        getattr(t, kind)()


def run_program(steps, x, x2, lenient=False):
    """The tensors a program makes from x (the first is x * 1) and the weighted sum of all of them; lenient runs
    the in-place ops as torch4j does on views, through a clone."""
    ts = [x * 1]
    for step in steps:
        what, i, kind, args = step
        if what == 'view':
            ts.append(apply_view(ts[i], kind, args, lenient))
        elif what == 'new':
            ts.append(ts[i] * args[0])
        else:
            apply_inplace(ts[i], kind, args, x2, lenient)
    return sum((t * weights(i, t)).sum() for i, t in enumerate(ts))


def random_view(rnd, t):
    d = t.dim()
    choices = []
    if d == 2:
        choices += [('t', []), ('diagonal', [])]
    if d >= 2:
        a, b = rnd.sample(range(d), 2)
        choices.append(('transpose', [a, b]))
        perm = list(range(d))
        rnd.shuffle(perm)
        choices.append(('permute', perm))
    if d >= 1:
        dim = rnd.randrange(d)
        size = t.shape[dim]
        if size > 0:
            choices.append(('select', [dim, rnd.randrange(size)]))
            start = rnd.randrange(size)
            choices.append(('narrow', [dim, start, rnd.randint(1, size - start)]))
            choices.append(('step', [dim, rnd.randrange(size), rnd.randint(2, 3)]))
            choices.append(('unbind', [dim, rnd.randrange(size)]))
        if size == 1:
            choices.append(('squeeze', [dim]))
    if d < 3:
        choices.append(('unsqueeze', [rnd.randint(0, d)]))
    if t.is_contiguous():
        choices.append(('flatten', []))
    return rnd.choice(choices)


def random_program(rnd, x, x2):
    """Steps drawn while running them (views need the shapes), so each is valid for PyTorch's forward."""
    steps = []
    ts = [x * 1]
    for _ in range(rnd.randint(3, 8)):
        r = rnd.random()
        i = rnd.randrange(len(ts))
        if r < 0.45:
            kind, args = random_view(rnd, ts[i])
            step = ['view', i, kind, args]
            ts.append(apply_view(ts[i], kind, args))
        elif r < 0.55:
            step = ['new', i, 'mul', [rnd.choice([0.5, -2.0, 3.0])]]
            ts.append(ts[i] * step[3][0])
        else:
            kind, args = random_inplace(rnd, ts[i])
            step = ['inplace', i, kind, args]
            apply_inplace(ts[i], kind, args, x2)
        steps.append(step)
    return steps


def main(seed=7, count=600, out='view_inplace.json'):
    g = torch.Generator().manual_seed(0)
    x, x2, w = (rounded_normal(g, 3, 4) for _ in range(3))
    cases = {}
    for scenario in SCENARIOS:
        xs, x2s = x.clone().requires_grad_(True), x2.clone().requires_grad_(True)
        rec = {}
        try:
            loss = scenario(xs, x2s, w, rec)
        except RuntimeError as e:
            rec['error'] = str(e)
        else:
            loss.backward()
            if 'retained' in rec:
                rec['retained'] = enc(rec['retained'].grad)
            rec['loss'] = loss.item()
            for name, leaf in (('grad_x', xs), ('grad_x2', x2s)):
                if leaf.grad is not None:
                    rec[name] = enc(leaf.grad)
        cases[scenario.__name__] = rec
    rnd = random.Random(seed)
    programs = []
    while len(programs) < count:
        xs, x2s = x.clone().requires_grad_(True), x2.clone().requires_grad_(True)
        try:
            steps = random_program(rnd, xs, x2s)
        except RuntimeError:
            continue  # PyTorch refused a step in the forward (an in-place write on a diagonal's overlap, ...)
        xs, x2s = x.clone().requires_grad_(True), x2.clone().requires_grad_(True)
        rec = {'steps': steps}
        try:
            loss = run_program(steps, xs, x2s)
            loss.backward()
        except RuntimeError as e:
            # a saved tensor was overwritten; torch4j may refuse the same way, or (having saved a copy) give the
            # gradients of the program with its in-place ops through clones
            rec['error'] = str(e)
            xs, x2s = x.clone().requires_grad_(True), x2.clone().requires_grad_(True)
            loss = run_program(steps, xs, x2s, lenient=True)
            loss.backward()
        rec['loss'] = loss.item()
        for name, leaf in (('grad_x', xs), ('grad_x2', x2s)):
            if leaf.grad is not None:
                rec[name] = enc(leaf.grad)
        programs.append(rec)
    write(out, {'x': enc(x), 'x2': enc(x2), 'w': enc(w), 'cases': cases, 'programs': programs})


if __name__ == '__main__':
    # (other seeds and counts, written elsewhere, explore beyond the committed programs:
    # gen_view_inplace_reference.py SEED COUNT /tmp/FILE.json, replayed by pointing the test's resource at it)
    main(*(int(a) for a in sys.argv[1:3]), *sys.argv[3:4])
