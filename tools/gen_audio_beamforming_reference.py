#!/usr/bin/python3
"""Reference values for torch4j's beamforming (org.torch4j.audio.functional.Beamforming) from torchaudio 0.13:
psd, mvdr_weights_souden, mvdr_weights_rtf, rtf_evd, rtf_power, apply_beamforming, in complex128 and complex64.

    /usr/bin/python3 tools/gen_audio_beamforming_reference.py

Writes ecosystem/audio/src/test/resources/reference/audio/beamforming.json (deterministic). Complex tensors are
stored as flat [re, im] lists.
"""
import json
import os

import torch
import torchaudio.functional as AF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ecosystem", "audio", "src", "test", "resources", "reference",
                   "audio", "beamforming.json")


def cplx(t):
    return torch.view_as_real(t.detach().resolve_conj()).reshape(-1).tolist()


def main():
    g = torch.Generator().manual_seed(4)
    re = torch.randn(3, 5, 20, generator=g, dtype=torch.float64)
    im = torch.randn(3, 5, 20, generator=g, dtype=torch.float64)
    mask_s = torch.rand(5, 20, generator=g, dtype=torch.float64)
    mask_n = 1 - mask_s
    ref = dict(spec=cplx(torch.complex(re, im)), shape=[3, 5, 20], mask_s=mask_s.reshape(-1).tolist(), cases={})
    for dtype in (torch.complex128, torch.complex64):
        real = torch.float64 if dtype == torch.complex128 else torch.float32
        spec = torch.complex(re, im).to(dtype)
        ms, mn = mask_s.to(real), mask_n.to(real)
        psd_s = AF.psd(spec, ms)
        psd_n = AF.psd(spec, mn)
        onehot = torch.tensor([0.0, 1.0, 0.0], dtype=real)
        soft = torch.tensor([0.2, 0.5, 0.3], dtype=real)
        rtf_ev = AF.rtf_evd(psd_s)
        rtf_p3 = AF.rtf_power(psd_s, psd_n, 0)
        w_rtf = AF.mvdr_weights_rtf(rtf_p3, psd_n, 1)
        ref["cases"][str(dtype).replace("torch.", "")] = dict(
            psd_s=cplx(psd_s), psd_plain=cplx(AF.psd(spec)), psd_unnormalized=cplx(AF.psd(spec, ms, normalize=False)),
            souden_int=cplx(AF.mvdr_weights_souden(psd_s, psd_n, 1)), souden_onehot=cplx(AF.mvdr_weights_souden(psd_s, psd_n, onehot)),
            souden_soft_noload=cplx(AF.mvdr_weights_souden(psd_s, psd_n, soft, diagonal_loading=False)),
            rtf_evd=cplx(rtf_ev), rtf_power3=cplx(rtf_p3), rtf_power1=cplx(AF.rtf_power(psd_s, psd_n, soft, n_iter=1)),
            mvdr_rtf_none=cplx(AF.mvdr_weights_rtf(rtf_p3, psd_n)), mvdr_rtf_int=cplx(w_rtf),
            mvdr_rtf_soft=cplx(AF.mvdr_weights_rtf(rtf_p3, psd_n, soft)),
            applied=cplx(AF.apply_beamforming(w_rtf, spec)))
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(ref, f, sort_keys=True, separators=(",", ":"))


if __name__ == "__main__":
    main()
