"""The same exact results under every OpenBLAS kernel family and numpy SIMD level the CPU can run (issue 12).

``kernel_hashes.py`` (beside this file) prints hashes of recall, capacity, rule-comparison,
sequence and trajectory results. It runs here in one subprocess per kernel family, with
``OPENBLAS_CORETYPE`` set to the family and ``NPY_DISABLE_CPU_FEATURES`` switching off numpy's
SIMD features above it; every exact hash must agree. The float controls (a product of Gaussian
matrices, Storkey fields) are expected to differ: they show the kernels really differ.
"""

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("kernel_hashes.py")

#: OpenBLAS kernel family -> the CPU flag it needs, and numpy's dispatched features it does not have.
FAMILIES = {
    "SkylakeX": ("avx512f", ()),
    "Haswell": ("avx2", ("AVX512",)),
    "Sandybridge": ("avx", ("AVX512", "AVX2", "FMA3", "F16C")),
    "Nehalem": ("sse4_2", ("AVX512", "AVX2", "FMA3", "F16C", "AVX")),
}


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def _disabled_features(prefixes) -> str:
    """numpy's dispatched features that this CPU has and the family lacks (naming others may error)."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    return " ".join(f for f in __cpu_dispatch__ if __cpu_features__.get(f) and f.startswith(tuple(prefixes)))


def _families():
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return []
    flags = _cpu_flags()
    return [name for name, (flag, _) in FAMILIES.items() if flag in flags]


def _run(family: str) -> dict:
    env = dict(os.environ, OPENBLAS_CORETYPE=family, OPENBLAS_NUM_THREADS="1",
               NPY_DISABLE_CPU_FEATURES=_disabled_features(FAMILIES[family][1]))
    out = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return dict(line.split(" ", 1) for line in out.stdout.splitlines())


@pytest.mark.skipif(not _families(), reason="OpenBLAS kernel families are selectable on x86-64 only")
def test_exact_results_are_identical_under_every_kernel_family():
    families = _families()
    runs = {family: _run(family) for family in families}
    for family, got in runs.items():
        assert got["kernel"] == family, f"OPENBLAS_CORETYPE={family} ran the {got['kernel']} kernel"
    first = runs[families[0]]
    exact = [k for k in first if k != "kernel" and not k.startswith("control")]
    assert len(exact) >= 10
    for family in families[1:]:
        differ = [k for k in exact if runs[family][k] != first[k]]
        assert not differ, f"{family} vs {families[0]}: {differ} differ"
