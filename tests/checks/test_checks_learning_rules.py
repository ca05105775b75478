"""Practices 8 (08_learning_rules) and 9 (09_correlated_and_sparse_patterns): the references pass, right answers written differently pass,
and each plausible wrong answer fails with the message written for it."""

import numpy as np

import hopfield_lib as hl
from hopfield_lib import datasets
from hopfield_lib.experiments import rule_comparison as rc
from hopfield_course.checks import exercises_for
from hopfield_course.checks import p08_learning_rules as lr
from checkhelpers import passes, fails_with

ORDER = ["learning_rules.storkey_update", "learning_rules.projection", "learning_rules.aligned_fields",
         "learning_rules.projection_margin", "learning_rules.largest_load"]
ORDER_9 = ["correlated.which_rules_store", "correlated.covariance"]


def test_the_notebooks_have_their_exercises_in_order():
    assert [ex.id for ex in exercises_for("08_learning_rules")] == ORDER
    assert [ex.id for ex in exercises_for("09_correlated_and_sparse_patterns")] == ORDER_9


# --------------------------------------------------------------------------- storkey_update


def storkey_loops(W, xi):
    """Storkey's formula with h_ij written out literally, in loops (a right answer)."""
    W = np.asarray(W, dtype=float)
    n = len(xi)
    new = W.copy()
    for i in range(n):
        for j in range(n):
            if i != j:
                h_ij = sum(W[i, k] * xi[k] for k in range(n) if k not in (i, j))
                h_ji = sum(W[j, k] * xi[k] for k in range(n) if k not in (i, j))
                new[i, j] = W[i, j] + (xi[i] * xi[j] - xi[i] * h_ji - h_ij * xi[j]) / n
    return new


def test_storkey_update_right_answers():
    passes("learning_rules.storkey_update", storkey_loops)

    def vectorised(W, xi):
        n = len(xi)
        h = W @ xi
        new = W + (np.outer(xi, xi) - np.outer(xi, h) - np.outer(h, xi) + 2 * W) / n
        np.fill_diagonal(new, 0)
        return new

    passes("learning_rules.storkey_update", vectorised)


def _storkey_base(W, xi):
    W = np.asarray(W, dtype=float)
    xi = np.asarray(xi, dtype=float)
    return W, xi, W @ xi, len(xi)


def test_storkey_update_forgot_the_diagonal():
    def keep_diagonal(W, xi):
        W, xi, h, n = _storkey_base(W, xi)
        return W + (np.outer(xi, xi) - np.outer(xi, h) - np.outer(h, xi) + 2 * W) / n

    fails_with("learning_rules.storkey_update", keep_diagonal, "the diagonal should stay zero")


def test_storkey_update_used_the_full_field():
    def full_field(W, xi):
        W, xi, h, n = _storkey_base(W, xi)
        new = W + (np.outer(xi, xi) - np.outer(xi, h) - np.outer(h, xi)) / n
        np.fill_diagonal(new, 0)
        return new

    fails_with("learning_rules.storkey_update", full_field, "you used the full field h_i")


def test_storkey_update_wrong_scale_and_hebb():
    def no_division(W, xi):
        W, xi, h, n = _storkey_base(W, xi)
        new = W + np.outer(xi, xi) - np.outer(xi, h) - np.outer(h, xi) + 2 * W
        np.fill_diagonal(new, 0)
        return new

    fails_with("learning_rules.storkey_update", no_division, "N times too large")

    def hebb(W, xi):
        W, xi, h, n = _storkey_base(W, xi)
        new = W + np.outer(xi, xi) / n
        np.fill_diagonal(new, 0)
        return new

    fails_with("learning_rules.storkey_update", hebb, "this is Hebb's update")


def test_storkey_update_one_sided_and_in_place():
    def one_sided(W, xi):
        W, xi, h, n = _storkey_base(W, xi)
        new = W + (np.outer(xi, xi) - 2 * np.outer(h, xi) + 2 * W) / n
        np.fill_diagonal(new, 0)
        return new

    fails_with("learning_rules.storkey_update", one_sided, "your weights are not symmetric")

    def in_place(W, xi):
        n = len(xi)
        h = W @ xi
        W += (np.outer(xi, xi) - np.outer(xi, h) - np.outer(h, xi) + 2 * W) / n
        np.fill_diagonal(W, 0)
        return W

    fails_with("learning_rules.storkey_update", in_place, "changed its input `W`")


# --------------------------------------------------------------------------- projection


def test_projection_right_answers():
    def with_inv(xi):
        xi = np.asarray(xi, dtype=float)
        n = xi.shape[1]
        W = xi.T @ np.linalg.inv(xi @ xi.T / n) @ xi / n
        np.fill_diagonal(W, 0)
        return W

    def scale_free(xi):  # leaving out both 1/N gives the same projector
        xi = np.asarray(xi, dtype=float)
        W = xi.T @ np.linalg.solve(xi @ xi.T, xi)
        np.fill_diagonal(W, 0)
        return W

    passes("learning_rules.projection", with_inv)
    passes("learning_rules.projection", scale_free)


def test_projection_mistakes():
    def full(xi):
        xi = np.asarray(xi, dtype=float)
        n = xi.shape[1]
        return xi.T @ np.linalg.inv(xi @ xi.T / n) @ xi / n

    fails_with("learning_rules.projection", full, "the diagonal should be zero")

    def no_over_n_in_c(xi):
        xi = np.asarray(xi, dtype=float)
        n = xi.shape[1]
        W = xi.T @ np.linalg.inv(xi @ xi.T) @ xi / n
        np.fill_diagonal(W, 0)
        return W

    fails_with("learning_rules.projection", no_over_n_in_c, "N times too small")

    def inverted_n_by_n(xi):
        xi = np.asarray(xi, dtype=float)
        W = np.linalg.pinv(xi.T @ xi / xi.shape[1])
        np.fill_diagonal(W, 0)
        return W

    fails_with("learning_rules.projection", inverted_n_by_n, "you inverted the (N, N) matrix")
    fails_with("learning_rules.projection", lambda xi: hl.hebbian(xi), "this is Hebb's rule")

    def returned_c(xi):
        xi = np.asarray(xi, dtype=float)
        return np.linalg.inv(xi @ xi.T / xi.shape[1])

    fails_with("learning_rules.projection", returned_c, "your matrix has shape (P, P)")


# --------------------------------------------------------------------------- aligned fields


def test_aligned_fields_right_and_wrong():
    def loops(W, xi):
        xi = np.asarray(xi, dtype=float)
        return np.array([[xi[m, i] * (W[i] @ xi[m]) for i in range(xi.shape[1])] for m in range(len(xi))])

    passes("learning_rules.aligned_fields", loops)
    fails_with("learning_rules.aligned_fields", lambda W, xi: xi @ W.T, "you returned the fields h")
    fails_with("learning_rules.aligned_fields", lambda W, xi: (xi * (xi @ W.T)).T, "your result is transposed")
    fails_with("learning_rules.aligned_fields", lambda W, xi: xi @ (xi @ W.T).T, "matrix product (@)")
    fails_with("learning_rules.aligned_fields", lambda W, xi: (xi * (xi @ W.T)).mean(axis=1),
               "do not sum or average")


# --------------------------------------------------------------------------- values


def test_projection_margin():
    passes("learning_rules.projection_margin", 0.7)
    xi = rc.draw_patterns(60, 200, rng=0)
    passes("learning_rules.projection_margin", float(rc.aligned_fields(hl.pseudo_inverse(xi), xi).mean()))
    fails_with("learning_rules.projection_margin", 1.0, "with the diagonal kept")
    fails_with("learning_rules.projection_margin", 0.3, "average of Pi_ii")
    fails_with("learning_rules.projection_margin", "0.7", "")


def test_which_rules_store():
    xi = datasets.digit_prototypes()
    computed = [hl.measure.stable_fraction(rule(xi), xi) == 1.0 for rule in (hl.hebbian, hl.storkey, hl.pseudo_inverse)]
    passes("correlated.which_rules_store", computed)
    passes("correlated.which_rules_store", np.array([False, False, True]))
    fails_with("correlated.which_rules_store", [True, True, True], "Hebb's rule does not store them")
    fails_with("correlated.which_rules_store", [False, True, True], "Storkey's rule keeps only 3 of the 10")
    fails_with("correlated.which_rules_store", [False, False, False], "the projection rule does store")
    fails_with("correlated.which_rules_store", [False, True], "shape")


def test_largest_load():
    passes("learning_rules.largest_load", hl.measure.largest_load(lr.MEASURED_LOADS, lr.MEASURED_FRACTIONS, 0.95))
    passes("learning_rules.largest_load", 0.28 + 0.04 * 0.02 / 0.06)
    fails_with("learning_rules.largest_load", 0.28, "last grid load that passed")
    fails_with("learning_rules.largest_load", 0.32, "first grid load that failed")
    fails_with("learning_rules.largest_load", 0.36, "already dropped below 0.95")
    fails_with("learning_rules.largest_load", 0.3615, "already dropped below 0.95")
    fails_with("learning_rules.largest_load", hl.measure.largest_load(lr.MEASURED_LOADS, lr.MEASURED_FRACTIONS[0], 0.95),
               "you used the curve of one seed")


# --------------------------------------------------------------------------- covariance


def test_covariance_right_and_wrong():
    def loops(xi, a):
        xi = np.asarray(xi, dtype=float)
        p, n = xi.shape
        return np.array([[0.0 if i == j else sum((xi[m, i] - a) * (xi[m, j] - a) for m in range(p)) / n
                          for j in range(n)] for i in range(n)])

    passes("correlated.covariance", loops)

    def one_side(xi, a):
        xi = np.asarray(xi, dtype=float)
        W = (xi - a).T @ xi / xi.shape[1]
        np.fill_diagonal(W, 0)
        return W

    fails_with("correlated.covariance", one_side, "only one of the two factors")
    fails_with("correlated.covariance", lambda xi, a: (xi - a).T @ (xi - a) / xi.shape[1],
               "the diagonal should be zero")
    fails_with("correlated.covariance", lambda xi, a: hl.hebbian(xi), "this is Hebb's rule")
    fails_with("correlated.covariance", lambda xi, a: hl.rules.covariance(xi), "not the given a")
    fails_with("correlated.covariance", lambda xi, a: hl.rules.covariance(xi, xi.mean(axis=0)),
               "mean of each neuron")

    def over_p(xi, a):
        d = np.asarray(xi, dtype=float) - a
        W = d.T @ d / d.shape[0]
        np.fill_diagonal(W, 0)
        return W

    fails_with("correlated.covariance", over_p, "you divided by P instead of N")
