"""Writes the TensorBoard fixtures of TensorBoardTest (api/src/test/resources/reference/tensorboard/events.json):
what PyTorch 1.13's torch.utils.tensorboard.SummaryWriter writes for a set of calls, record by record (each
event file's records after its first, the file-version event, framed as in the file, base64-encoded), with the calls' inputs.
video.json holds add_video's tiled 8-bit frames (PyTorch's _prepare_video and scaling; moviepy, which would encode
the GIF, is not installed) and image fields; graph.json the nodes of add_graph's GraphDef that torch4j reproduces
(scope, op, output shape, attr, edges) for three small models.

torch.utils.tensorboard needs the tensorboard package, which Debian does not ship; install its wheels (kept on
these machines) into a side directory first:

    /usr/bin/python3 -m pip install --no-deps --no-index --target /tmp/tb /opt/pypi/files/tensorboard-2.21.0-py3-none-any.whl \
        /opt/pypi/files/absl_py-2.5.0-py3-none-any.whl /opt/pypi/files/tensorboard_data_server-0.7.2-py3-none-any.whl \
        /opt/pypi/files/markdown-3.11-py3-none-any.whl /opt/pypi/files/werkzeug-3.1.9-py3-none-any.whl \
        /opt/pypi/files/protobuf-6.33.6-cp39-abi3-manylinux2014_x86_64.whl
    PYTHONPATH=/tmp/tb /usr/bin/python3 tools/gen_tensorboard_reference.py             # the fixtures
    PYTHONPATH=/tmp/tb /usr/bin/python3 tools/gen_tensorboard_reference.py --check DIR # TensorBoard reads a torch4j run

--check loads the run directory TensorBoardTest writes (backend-cpu/target/torch4j-tensorboard) with TensorBoard's
own EventAccumulator and prints what it finds there (images and GIFs decoded with PIL from /usr/lib/python3/dist-packages).
"""
import base64
import glob
import math
import os
import shutil
import struct
import sys
import tempfile

import numpy as np
import torch
import torch.utils.tensorboard.summary
from torch.utils.tensorboard import SummaryWriter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_io import enc, write  # noqa: E402

WALL = 1700000000.25


class _Numpy:
    """numpy for torch.utils.tensorboard.summary: PyTorch 1.13's make_histogram calls np.greater(counts, 0,
    dtype=np.int32), which numpy 1.24 refuses ("No loop matching the specified signature"); older numpy compared
    and gave 0/1 as int32, which this restores."""

    def __getattr__(self, name):
        return getattr(np, name)

    @staticmethod
    def greater(a, b, dtype=None):
        r = np.greater(a, b)
        return r if dtype is None else r.astype(dtype)


torch.utils.tensorboard.summary.np = _Numpy()


def records(path):
    """The records of one TFRecord file, each framed as written: length, its masked CRC-32C, data, its CRC."""
    out = []
    with open(path, 'rb') as f:
        data = f.read()
    at = 0
    while at < len(data):
        (n,) = struct.unpack('<Q', data[at:at + 8])
        out.append(data[at:at + 12 + n + 4])
        at += 12 + n + 4
    return out


def frame(data):
    from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
    header = struct.pack('<Q', len(data))
    return header + struct.pack('<I', masked_crc32c(header)) + data + struct.pack('<I', masked_crc32c(data))


def timeless(record):
    """An event with a wall time other than WALL (the purge-step and hparams events take the clock's) written with
    none; a session start's hyperparameters sorted by name."""
    from tensorboard.compat.proto import event_pb2
    from tensorboard.plugins.hparams import plugin_data_pb2
    e = event_pb2.Event.FromString(record[12:-4])
    if e.wall_time == WALL:
        return record
    e.wall_time = 0
    for v in e.summary.value:  # the hparams map in key order (protobuf's own order changes from run to run)
        if v.tag == '_hparams_/session_start_info':
            data = plugin_data_pb2.HParamsPluginData.FromString(v.metadata.plugin_data.content)
            v.metadata.plugin_data.content = data.SerializeToString(deterministic=True)
    return frame(e.SerializeToString())


def run(calls, **options):
    """Runs calls(writer) in a fresh log directory: {subdirectory: [base64 records after the first]}."""
    d = tempfile.mkdtemp()
    w = SummaryWriter(d, **options)
    calls(w)
    w.close()
    files, others = {}, {}
    for p in sorted(glob.glob(os.path.join(d, '**', '*'), recursive=True)):
        if os.path.isdir(p):
            continue
        if os.path.basename(p).startswith('events.out.tfevents.'):
            sub = os.path.relpath(os.path.dirname(p), d)
            files[sub] = [base64.b64encode(timeless(r)).decode() for r in records(p)[1:]]
        else:  # the projector's files: text, or a PNG
            with open(p, 'rb') as f:
                data = f.read()
            others[os.path.relpath(p, d)] = base64.b64encode(data).decode() if p.endswith('.png') else data.decode()
    shutil.rmtree(d)
    return files, others


def generate():
    g = torch.Generator().manual_seed(0)
    quarters = torch.randint(-40, 41, (50,), generator=g).float() / 4  # sums exact in any order
    cases = []

    def case(name, calls, inputs, **options):
        files, others = run(calls, **options)
        cases.append({'name': name, 'inputs': inputs, 'options': dict(options), 'files': files, 'other_files': others})

    case('scalar', lambda w: (w.add_scalar('loss/train', 0.1234567, 3, walltime=WALL), w.add_scalar('zero', 0.0, 0, walltime=WALL),
                              w.add_scalar('negative step', -2.5, -1, walltime=WALL), w.add_scalar('t', torch.tensor(2.5), 7, walltime=WALL)), {})
    case('scalars', lambda w: w.add_scalars('run/x', {'a': 1.5, 'b': -2.0}, 4, walltime=WALL), {})
    case('histogram tensorflow bins', lambda w: w.add_histogram('h', quarters, 1, walltime=WALL), {'values': enc(quarters)})
    ints = torch.randint(-5, 6, (30,), generator=g)
    case('histogram int64 values', lambda w: w.add_histogram('ints', ints, 2, walltime=WALL), {'values': enc(ints)})
    case('histogram 10 bins', lambda w: w.add_histogram('h10', quarters, 3, bins=10, walltime=WALL), {'values': enc(quarters)})
    case('histogram max bins', lambda w: w.add_histogram('hmax', quarters, 4, max_bins=50, walltime=WALL), {'values': enc(quarters)})
    edges = [-3.0, -1.0, 0.0, 0.5, 2.0, 10.0]
    case('histogram edges', lambda w: w.add_histogram('he', quarters.double(), 5, bins=edges, walltime=WALL),
         {'values': enc(quarters.double()), 'edges': edges})
    const = torch.full((7,), 1.5)
    case('histogram constant', lambda w: w.add_histogram('hc', const, 6, bins=4, walltime=WALL), {'values': enc(const)})

    chw = torch.rand(3, 4, 5, generator=g)
    hwc = torch.randint(0, 256, (4, 5, 3), generator=g).to(torch.uint8)
    hw = torch.rand(4, 5, generator=g) * 1.2 - 0.1  # beyond [0, 1]: numpy's cast wraps
    gray = torch.rand(1, 4, 5, generator=g)
    rgba = torch.rand(4, 5, 4, generator=g)
    batch = torch.rand(10, 1, 3, 2, generator=g)
    nhwc = torch.rand(3, 2, 3, 3, generator=g)
    case('image', lambda w: (w.add_image('chw', chw, 1, walltime=WALL), w.add_image('hwc', hwc, 2, walltime=WALL, dataformats='HWC'),
                             w.add_image('hw', hw, 3, walltime=WALL, dataformats='HW'), w.add_image('gray', gray, 4, walltime=WALL),
                             w.add_image('rgba', rgba, 5, walltime=WALL, dataformats='HWC'),
                             w.add_images('batch', batch, 6, walltime=WALL),
                             w.add_image('nhwc', nhwc, 7, walltime=WALL, dataformats='NHWC')),
         {'chw': enc(chw), 'hwc': enc(hwc), 'hw': enc(hw), 'gray': enc(gray), 'rgba': enc(rgba), 'batch': enc(batch), 'nhwc': enc(nhwc)})
    case('text', lambda w: w.add_text('notes', 'hello **world** \u2713', 2, walltime=WALL), {})
    tone = (torch.sin(torch.arange(100) * 0.3) * 1.2).float()
    soft = torch.sin(torch.arange(60, dtype=torch.float64) * 0.7) * 0.5
    case('audio', lambda w: (w.add_audio('tone', tone, 4, sample_rate=8000, walltime=WALL), w.add_audio('soft', soft.unsqueeze(0), 5, walltime=WALL)),
         {'tone': enc(tone), 'soft': enc(soft)})
    labels = torch.randint(0, 2, (50,), generator=g)
    predictions = torch.rand(50, generator=g)
    weights = torch.rand(50, generator=g).double()
    case('pr curve', lambda w: (w.add_pr_curve('pr', labels, predictions, 1, walltime=WALL),
                                w.add_pr_curve('pr10', labels, predictions, 2, num_thresholds=10, walltime=WALL),
                                w.add_pr_curve('prw', labels.bool(), predictions.double(), 3, num_thresholds=7, weights=weights.numpy(), walltime=WALL)),
         {'labels': enc(labels), 'predictions': enc(predictions), 'weights': enc(weights)})
    case('hparams', lambda w: w.add_hparams({'lr': 0.1, 'bsize': 32, 'optimizer': 'adam', 'nesterov': True, 'skip': None, 'wd': torch.tensor([0.5, 2.0])},
                                            {'hparam/accuracy': 0.9, 'hparam/loss': 0.125},
                                            hparam_domain_discrete={'optimizer': ['adam', 'sgd'], 'bsize': [16, 32, 64]}, run_name='trial1'), {})
    points = torch.randn(6, 3, generator=g)
    faces = torch.rand(6, 3, 2, 3, generator=g) * 1.1  # beyond 1: clipped to 255
    ints = torch.arange(6).reshape(2, 3)
    case('embedding', lambda w: (w.add_embedding(points, metadata=['a', 'b"q', 'c', 7, 2.5, True], label_img=faces, global_step=3, tag='my/emb'),
                                 w.add_embedding(ints, metadata=[['x', 1], ['y', 2.5]], metadata_header=['name', 'v'])),
         {'points': enc(points), 'faces': enc(faces), 'ints': enc(ints)})
    case('purge step', lambda w: w.add_scalar('s', 1.0, 6, walltime=WALL), {}, purge_step=5)
    vertices = torch.tensor([[[1, 1, 1], [-1, -1, 1], [1, -1, -1], [-1, 1, -1]]], dtype=torch.float)
    colors = torch.tensor([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 0, 255]]], dtype=torch.int)
    mesh_faces = torch.tensor([[[0, 2, 3], [0, 3, 1], [0, 1, 2], [1, 3, 2]]], dtype=torch.int)
    cloud = torch.randn(2, 5, 3, generator=g, dtype=torch.float64)  # float64: written as float32
    config = {'camera': {'cls': 'PerspectiveCamera', 'fov': 75}, 'lights': [{'cls': 'AmbientLight', 'color': '#ffffff', 'intensity': 0.75},
                                                                             {'cls': 'DirectionalLight', 'color': '#ff\u00e9', 'intensity': 1e-05}],
              'material': {'cls': 'PointsMaterial', 'size': 0.5, 'flat': True, 'none': None}}
    case('mesh', lambda w: (w.add_mesh('my_mesh', vertices, colors=colors, faces=mesh_faces, config_dict=config, global_step=2, walltime=WALL),
                            w.add_mesh('cloud', cloud, global_step=3, walltime=WALL)),
         {'vertices': enc(vertices), 'colors': enc(colors), 'faces': enc(mesh_faces), 'cloud': enc(cloud)})
    layout = {'Taiwan': {'twse': ['Multiline', ['twse/0050', 'twse/2330']]},
              'USA': {'dow': ['Margin', ['dow/aaa', 'dow/bbb', 'dow/ccc']], 'nasdaq': ['Margin', ['nasdaq/aaa', 'nasdaq/bbb', 'nasdaq/ccc']]}}
    case('custom scalars', lambda w: (w.add_custom_scalars(layout), w.add_custom_scalars_multilinechart(['loss/a', 'loss/b']),
                                      w.add_custom_scalars_marginchart(['m/v', 'm/lo', 'm/hi'], category='c', title='t')), {})
    write('tensorboard/events.json', {'wall_time': WALL, 'cases': cases})
    print('wrote %d cases' % len(cases))
    write('tensorboard/video.json', videos(g))
    write('tensorboard/graph.json', graphs())


def videos(g):
    """add_video without moviepy: the frames PyTorch's _prepare_video tiles and scales, and the Summary.Image fields."""
    import torch.utils.tensorboard.summary as summary
    frames = {}

    def make_video(tensor, fps):  # stands in for moviepy: keeps the uint8 frames, writes no GIF
        frames['frames'] = tensor
        t, h, w, c = tensor.shape
        return summary.Summary.Image(height=h, width=w, colorspace=c, encoded_image_string=b'')

    real = summary.make_video
    summary.make_video = make_video
    out = []
    try:
        few = torch.randint(0, 2, (3, 2, 3, 4, 5), generator=g).float()  # 3 videos of 2 frames, values 0 or 1: 8 colours
        grey = (torch.randint(0, 4, (1, 3, 1, 3, 2), generator=g) * 85).to(torch.uint8)  # one grey video, uint8
        many = torch.rand(5, 2, 3, 4, 4, generator=g)  # many colours: quantized
        for name, vid, fps in [('few', few, 4), ('grey', grey, 10), ('many', many, 4)]:
            s = summary.video(name, vid, fps)
            image = s.value[0].image
            out.append({'name': name, 'input': enc(vid), 'fps': fps, 'height': image.height, 'width': image.width,
                        'colorspace': image.colorspace, 'frames': enc(torch.from_numpy(frames['frames']))})
    finally:
        summary.make_video = real
    return {'cases': out}


class GraphNet(torch.nn.Module):
    """The MLP of the graph case: fc1, relu (in forward), fc2."""

    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(4, 8)
        self.fc2 = torch.nn.Linear(8, 3)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


class GraphCnn(torch.nn.Module):
    """The CNN of the graph case: a Sequential of conv, ReLU and max pooling, then a convolution head."""

    def __init__(self):
        super().__init__()
        self.features = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2))
        self.head = torch.nn.Conv2d(4, 5, 4)

    def forward(self, x):
        return self.head(self.features(x)) + 1


class GraphTwo(torch.nn.Module):
    """A model of two inputs for the graph case."""

    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(3, 2)

    def forward(self, x, y):
        return self.fc(x) * y


def graph_structure(graph_def):
    """The part of add_graph's GraphDef that torch4j reproduces: the IO nodes, the aten ops and the parameters'
    prim::GetAttr nodes, each as its scope (the name less its last part), op, output shape and the inputs among them
    (by index in this list). Constants, lists and the modules' own GetAttr nodes are left out."""
    kept = [n for n in graph_def.node if n.op in ('IO Node', 'prim::GetAttr') or n.op.startswith('aten::')]
    index = {n.name: i for i, n in enumerate(kept)}
    out = []
    for n in kept:
        shape = [d.size for d in n.attr['_output_shapes'].list.shape[0].dim] if '_output_shapes' in n.attr else None
        out.append({'scope': n.name.rsplit('/', 1)[0], 'op': n.op, 'shape': shape, 'attr': n.attr['attr'].s.decode(),
                    'inputs': [index[i] for i in n.input if i in index]})
    return out


def graphs():
    from torch.utils.tensorboard._pytorch_graph import graph
    out = []
    for name, model, xs in [('mlp', GraphNet(), (torch.zeros(2, 4),)), ('cnn', GraphCnn(), (torch.zeros(2, 1, 8, 8),)),
                            ('two inputs', GraphTwo(), (torch.zeros(2, 3), torch.zeros(2, 2)))]:
        graph_def, step_stats = graph(model, xs)
        out.append({'name': name, 'input_shapes': [list(x.shape) for x in xs], 'nodes': graph_structure(graph_def),
                    'run_metadata': base64.b64encode(step_stats.SerializeToString()).decode(), 'producer': graph_def.versions.producer})
    return {'cases': out}


def plugin_content(acc, plugin):
    """{tag: content} of the plugin's summaries in a run (none when the run has none)."""
    try:
        return acc.PluginTagToContent(plugin)
    except KeyError:
        return {}


def decoded(data):
    """An image summary's bytes as PIL reads them (from Debian's python3-pil when it is there)."""
    import io
    sys.path.append('/usr/lib/python3/dist-packages')
    try:
        from PIL import Image
    except ImportError:
        return '%d bytes' % len(data)
    im = Image.open(io.BytesIO(data))
    frames = getattr(im, 'n_frames', 1)
    colours = set()
    for f in range(frames):
        im.seek(f)
        colours.update(im.convert('RGB').getdata())
    return '%s %s, %d frame(s), %d colours, %d bytes' % (im.format, im.size, frames, len(colours), len(data))


def check(logdir):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    from tensorboard.plugins.mesh import plugin_data_pb2 as mesh_plugin_data_pb2
    for run_dir in sorted({os.path.dirname(p) for p in glob.glob(os.path.join(logdir, '**', 'events.out.tfevents.*'), recursive=True)}):
        acc = EventAccumulator(run_dir, size_guidance={'scalars': 0, 'histograms': 0, 'images': 0, 'audio': 0, 'tensors': 0})
        acc.Reload()
        tags = acc.Tags()
        print(os.path.relpath(run_dir, logdir) + ':')
        for t in tags['scalars']:
            print('  scalar %s: %s' % (t, [(e.step, round(e.value, 6)) for e in acc.Scalars(t)]))
        for t in tags['histograms']:
            h = acc.Histograms(t)[-1].histogram_value
            print('  histogram %s: min %g max %g num %g, %d buckets' % (t, h.min, h.max, h.num, len(h.bucket)))
        for t in tags['images']:
            im = acc.Images(t)[-1]
            print('  image %s: %dx%d, %s' % (t, im.width, im.height, decoded(im.encoded_image_string)))
        for t in tags['audio']:
            a = acc.Audio(t)[-1]
            print('  audio %s: %d frames at %d Hz' % (t, a.length_frames, a.sample_rate))
        for t in tags['tensors']:
            print('  tensor %s: shape %s' % (t, [d.size for d in acc.Tensors(t)[-1].tensor_proto.tensor_shape.dim]))
        for t, content in plugin_content(acc, 'mesh').items():
            data = mesh_plugin_data_pb2.MeshPluginData.FromString(content)
            print('  mesh %s: %s of %s, shape %s, components %d, config %s' % (
                t, mesh_plugin_data_pb2.MeshPluginData.ContentType.Name(data.content_type), data.name, list(data.shape),
                data.components, data.json_config))
        if 'custom_scalars__config__' in tags['tensors']:
            from tensorboard.plugins.custom_scalar import layout_pb2
            layout = layout_pb2.Layout.FromString(acc.Tensors('custom_scalars__config__')[-1].tensor_proto.string_val[0])
            print('  custom scalars: %s' % [(c.title, [(ch.title, ch.WhichOneof('content')) for ch in c.chart]) for c in layout.category])
        if tags['graph']:
            graph = acc.Graph()
            ops = sorted({n.op for n in graph.node})
            print('  graph: %d nodes, ops %s' % (len(graph.node), ops))
            for n in graph.node:
                if n.op == 'IO Node' or n.op.startswith('aten::'):
                    shape = [d.size for d in n.attr['_output_shapes'].list.shape[0].dim] if '_output_shapes' in n.attr else None
                    print('    %s %s %s <- %s' % (n.name, n.op, shape, list(n.input)))
        for t in tags['run_metadata']:
            print('  run metadata %s: %s' % (t, acc.RunMetadata(t).step_stats.dev_stats[0].device))
        from tensorboard.plugins.hparams import plugin_data_pb2
        for t, content in plugin_content(acc, 'hparams').items():
            data = plugin_data_pb2.HParamsPluginData.FromString(content)
            if data.HasField('session_start_info'):
                print('  hparams %s: %s' % (t, {k: v.WhichOneof('kind') and getattr(v, v.WhichOneof('kind'))
                                               for k, v in data.session_start_info.hparams.items()}))
            else:
                print('  hparams %s: %s' % (t, data.WhichOneof('data')))


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--check':
        check(sys.argv[2])
    else:
        generate()
