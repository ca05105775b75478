"""The Lagrangian formulation of Krotov & Hopfield (2021) (lecture 12, last section).

One two-layer network of feature neurons ``v`` and memory neurons ``h`` gives
the classical, the dense and the modern Hopfield network by the choice of the
neurons' Lagrangians (:class:`Lagrangian` and its constructors
:func:`quadratic`, :func:`absolute`, :func:`power`, :func:`exponential`,
:func:`log_sum_exp`), with the energy :func:`feature_memory_energy`, its
reduction to the feature neurons :func:`reduced_energy`, and the dynamics
:func:`lagrangian_flow`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from hopfield_lib._validation import as_real_array, check_same_n
from hopfield_lib._validation import as_int, as_number
from hopfield_lib.modern import _beta, logsumexp, softmax

__all__ = [
    "Lagrangian",
    "quadratic",
    "absolute",
    "power",
    "exponential",
    "log_sum_exp",
    "feature_memory_energy",
    "reduced_energy",
    "lagrangian_flow",
]


@dataclass(frozen=True)
class Lagrangian:
    """A neuron layer's Lagrangian ``L(x)`` and its activation ``g = dL/dx``
    (Krotov & Hopfield 2021).

    ``value(x)`` maps an array ``(..., n)`` to ``(...)``; ``activation(x)``
    maps it to ``(..., n)``. Build one with :func:`quadratic`,
    :func:`absolute`, :func:`power`, :func:`exponential` or :func:`log_sum_exp`.
    """

    name: str
    value: Callable[[np.ndarray], np.ndarray]
    activation: Callable[[np.ndarray], np.ndarray]

    def __repr__(self) -> str:
        return f"Lagrangian({self.name})"


def quadratic() -> Lagrangian:
    """``L(x) = 1/2 sum_i x_i**2``; activation ``g(x) = x`` (linear neurons).

    >>> quadratic().activation(np.array([1.5, -2.0])).tolist()
    [1.5, -2.0]
    """
    return Lagrangian("1/2 sum x^2", lambda x: 0.5 * np.sum(np.asarray(x, float) ** 2, axis=-1),
                      lambda x: np.asarray(x, float).copy())


def absolute() -> Lagrangian:
    """``L(x) = sum_i |x_i|``; activation ``g(x) = sign(x)`` (binary neurons).

    >>> absolute().activation(np.array([0.3, -2.0])).tolist()
    [1.0, -1.0]
    """
    return Lagrangian("sum |x|", lambda x: np.sum(np.abs(np.asarray(x, float)), axis=-1),
                      lambda x: np.sign(np.asarray(x, float)))


def power(n: int, coefficient: float = 1.0) -> Lagrangian:
    """``L(x) = c sum_mu x_mu**n``; activation ``f(x) = c n x**(n-1)``.

    For the memory neurons this is the interaction function ``F(x) = c x**n``
    of a dense associative memory (Krotov & Hopfield 2016); ``n = 2``,
    ``c = 1/2`` gives the classical network. (``L`` is convex only for even
    ``n`` or non-negative arguments; the energy identities hold regardless.)

    >>> float(power(3).value(np.array([1.0, 2.0])))
    9.0
    """
    n = as_int(n, "n")
    c = float(coefficient)
    return Lagrangian(f"{c:g} sum x^{n}", lambda x: c * np.sum(np.asarray(x, float) ** n, axis=-1),
                      lambda x: c * n * np.asarray(x, float) ** (n - 1))


def exponential() -> Lagrangian:
    """``L(x) = sum_mu exp(x_mu)``; activation ``exp(x)`` (Demircigil et al. 2017).

    >>> float(exponential().value(np.array([0.0, 0.0])))
    2.0
    """
    return Lagrangian("sum exp(x)", lambda x: np.sum(np.exp(np.asarray(x, float)), axis=-1),
                      lambda x: np.exp(np.asarray(x, float)))


def log_sum_exp(beta=1.0) -> Lagrangian:
    """``L(x) = lse(beta, x) = log(sum_mu exp(beta x_mu)) / beta``; activation ``softmax(beta x)``.

    The Lagrangian whose activation is the softmax: memory neurons that
    compete, as in the modern Hopfield network and attention.

    >>> log_sum_exp(2.0).activation(np.array([0.0, 0.0])).tolist()
    [0.5, 0.5]
    """
    b = _beta(beta)
    return Lagrangian(f"lse(beta={b:g}, x)", lambda x: logsumexp(b * np.asarray(x, float), axis=-1) / b,
                      lambda x: softmax(b * np.asarray(x, float), axis=-1))


def _check_lagrangian(obj, name):
    if not isinstance(obj, Lagrangian):
        raise TypeError(f"{name}: expected a Lagrangian (e.g. lagrangians.quadratic()), got {type(obj).__name__}")
    return obj


def feature_memory_energy(patterns, v, h, *, feature: Lagrangian, memory: Lagrangian):
    """Energy of the two-layer network of Krotov & Hopfield (2021), without input currents.

    Feature neurons ``v`` (``(N,)``) with activations ``g = dL_v/dv`` and memory
    neurons ``h`` (``(P,)``) with activations ``f = dL_h/dh``, coupled only by
    the pairwise synapses ``xi`` (the stored patterns, ``(P, N)``):

    .. math:: E = \\Big[\\sum_i v_i g_i - L_v\\Big] + \\Big[\\sum_\\mu h_\\mu f_\\mu - L_h\\Big]
        - \\sum_{\\mu, i} f_\\mu \\xi_{\\mu i} g_i .

    A batch ``v`` ``(B, N)`` with ``h`` ``(B, P)`` gives ``(B,)``.

    Examples
    --------
    >>> xi = np.array([[1.0, -1.0], [1.0, 1.0]])
    >>> v = np.array([0.3, 0.5])
    >>> E = feature_memory_energy(xi, v, xi @ v, feature=quadratic(), memory=log_sum_exp(1.0))
    >>> bool(np.isclose(E, reduced_energy(xi, v, feature=quadratic(), memory=log_sum_exp(1.0))))
    True
    """
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    va = as_real_array(v, "v").astype(float, copy=False)
    ha = as_real_array(h, "h").astype(float, copy=False)
    check_same_n(X.shape[1], va, "v", f"patterns of shape {X.shape}")
    check_same_n(X.shape[0], ha, "h", f"P = {X.shape[0]} memory neurons")
    L_v, L_h = _check_lagrangian(feature, "feature"), _check_lagrangian(memory, "memory")
    g, f = L_v.activation(va), L_h.activation(ha)
    e = (np.sum(va * g, axis=-1) - L_v.value(va)) + (np.sum(ha * f, axis=-1) - L_h.value(ha)) \
        - np.sum((f @ X) * g, axis=-1)
    return float(e) if np.ndim(e) == 0 else e


def reduced_energy(patterns, v, *, feature: Lagrangian, memory: Lagrangian):
    """The energy with the memory neurons at equilibrium, ``h = xi @ g(v)`` (Krotov & Hopfield 2021).

    When the memory neurons are fast they sit at ``h_mu = sum_i xi_mu_i g_i``;
    the middle and last terms of :func:`feature_memory_energy` cancel and

    .. math:: E(v) = \\Big[\\sum_i v_i g_i - L_v(v)\\Big] - L_h\\big(\\xi\\, g(v)\\big).

    * ``feature=absolute()`` (binary neurons, the bracket vanishes) and
      ``memory=power(n)``: ``E = -sum_mu (xi_mu . s)**n``, the dense
      associative memory; ``power(2, 0.5)`` is the classical network.
    * ``feature=quadratic()``, ``memory=log_sum_exp(beta)``:
      ``E = 1/2 v.v - lse(beta, xi v)``, the modern Hopfield energy
      without its constants.

    Examples
    --------
    >>> xi = np.array([[1.0, -1.0, 1.0], [1.0, 1.0, -1.0]])
    >>> s = np.array([1.0, -1.0, 1.0])
    >>> float(reduced_energy(xi, s, feature=absolute(), memory=power(3)))
    -26.0
    """
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    va = as_real_array(v, "v").astype(float, copy=False)
    check_same_n(X.shape[1], va, "v", f"patterns of shape {X.shape}")
    L_v, L_h = _check_lagrangian(feature, "feature"), _check_lagrangian(memory, "memory")
    g = L_v.activation(va)
    e = (np.sum(va * g, axis=-1) - L_v.value(va)) - L_h.value(g @ X.T)
    return float(e) if np.ndim(e) == 0 else e


def lagrangian_flow(patterns, v0, h0=None, *, feature: Lagrangian, memory: Lagrangian, tau_v=1.0,
                    tau_h=0.1, dt=0.01, steps: int = 1000):
    """Integrate the two-layer dynamics of Krotov & Hopfield (2021) with Euler steps.

    .. math:: \\tau_v \\frac{dv_i}{dt} = \\sum_\\mu \\xi_{\\mu i} f_\\mu - v_i, \\qquad
              \\tau_h \\frac{dh_\\mu}{dt} = \\sum_i \\xi_{\\mu i} g_i - h_\\mu ,

    with ``g = dL_v/dv`` and ``f = dL_h/dh``. When both Lagrangians have
    positive semi-definite Hessians, :func:`feature_memory_energy` never rises
    along the exact flow; Euler steps need ``dt`` well below ``tau_h``.

    Parameters
    ----------
    patterns : array (P, N)
    v0 : array (N,), the initial feature state
    h0 : array (P,), optional; default ``xi @ g(v0)``
    feature, memory : Lagrangian
    tau_v, tau_h, dt : positive floats
    steps : int >= 1

    Returns
    -------
    (times, v, h, energies): arrays of shapes (T + 1,), (T + 1, N), (T + 1, P), (T + 1,)

    Examples
    --------
    >>> xi = np.array([[1.0, 1.0, -1.0], [-1.0, 1.0, 1.0]])
    >>> t, v, h, E = lagrangian_flow(xi, np.array([0.6, 0.2, -0.1]), feature=quadratic(),
    ...                              memory=log_sum_exp(4.0), steps=2000)
    >>> v[-1].round(3).tolist(), bool(np.all(np.diff(E) <= 1e-12))
    ([1.0, 1.0, -1.0], True)
    """
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    v = as_real_array(v0, "v0", ndim=(1,)).astype(float).copy()
    check_same_n(X.shape[1], v, "v0", f"patterns of shape {X.shape}")
    L_v, L_h = _check_lagrangian(feature, "feature"), _check_lagrangian(memory, "memory")
    if h0 is None:
        h = X @ L_v.activation(v)
    else:
        h = as_real_array(h0, "h0", ndim=(1,)).astype(float).copy()
        check_same_n(X.shape[0], h, "h0", f"P = {X.shape[0]} memory neurons")
    tv, th = as_number(tau_v, "tau_v", low=0, low_open=True), as_number(tau_h, "tau_h", low=0, low_open=True)
    step = as_number(dt, "dt", low=0, low_open=True)
    steps = as_int(steps, "steps")
    vs, hs = [v.copy()], [h.copy()]
    for _ in range(steps):
        g, f = L_v.activation(v), L_h.activation(h)
        v = v + step / tv * (f @ X - v)
        h = h + step / th * (X @ g - h)
        vs.append(v.copy())
        hs.append(h.copy())
    V, H = np.array(vs), np.array(hs)
    energies = feature_memory_energy(X, V, H, feature=L_v, memory=L_h)
    return np.arange(steps + 1) * step, V, H, energies
