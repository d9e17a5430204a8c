#!/usr/bin/python3
"""Writes torchvision 0.14's answers for the video classification models and the Swin Transformers
(ecosystem/vision, VideoAndSwinModelsTest).

Run with Debian's interpreter, which has PyTorch 1.13 and torchvision 0.14:

    /usr/bin/python3 tools/gen_vision_video_reference.py

It writes ecosystem/vision/src/test/resources/reference/vision/models_video.json: for each builder, in the
compact form of gen_vision_reference.py (per state-dict entry its key, shape, dtype, float64 sum and sum of
squares, or its one value when constant), the model built after torch.manual_seed(0) with weights=None, its
parameter count, and its eval-mode output for torch.manual_seed(1); torch.randn(shape) (videos [1, 3, T, H, W]; for S3D
the output of its features, and its head's for seeded features, see below;
images [1, 3, S, S]: small, so the Java test is fast; Swin at 72 pixels pads its windows and patch merging).
The Swin cases also hold a training-mode run: seed 3, randn [2, 3, S, S] drawn, then the forward pass (which draws
stochastic depth's row masks), the output and, after backward of the output's squares' sum, the float64 sum and
sum of squares of a few parameters' gradients.
MaxViT-T has two cases: maxvit_t (224 pixels, partition size 7) with its weights only, and maxvit_t_small (64 pixels,
partition size 2) with its weights, eval and training outputs.
Every run writes the same file.
"""
import torch
import torchvision.models as tvm
import torchvision.models.video as tvv
import torchvision.models.video.mvit as tv_mvit

from gen_vision_reference import f32, fingerprint, write_json

def small_mvit(builder, spatial_size=(32, 32), temporal_size=4):
    """The builder's MViT for small clips: torchvision 0.14's mvit_v1_b/mvit_v2_s fix spatial_size and temporal_size (passing
    them again fails), so this takes the builder's settings and builds MViT with the given sizes, as the Java overloads do."""
    captured = {}
    original = tv_mvit._mvit
    tv_mvit._mvit = lambda **kw: captured.update(kw)
    try:
        builder()
    finally:
        tv_mvit._mvit = original
    for k in ('weights', 'progress', 'spatial_size', 'temporal_size'):
        captured.pop(k)
    # _mvit's defaults for what the builder leaves out
    for k, v in (('residual_pool', False), ('residual_with_cls_embed', True), ('rel_pos_embed', False), ('proj_after_attn', False)):
        captured.setdefault(k, v)
    return lambda: tv_mvit.MViT(spatial_size=spatial_size, temporal_size=temporal_size, **captured)


def small_maxvit():
    """maxvit_t's settings for 64x64 images: partition size 2 instead of 7 (maxvit_t's block inputs, 56 to 7 pixels at 224,
    must be multiples of the partition size; torchvision 0.14's builder fixes it), as MaxVit's Java constructor builds it."""
    return tvm.MaxVit(input_size=(64, 64), stem_channels=64, partition_size=2, block_channels=[64, 128, 256, 512],
                      block_layers=[2, 2, 5, 2], head_dim=32, stochastic_depth_prob=0.2)


# (name, builder, input shape)
VIDEO = [(n, getattr(tvv, n), [1, 3, 4, 32, 32]) for n in ['r3d_18', 'mc3_18', 'r2plus1d_18']] + [('s3d', tvv.s3d, [1, 3, 8, 32, 32])] + [
    (n, small_mvit(getattr(tvv, n)), [1, 3, 4, 32, 32]) for n in ['mvit_v1_b', 'mvit_v2_s']]
SWIN = [(n, getattr(tvm, n), [1, 3, 72, 72]) for n in ['swin_t', 'swin_s', 'swin_b', 'swin_v2_t', 'swin_v2_s', 'swin_v2_b']]
MAXVIT = [('maxvit_t_small', small_maxvit, [1, 3, 64, 64])]
# a training-mode forward and backward for these (stochastic depth in play)
TRAINING = {'swin_t', 'swin_v2_t', 'mvit_v2_s', 'maxvit_t_small'}
GRAD_KEYS = ['features.0.0.weight', 'features.1.1.attn.qkv.weight', 'features.7.1.mlp.3.bias', 'head.weight']
GRAD_KEYS_V2 = GRAD_KEYS + ['features.1.1.attn.logit_scale', 'features.1.1.attn.cpb_mlp.0.weight']
GRAD_KEYS_MAXVIT = ['stem.0.0.weight', 'blocks.0.layers.0.layers.MBconv.layers.squeeze_excitation.fc1.weight',
                    'blocks.1.layers.1.layers.grid_attention.attn_layer.1.relative_position_bias_table',
                    'blocks.3.layers.1.layers.window_attention.mlp_layer.1.weight', 'classifier.5.weight']
GRAD_KEYS_MVIT = ['conv_proj.weight', 'pos_encoding.class_token', 'blocks.1.attn.rel_pos_h', 'blocks.1.attn.rel_pos_t',
                  'blocks.1.attn.pool_q.pool.weight', 'blocks.14.project.weight', 'head.1.weight']


def sums(t):
    d = t.detach().double()
    return {'sum': float(d.sum()), 'sumsq': float((d * d).sum())}


def training_case(model, shape):
    model.train()
    torch.manual_seed(3)
    x = torch.randn([2] + shape[1:])
    y = model(x)
    y.square().sum().backward()
    params = dict(model.named_parameters())
    keys = (GRAD_KEYS_V2 if 'features.1.1.attn.logit_scale' in params else GRAD_KEYS_MVIT if 'pos_encoding.class_token' in params
            else GRAD_KEYS_MAXVIT if 'stem.0.0.weight' in params else GRAD_KEYS)
    return {'seed': 3, 'shape': list(y.shape), 'output': [f32(v) for v in y.reshape(-1).tolist()],
            'grads': [dict(key=k, **sums(params[k].grad)) for k in keys]}


def main():
    torch.set_num_threads(2)
    cases = []
    for name, build, shape in VIDEO + SWIN + MAXVIT:
        torch.manual_seed(0)
        model = build()
        model.eval()
        torch.manual_seed(1)
        x = torch.randn(shape)
        with torch.no_grad():
            # S3D's 2x7x7 average pool wants clips of 13x193x193 or more: its features at a small clip instead,
            # and its head (pool, classifier, mean) on seeded features of the smallest size it takes
            y = model.features(x) if name == 's3d' else model(x)
        case = {'name': name, 'inputShape': shape, 'seed': 0, 'inputSeed': 1, 'numClasses': 400 if len(shape) == 5 else 1000,
                'numParams': sum(p.numel() for p in model.parameters()),
                'state': [dict(key=k, **fingerprint(v, True)) for k, v in model.state_dict().items()],
                'output': [f32(v) for v in y.reshape(-1).tolist()], 'outputShape': list(y.shape)}
        if name == 's3d':
            torch.manual_seed(4)
            f = torch.randn(1, 1024, 2, 7, 7)
            with torch.no_grad():
                h = torch.mean(model.classifier(model.avgpool(f)), dim=(2, 3, 4))
            case['head'] = {'seed': 4, 'inputShape': list(f.shape), 'output': [f32(v) for v in h.reshape(-1).tolist()],
                            'shape': list(h.shape)}
        if name in TRAINING:
            case['training'] = training_case(model, shape)
        cases.append(case)
        print(name, case['numParams'], 'parameters')
    # maxvit_t itself (224 pixels, partition 7): its weights only, its forward being the small one's at another size
    torch.manual_seed(0)
    model = tvm.maxvit_t()
    cases.append({'name': 'maxvit_t', 'seed': 0, 'numClasses': 1000, 'numParams': sum(p.numel() for p in model.parameters()),
                  'state': [dict(key=k, **fingerprint(v, True)) for k, v in model.state_dict().items()]})
    print('maxvit_t', cases[-1]['numParams'], 'parameters')
    write_json('models_video.json', cases)


if __name__ == '__main__':
    main()
