"""Reference for random autograd programs (PyTorch 1.13): compositions the engine must get right as a whole.

Writes api/src/test/resources/reference/autograd_programs.json: the inputs x and x2 (leaves that require grad) and
per program its steps, the loss, the gradients of x and x2 and of the tensors it retained (retain_grad), or
PyTorch's error. A program grows a list of tensors from x * 1: elementwise functions, broadcasting binary ops,
reductions over a dim, softmax, products, joins, where, scans, flips and rolls, gathers, expansions and repeats,
a float32 round trip, sorts and top-k, variances, pow/atan2/lerp, split outputs, detached copies and ops under
no_grad; views and in-place ops (those of gen_view_inplace_reference.py, scatter_add_, index_fill_); retain_grad and
gradient hooks. The loss weighs every tensor made; a
third of the programs differentiate twice (the loss becomes sum(w * d loss / d x) through create_graph). Their
twin is api/src/test/java/org/torch4j/conformance/AutogradPrograms.java, run by AutogradProgramsTest.
With `5 500 autograd_programs_mixed.json mixed` it writes the mixed programs: they start from x (float64) and x2
(float32) both, so ops meet two dtypes, and record how far PyTorch's own float32 rounding moves each number.
Run with Debian's /usr/bin/python3; `gen_autograd_programs_reference.py SEED COUNT /tmp/FILE.json [mixed]` explores
further.
"""
import random
import sys

import torch

from gen_view_inplace_reference import apply_inplace, apply_view, random_inplace, random_view, weights
from reference_io import enc, rounded_normal, write

UNARY = ['tanh', 'sigmoid', 'sin', 'cos', 'relu', 'neg', 'abs', 'exp', 'square']
BINARY = ['add', 'sub', 'mul', 'maximum', 'div_soft', 'where']
REDUCE = ['sum', 'mean', 'amax', 'logsumexp', 'prod', 'norm']


def unary(t, name):
    if name == 'square':
        return t * t
    return getattr(t, name)()


def binary(a, b, name):
    if name == 'div_soft':
        return a / (b * b + 1)
    if name == 'where':
        return torch.where(a > 0, a, b)
    return getattr(torch, name)(a, b)


def pattern(shape, dim):
    """A fixed index tensor of shape along dim: (7 k + 3) mod size(dim) over the elements k in row-major order."""
    n = 1
    for d in shape:
        n *= d
    return (torch.arange(n).reshape(shape) * 7 + 3) % shape[dim]


def more(t, name, args, ts, x2):
    """The other ops: scans, reorders, gathers, repeats, casts, sorts, spreads, multi-output views."""
    if name == 'cumsum':
        return t.cumsum(args[0])
    if name == 'cumprod':
        return t.cumprod(args[0])
    if name == 'flip':
        return t.flip(args[0])
    if name == 'roll':
        return t.roll(args[0], args[1])
    if name == 'gather':
        return t.gather(args[0], pattern(t.shape, args[0]))
    if name == 'index_select':
        return t.index_select(args[0], torch.tensor(args[1]))
    if name == 'expand':
        shape = list(t.shape)
        shape.insert(args[0], args[1])
        return t.unsqueeze(args[0]).expand(shape)
    if name == 'repeat':
        return t.repeat(*args)
    if name == 'float32':
        return t.float().double()
    if name == 'clone':
        return t.clone()
    if name == 'contiguous':
        return t.contiguous()
    if name == 'sort':
        return t.sort(args[0], args[1])[0]
    if name == 'topk':
        return t.topk(args[0], args[1])[0]
    if name == 'var':
        return t.var(args[0])
    if name == 'std':
        return t.std(args[0])
    if name == 'pow':
        return (t.abs() + 1).pow(ts[args[0]])
    if name == 'atan2':
        return torch.atan2(t, ts[args[0]])
    if name == 'lerp':
        return t.lerp(ts[args[0]], args[1])
    if name == 'stack':
        return torch.stack([t, ts[args[0]]], args[1])
    if name == 'split':
        return t.split(args[0], args[1])[args[2]]
    raise ValueError(name)


def more_inplace(t, name, args, x2):
    if name == 'scatter_add_':
        t.scatter_add_(args[0], pattern(t.shape, args[0]), x2.reshape(-1)[:t.numel()].reshape(t.shape))
    elif name == 'index_fill_':
        t.index_fill_(args[0], torch.tensor(args[1]), args[2])
    else:
        raise ValueError(name)


def reduce(t, name, dim, keepdim):
    if name == 'amax':
        return t.amax(dim, keepdim)
    if name == 'norm':
        return t.norm(2, dim, keepdim)
    if name == 'prod':
        return t.prod(dim, keepdim)
    return getattr(t, name)(dim, keepdim=keepdim)


class Run:
    """The state of a running program: its tensors and what it retained."""

    def __init__(self, x, x2, mixed=False):
        self.x, self.x2 = x, x2
        # (mixed programs: both leaves start the list, x2 float32, so ops meet tensors of two dtypes)
        self.ts = [x * 1] + ([x2 * 1] if mixed else [])
        self.retained = []
        self.hooked = []

    def holds(self, indices, t):
        """Whether one of these tensors is t (contiguous() of a contiguous tensor is the tensor itself)."""
        return any(self.ts[j] is t for j in indices)

    def step(self, step, lenient=False):
        what, i, kind, args = step
        ts, t = self.ts, self.ts[step[1]]
        if what == 'view':
            ts.append(apply_view(t, kind, args, lenient))
        elif what == 'inplace':
            apply_inplace(t, kind, args, self.x2, lenient)
        elif what == 'unary':
            ts.append(unary(t, kind))
        elif what == 'binary':
            ts.append(binary(t, ts[args[0]], kind))
        elif what == 'reduce':
            ts.append(reduce(t, kind, args[0], args[1]))
        elif what == 'softmax':
            ts.append(t.softmax(args[0]) if kind == 'softmax' else t.log_softmax(args[0]))
        elif what == 'matmul':
            ts.append(t.matmul(ts[args[0]].transpose(-1, -2)))
        elif what == 'cat':
            ts.append(torch.cat([t, ts[args[0]]], args[1]))
        elif what == 'detach':
            ts.append(t.detach())
        elif what == 'nograd':
            with torch.no_grad():
                ts.append(unary(t, kind))
        elif what == 'more':
            ts.append(more(t, kind, args, ts, self.x2))
        elif what == 'inplace2':
            if lenient:
                r = t.clone()
                more_inplace(r, kind, args, self.x2)
                t.copy_(r)
            else:
                more_inplace(t, kind, args, self.x2)
        elif what == 'retain':
            t.retain_grad()
            self.retained.append(i)
        elif what == 'hook':
            scale = args[0]
            t.register_hook(lambda g: g * scale)
        else:
            raise ValueError(what)

    def loss(self):
        return sum((t * weights(i, t)).sum() for i, t in enumerate(self.ts))


def random_step(rnd, run, double):
    """A step valid for the present tensors (None when the draw does not fit them)."""
    ts = run.ts
    i = rnd.randrange(len(ts))
    t = ts[i]
    r = rnd.random()
    if r < 0.16:
        return ['view', i] + list(random_view(rnd, t))
    if r < 0.30:
        if not writable(t):
            return None
        return ['inplace', i] + list(random_inplace(rnd, t))
    if r < 0.42:
        return ['unary', i, rnd.choice(UNARY), []]
    if r < 0.54:
        fits = [j for j, u in enumerate(ts) if broadcasts(t.shape, u.shape)]
        return ['binary', i, rnd.choice(BINARY), [rnd.choice(fits)]]
    if r < 0.60:
        if t.dim() == 0:
            return None
        name, dim = rnd.choice(REDUCE), rnd.randrange(t.dim())
        if name == 'norm' and double and bool((t.detach().abs().amax(dim) == 0).any()):
            # (a second derivative at a zero norm is NaN or 0 by where each library's formula meets 0 * inf)
            return None
        return ['reduce', i, name, [dim, rnd.random() < 0.5]]
    if r < 0.63:
        if t.dim() == 0:
            return None
        return ['softmax', i, rnd.choice(['softmax', 'log_softmax']), [rnd.randrange(t.dim())]]
    if r < 0.66:
        fits = [j for j, u in enumerate(ts) if t.dim() == 2 and u.dim() == 2 and u.shape[1] == t.shape[1]]
        return ['matmul', i, 'matmul', [rnd.choice(fits)]] if fits else None
    if r < 0.69:
        if t.dim() == 0:
            return None
        dim = rnd.randrange(t.dim())
        fits = [j for j, u in enumerate(ts) if u.dim() == t.dim()
                and all(u.shape[d] == t.shape[d] for d in range(t.dim()) if d != dim)]
        return ['cat', i, 'cat', [rnd.choice(fits), dim]]
    if r < 0.83:
        return random_more(rnd, run, i)
    if r < 0.86:
        if t.dim() == 0 or not writable(t):
            return None
        dim = rnd.randrange(t.dim())
        if rnd.random() < 0.5:
            return ['inplace2', i, 'scatter_add_', [dim]]
        return ['inplace2', i, 'index_fill_', [dim, sorted(rnd.sample(range(t.shape[dim]), min(2, t.shape[dim]))), -0.5]]
    if r < 0.89:
        return ['detach', i, 'detach', []]
    if r < 0.92:
        return ['nograd', i, rnd.choice(UNARY), []]
    if r < 0.96:
        if double or not t.requires_grad or t.grad_fn is None or run.holds(run.retained, t) or t._is_view():
            # (retain_grad on a view whose base changed in place crashes PyTorch 1.13 at times; InPlaceThroughViewsTest
            # has scenarios of retained views)
            return None
        return ['retain', i, 'retain', []]
    if double or not t.requires_grad or t._is_view() or run.holds(run.hooked, t) or run.holds(run.retained, t):
        # Not drawn, each a difference in where a hook sits, not in a gradient: hooks in second derivatives (whether
        # the second backward meets a hooked tensor depends on what each side's first-derivative formulas save:
        # PyTorch's prod saves its result); hooks on views (on the view's old node, which PyTorch's CopySlices
        # bypasses after an in-place write to the view, torch4j's not); a second hook on a tensor, or one after
        # retain_grad (1.13 keeps a tensor's hooks together on the node of its first one, also after an in-place
        # op and before retain_grad; PyTorch 2 and torch4j put a hook on the tensor's node at the time, and run
        # retain_grad last)
        return None
    run.hooked.append(i)
    return ['hook', i, 'hook', [rnd.choice([0.5, -2.0, 3.0])]]


def random_more(rnd, run, i):
    ts = run.ts
    t = ts[i]
    name = rnd.choice(['cumsum', 'cumprod', 'flip', 'roll', 'gather', 'index_select', 'expand', 'repeat', 'float32',
                       'clone', 'contiguous', 'sort', 'topk', 'var', 'std', 'pow', 'atan2', 'lerp', 'stack', 'split'])
    d = t.dim()
    if name in ('clone', 'contiguous', 'float32'):
        return ['more', i, name, []]
    if name in ('pow', 'atan2', 'lerp'):
        fits = [j for j, u in enumerate(ts) if broadcasts(t.shape, u.shape)]
        return ['more', i, name, [rnd.choice(fits)] + ([rnd.choice([0.3, 1.5])] if name == 'lerp' else [])]
    if name == 'expand':
        return ['more', i, name, [rnd.randint(0, d), rnd.randint(1, 3)]] if d < 3 else None
    if name == 'repeat':
        return ['more', i, name, [rnd.randint(1, 2) for _ in range(d)]] if d > 0 else None
    if name == 'stack':
        fits = [j for j, u in enumerate(ts) if u.shape == t.shape]
        return ['more', i, name, [rnd.choice(fits), rnd.randint(0, d)]]
    if d == 0:
        return None
    dim = rnd.randrange(d)
    size = t.shape[dim]
    if size == 0:
        return None
    if name == 'roll':
        return ['more', i, name, [rnd.randint(-3, 3), dim]]
    if name == 'index_select':
        return ['more', i, name, [dim, [rnd.randrange(size) for _ in range(rnd.randint(1, 4))]]]
    if name in ('sort', 'topk') and has_ties(t, dim):
        return None  # (which of two equal values goes where is each library's own)
    if name == 'std' and has_constant_line(t, dim):
        return None  # (the gradient of a deviation of rounding errors, 1e-17, is each library's rounding)
    if name == 'sort':
        return ['more', i, name, [dim, rnd.random() < 0.5]]
    if name == 'topk':
        return ['more', i, name, [rnd.randint(1, size), dim]]
    if name == 'split':
        chunk = rnd.randint(1, size)
        return ['more', i, name, [chunk, dim, rnd.randrange((size + chunk - 1) // chunk)]]
    return ['more', i, name, [dim]]


def has_ties(t, dim):
    s = t.detach().sort(dim)[0]
    return bool((s.narrow(dim, 1, s.shape[dim] - 1) == s.narrow(dim, 0, s.shape[dim] - 1)).any())


def has_constant_line(t, dim):
    return bool((t.detach().amax(dim) == t.detach().amin(dim)).any())


def writable(t):
    """Not an expansion (PyTorch only warns about some in-place writes to one; torch4j refuses them all)."""
    return all(st != 0 or n <= 1 for st, n in zip(t.stride(), t.shape))


def broadcasts(a, b):
    try:
        torch.broadcast_shapes(a, b)
        return True
    except RuntimeError:
        return False


def random_program(rnd, x, x2, mixed):
    """Steps drawn while running them, so each is valid for PyTorch's forward; and whether to differentiate twice."""
    double = rnd.random() < 1 / 3
    run = Run(x, x2, mixed)
    steps = []
    while len(steps) < rnd.randint(4, 10):
        step = random_step(rnd, run, double)
        if step is None:
            continue
        run.step(step)
        steps.append(step)
    return steps, double


def execute(steps, double, x, x2, lenient=False, mixed=False):
    """Runs a program and its backward from copies of x and x2 that require grad: the loss, the leaves' gradients
    and the retained tensors' gradients (None where there is none)."""
    x, x2 = x.clone().requires_grad_(True), x2.clone().requires_grad_(True)
    run = Run(x, x2, mixed)
    for step in steps:
        run.step(step, lenient)
    loss = run.loss()
    if double:
        g, = torch.autograd.grad(loss, x, create_graph=True)
        loss = (g * weights(99, g)).sum()
    loss.backward()
    return loss.item(), x.grad, x2.grad, [run.ts[i].grad for i in run.retained]


def dense(t):
    """t, or zeros for PyTorch's "efficient zero tensors" (some backward formulas' zeros), which have no storage."""
    return torch.zeros(t.shape, dtype=t.dtype) if isinstance(t, torch.Tensor) and t._is_zerotensor() else t


def plain(t):
    """t's values in the JSON form."""
    return enc(dense(t))


# Programs the random draws found, first in the file, each with the difference it showed (fixed):
FOUND = [
    # retain_grad on a tensor then written in place: PyTorch retains the new value's gradient
    ([['retain', 0, 'retain', []], ['binary', 0, 'add', [0]], ['unary', 1, 'neg', []], ['inplace', 0, 'sub_', [1.5]]],
     False),
    # matmul with a constant operand saved both operands, so relu_ on the other refused backward
    ([['binary', 0, 'add', [0]], ['binary', 0, 'sub', [0]], ['detach', 2, 'detach', []], ['unary', 3, 'cos', []],
      ['inplace', 3, 'add_', [0.25]], ['matmul', 0, 'matmul', [3]], ['inplace', 0, 'relu_', []]], False),
    # lerp's scalar weight: 1 - w rounded to float32 in the derivative; its saved operands refused an in-place add_
    ([['more', 0, 'lerp', [0, 0.3]], ['unary', 1, 'sin', []]], True),
    ([['more', 0, 'lerp', [0, 1.5]], ['inplace', 0, 'add_', [0.25]], ['inplace', 1, 'mul_x2', [1.0]]], True),
    # repeat returned a view of a hidden copy, so a view of its result bypassed its retained gradient
    ([['inplace', 0, 'add_', [0.25]], ['more', 0, 'repeat', [2, 1]], ['view', 1, 't', []], ['retain', 1, 'retain', []],
      ['inplace2', 1, 'index_fill_', [0, [3, 5], -0.5]]], False),
    # detach of a view is a base with gaps in memory: a view of it written in place was refused
    ([['view', 0, 'diagonal', []], ['detach', 1, 'detach', []], ['view', 2, 'narrow', [0, 1, 2]],
      ['inplace2', 3, 'scatter_add_', [0]]], False),
    # a NaN gradient (std over one element) kept by CopySlices' mask product where PyTorch overwrites the region
    ([['view', 0, 'diagonal', []], ['view', 1, 'unsqueeze', [1]], ['inplace', 1, 'zero_', []], ['view', 0, 't', []],
      ['more', 2, 'std', [1]]], False),
    # softmax of a transposed tensor was not contiguous, so view(-1) failed
    ([['view', 0, 'transpose', [1, 0]], ['softmax', 1, 'softmax', [0]], ['view', 2, 'flatten', []]], False),
    # roll by 0 of a transposed tensor kept its layout (PyTorch's roll is contiguous), so view(-1) failed
    ([['view', 0, 'permute', [1, 0]], ['more', 1, 'roll', [0, 0]], ['view', 2, 'flatten', []]], False),
    # cumprod's second derivative at zeros (the first-derivative formula drops terms that vanish there)
    ([['inplace', 0, 'mul_', [-0.5]], ['detach', 0, 'detach', []], ['binary', 1, 'sub', [0]], ['more', 2, 'cumprod', [1]],
      ['unary', 1, 'tanh', []]], True),
]


def record(steps, double, x, x2, mixed=False):
    """A program's entry: its loss and gradients, or PyTorch's error and the lenient run's (None: refused even so).
    A mixed program's entry also has 'err': how far each of those moves when x2 is float64 instead, PyTorch's own
    float32 error, for torch4j's float32 kernels round the last bit their own way (None: a chaotic program)."""
    rec = {'steps': steps, 'double': double}
    lenient = False
    try:
        loss, gx, gx2, retained = execute(steps, double, x, x2, mixed=mixed)
    except RuntimeError as e:
        # as gen_view_inplace_reference.py: torch4j may refuse alike, or give the gradients of the program with
        # its in-place ops through clones and unbind as select
        rec['error'] = str(e)
        lenient = True
        try:
            loss, gx, gx2, retained = execute(steps, double, x, x2, lenient, mixed)
        except RuntimeError:
            return None  # refused even so (the double backward of an in-place op through a view, ...)
    rec['loss'] = loss
    rec['retained'] = [plain(g) if g is not None else None for g in retained]
    for name, grad in (('grad_x', gx), ('grad_x2', gx2)):
        if grad is not None:
            rec[name] = plain(grad)
    if mixed:
        rec['err'] = float32_error(steps, double, x, x2, lenient, (loss, gx, gx2, retained))
        if rec['err'] is None:
            return None
    return rec


def float32_error(steps, double, x, x2, lenient, results):
    """The largest change of the loss and of each gradient's elements when the program runs with x2 in float64;
    None where one is above a thousandth of the quantity (rounding errors grow chaotically: a float32 ulp of an
    exponent moves cos(2^(x^y)) by radians) or where the float64 run gives None, NaN or inf for a number."""
    truth = execute(steps, double, x, x2.double(), lenient, True)
    err = {}
    for name, got, want in zip(('loss', 'grad_x', 'grad_x2', 'retained'), results, truth):
        pairs = list(zip(got, want)) if name == 'retained' else [(got, want)]
        errs = []
        for a, b in pairs:
            if (a is None) != (b is None):
                return None
            if a is None:
                errs.append(0.0)
                continue
            a, b = (torch.as_tensor(dense(v), dtype=torch.float64) for v in (a, b))
            if not (torch.isfinite(a).all() and torch.isfinite(b).all()):
                return None
            d = (a - b).abs().max().item() if a.numel() else 0.0
            if d > 1e-3 * max(1.0, b.abs().max().item()):
                return None
            errs.append(d)
        err[name] = errs if name == 'retained' else errs[0]
    return err


def main(seed=5, count=1000, out='autograd_programs.json', kind='float64'):
    """kind 'mixed': programs that start from x (float64) and x2 (float32) both."""
    g = torch.Generator().manual_seed(1)
    x, x2 = (rounded_normal(g, 3, 4) for _ in range(2))
    mixed = kind == 'mixed'
    if mixed:
        x2 = x2.float()
    rnd = random.Random(seed)
    programs = [] if mixed else [record(steps, double, x, x2) for steps, double in FOUND]
    while len(programs) < count:
        try:
            steps, double = random_program(rnd, x.clone().requires_grad_(True), x2.clone().requires_grad_(True), mixed)
        except RuntimeError:
            continue  # PyTorch refused a step in the forward (a write through overlapping views, ...)
        rec = record(steps, double, x, x2, mixed)
        if rec is not None:
            programs.append(rec)
    write(out, {'x': enc(x), 'x2': enc(x2), 'mixed': mixed, 'programs': programs} if mixed
          else {'x': enc(x), 'x2': enc(x2), 'programs': programs})


if __name__ == '__main__':
    main(*(int(a) for a in sys.argv[1:3]), *sys.argv[3:5])
