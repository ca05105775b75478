"""Hashes of results the library computes exactly, one line each: ``name sha256-prefix``.

``tests/lib/test_cross_kernel.py`` runs this file in subprocesses under every OpenBLAS kernel
family the CPU can run (``OPENBLAS_CORETYPE``) with numpy's SIMD above that family switched off
(``NPY_DISABLE_CPU_FEATURES``) and checks that the hashes agree: for +-1 patterns and Hebb-type
weights every field is an exact integer (``hopfield_lib.dynamics.couplings``), so trajectories,
ties, error counts, energies and fields are bit for bit the same whatever order a BLAS kernel sums
in. Lines starting with ``control`` hash float results that are *not* exact (a product of Gaussian
matrices): they show whether the kernels really differ on this machine, and are not compared.

Run by hand: ``OPENBLAS_CORETYPE=Sandybridge python tests/lib/kernel_hashes.py``.
"""

from __future__ import annotations

import hashlib

import numpy as np


def _h(*arrays) -> str:
    digest = hashlib.sha256()
    for a in arrays:
        a = np.ascontiguousarray(a)
        digest.update(str(a.dtype).encode() + str(a.shape).encode() + a.tobytes())
    return digest.hexdigest()[:16]


def results():
    """``(name, hash)`` pairs of exact results (lectures 3-9, 13) and of the float controls."""
    import hopfield_lib as hl
    from hopfield_lib.experiments import capacity, rule_comparison as rc, sequences, stochastic, trajectories

    xi = hl.random_patterns(30, 210, rng=0)  # alpha = 1/7, N not a power of two: 1/N is rounded
    W = hl.hebbian(xi)
    probes = hl.corrupt(xi, 0.2, rng=1)
    res = hl.recall(W, probes, rng=2, max_sweeps=30)
    yield "recall_async", _h(res.states, res.energies, res.sweeps)
    res = hl.recall(W, probes, mode="sync", max_sweeps=30)
    yield "recall_sync", _h(res.states, res.energies, res.sweeps, res.converged)
    yield "local_field_energy", _h(hl.local_field(W, probes), hl.energy(W, probes, 0.1), hl.energy(W, probes))
    yield "recall_rate", _h(hl.measure.recall_rate(W, xi, [0.0, 0.1, 0.2, 0.3, 0.4], n_probes=30, min_overlap=0.9,
                                                   max_sweeps=20, rng=3))
    yield "one_step_flips", _h(hl.measure.one_step_flips(hl.hebbian(xi[:2]), hl.corrupt(xi[:2], 0.3, rng=4)))
    yield "stability_curve", _h(capacity.stability_curve(100, n_networks=3, rng=0).stable)
    yield "error_rate_curve", _h(capacity.error_rate_curve(200, [0.1, 0.2], n_networks=2, rng=0).per_network)
    yield "retrieval_curve", _h(*capacity.retrieval_curve(100, [0.1, 0.2], n_probes=20, rng=0).overlaps)
    yield "load_sweep", _h(rc.load_sweep(hl.hebbian, 100, [0.06, 0.1, 0.14], criterion="recall", seeds=[0],
                                         n_probes=20),
                           rc.load_sweep(rc.covariance_rule(0.5), 100, [0.05, 0.1], seeds=[0, 1], mean_activity=0.5,
                                         theta=hl.rules.covariance_threshold(0.5)))
    seq = hl.random_patterns(55, 200, rng=5)  # alpha = 0.275, near the sequence capacity: many ties
    Ws = sequences.sequence_weights(seq, cyclic=True)
    yield "sequence_recall", _h(sequences.sequence_recall(Ws, seq[0], steps=40), hl.sync_step(Ws, seq))
    yield "slow_fast_recall", _h(sequences.slow_fast_recall(hl.hebbian(seq[:5]), sequences.sequence_weights(seq[:5]),
                                                            seq[0], lam=1.5, delay=3, sweeps=12, rng=6))
    yield "async_trajectory", _h(trajectories.async_trajectory(W, probes[0], trajectories.sweep_orders(210, 3, rng=7))
                                 .states)
    run = stochastic.glauber_dynamics(W, probes[:10], np.inf, sweeps=5, patterns=xi, rng=8)
    yield "glauber_zero_temperature", _h(run.state, run.energies, run.overlaps)
    two = hl.random_patterns(2, 500, rng=9)  # lecture 6: a balanced state of two patterns, self-couplings 2/N
    balanced = two[0].copy()
    diff = np.flatnonzero(two[0] != two[1])
    balanced[diff[: len(diff) // 2]] *= -1
    W2 = hl.hebbian(two) + np.eye(500) * 2 / 500
    yield "ties_exactly_zero", _h(hl.local_field(W2, balanced)[diff] == 0, hl.sync_step(W2, balanced))
    rng = np.random.default_rng(10)
    A, B = rng.normal(size=(300, 300)), rng.normal(size=(300, 60))
    yield "control_float_matmul", _h(A @ B)
    ws = hl.storkey(xi)
    yield "control_storkey_fields", _h(hl.local_field(ws, probes))


def main() -> None:
    from threadpoolctl import threadpool_info

    arch = sorted({str(i.get("architecture")) for i in threadpool_info() if i.get("internal_api") == "openblas"})
    print("kernel", ",".join(arch) or "none")
    for name, digest in results():
        print(name, digest)


if __name__ == "__main__":
    main()
