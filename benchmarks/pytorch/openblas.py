"""The OpenBLAS library that Debian's torch loaded, for setting its thread count: torch.set_num_threads
does not reach OpenBLAS's own pool in the pthread build (libopenblas0-pthread). Shared by the scripts of this
directory, which import it from there."""
import ctypes

import torch


def openblas():
    """The OpenBLAS library torch loaded (its corename getter returning bytes), or None."""
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "openblas" in line and ".so" in line}
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
            if hasattr(lib, "openblas_set_num_threads"):
                lib.openblas_get_corename.restype = ctypes.c_char_p
                return lib
        except OSError:
            pass
    return None


def set_threads(t):
    """torch.set_num_threads(t), and the same count for OpenBLAS's own pool where torch loaded OpenBLAS."""
    torch.set_num_threads(t)
    blas = openblas()
    if blas is not None:
        blas.openblas_set_num_threads(t)
