"""Turns a kernel source (.cu) into the host C++ the emulated device compiles, line for line:
- the dynamic shared memory declaration becomes the launch's buffer (filled with all-ones bytes per launch);
- after each static `__shared__` declaration (a function static here, which would keep the previous block's values
  and start as zeros), a call that fills each declared variable with all-ones bytes (NaN in every float type, -1 in
  the integer ones) once per block, as a GPU's shared memory holds garbage when a block starts: a kernel reading a
  slot its block did not write then fails.

    python3 host_source.py IN.cu OUT.cpp
"""
import re
import sys

DYNAMIC = "extern __shared__ __align__(16) unsigned char smem[];"
STATIC = re.compile(r"^\s*__shared__\s+(?:__align__\(\d+\)\s+)?(.*);\s*$")


def declared_names(declaration):
    """The variables of `TYPE a[..][..], b[..], c`: the identifier before each declarator's first bracket."""
    names = []
    for part in declaration.split(","):
        head = part.split("[", 1)[0].strip()
        names.append(re.findall(r"[A-Za-z_]\w*", head)[-1])
    return names


def convert(line):
    if DYNAMIC in line:
        return line.replace(DYNAMIC, "unsigned char* smem = emu::block.dynamicShared.data();")
    m = STATIC.match(line.rstrip("\n"))
    if not m:
        return line
    fills = " ".join(f"emu::freshShared(&{n}, sizeof({n}));" for n in declared_names(m.group(1)))
    return line.rstrip("\n") + " " + fills + "\n"


def main(src, out):
    with open(src) as f, open(out, "w") as o:
        for line in f:
            o.write(convert(line))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
