#include "cuda_runtime_shim.h"
