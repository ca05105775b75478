"""Speed of hopfield_lib against plain numpy, at the sizes a lecture uses.

Run with ``make bench``. Prints best-of-several wall times and the ratios;
the targets are: ``hebbian`` within 1.5x of the bare matmul, and a batched
asynchronous sweep at least 10x faster per state than single-state sweeps.
Timings are machine-dependent; the ratios are what to compare.
"""

from __future__ import annotations

import timeit

import numpy as np

import hopfield_lib as hl

N, P, B = 1000, 100, 100


def best(fn, number=1, repeat=5) -> float:
    """Best wall time of one call of ``fn`` over ``repeat`` rounds."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def row(name, ours, base, target=None):
    ratio = ours / base
    verdict = "" if target is None else ("  ok" if ratio <= target else f"  MISSED (target <= {target})")
    print(f"{name:<48} {ours * 1e3:9.2f} ms {base * 1e3:9.2f} ms {ratio:8.3f}x{verdict}")
    return ratio


def main() -> None:
    xi = hl.random_patterns(P, N, rng=0)
    W = hl.hebbian(xi)
    probes = hl.corrupt(xi, 0.2, rng=1)
    print(f"N = {N}, P = {P}, batch of B = {B} probes; times are best of 5\n")
    print(f"{'measurement':<48} {'ours':>12} {'baseline':>12} {'ratio':>9}")

    def bare():
        w = xi.T @ xi / N
        np.fill_diagonal(w, 0.0)
        return w

    row("hebbian vs bare xi.T @ xi / N", best(lambda: hl.hebbian(xi), number=10), best(bare, number=10), 1.5)

    t_batch = best(lambda: hl.async_sweep(W, probes, rng=2), repeat=3)
    t_single = best(lambda: [hl.async_sweep(W, p, rng=2) for p in probes], repeat=1)
    r = row(f"batched async sweep vs {B} single sweeps", t_batch, t_single)
    print(f"{'':<48} per-state speed-up of the batch: {1 / r:.1f}x (target >= 10x)")

    t_batch = best(lambda: hl.recall(W, probes, mode="sync"), repeat=3)
    t_single = best(lambda: [hl.recall(W, p, mode="sync") for p in probes], repeat=3)
    r = row(f"batched sync recall vs {B} single recalls", t_batch, t_single)
    print(f"{'':<48} per-state speed-up of the batch: {1 / r:.1f}x")

    t_rec = best(lambda: hl.recall(W, probes, rng=3), repeat=3)
    print(f"\nbatched async recall of {B} probes at alpha = {P / N}: {t_rec * 1e3:.1f} ms")

    # The exact integer path (hopfield_lib.dynamics.couplings) recognises Hebbian weights on every call.
    print()
    row("sync_step of one state vs bare sign(W @ s)", best(lambda: hl.sync_step(W, probes[0]), number=20),
        best(lambda: np.where(W @ probes[0] >= 0, 1.0, -1.0), number=20))
    row(f"sync_step of {B} states vs bare sign(probes @ W.T)", best(lambda: hl.sync_step(W, probes), number=5),
        best(lambda: np.where(probes @ W.T >= 0, 1.0, -1.0), number=5))

    # The fast engines of lecture 5 against the plain library functions they equal (tests/experiments/test_fast.py).
    from hopfield_lib.experiments import _fast
    from hopfield_lib.measure import one_step_flips

    xs = hl.random_patterns(40, 300, rng=4)
    row("stability_prefixes vs one_step_flips for each P", best(lambda: _fast.stability_prefixes(xs), repeat=3),
        best(lambda: [one_step_flips(hl.hebbian(xs[:p]), xs[:p]) for p in range(1, 41)], repeat=3))
    xr = hl.random_patterns(40, 300, rng=5)
    pr = hl.corrupt(xr, 0.1, rng=6)
    row("hebbian_recall_many vs hl.recall (one network)", best(lambda: _fast.hebbian_recall_many(xr, pr, rng=7),
                                                              repeat=3),
        best(lambda: hl.recall(hl.hebbian(xr), pr, rng=7), repeat=3))


if __name__ == "__main__":
    main()
