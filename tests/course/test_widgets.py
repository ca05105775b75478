"""The lecture widgets, driven from the kernel: set a control, check the state and the results.

The browser side (a real Chromium showing the widgets) is tests/test_widgets_browser.py.
"""

import base64

import matplotlib.pyplot as plt
import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib.experiments import capacity
from hopfield_lib import letters, modern
from hopfield_course import widgets
from hopfield_lib.experiments.trajectories import async_trajectory, sweep_orders
from hopfield_lib.experiments import modern_analysis

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def assert_static_fallback(w, n_axes):
    """The display bundle carries the live widget, a PNG of the current settings and a text line."""
    bundle, metadata = w._repr_mimebundle_()
    assert metadata == {"image/png": {"alt": w.summary()}}
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", "image/png", "text/plain"}
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == w.view.model_id
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(PNG_MAGIC)
    assert png == w.image_png == w.png()  # live view == static figure, byte for byte
    assert bundle["text/plain"] == repr(w) and "\n" not in bundle["text/plain"]
    assert set(w._repr_mimebundle_(include={"image/png"})[0]) == {"image/png"}
    assert w._repr_mimebundle_(exclude={"image/png"})[1] == {}
    before = plt.get_fignums()
    fig = w.figure()
    try:
        assert plt.get_fignums() == before + [fig.number]
        assert len([ax for ax in fig.axes if ax.get_visible()]) == n_axes
    finally:
        plt.close(fig)


def no_new_pyplot_figures(build):
    """Build a widget; it must not leave pyplot figures behind (the inline backend would show them)."""
    before = plt.get_fignums()
    w = build()
    assert plt.get_fignums() == before
    return w


# --------------------------------------------------------------------------- noise explorer


@pytest.fixture
def noisy():
    return no_new_pyplot_figures(lambda: widgets.noise_explorer("AGIVXOTLHE", noise=0.2, load=5, seed=0))


def test_noise_explorer_recall_is_the_librarys(noisy):
    xi = letters.letters("AGIVX")
    W = hl.hebbian(xi)
    probe = hl.corrupt(xi[0], 0.2, rng=0)
    expected = hl.recall(W, probe, rng=1, max_sweeps=20)
    assert noisy.names == "AGIVX" and noisy.letter == "A" and noisy.target == 0
    np.testing.assert_array_equal(noisy.probe, probe)
    np.testing.assert_array_equal(noisy.weights, W)
    np.testing.assert_array_equal(noisy.result.states, expected.states)
    assert noisy.result.sweeps == expected.sweeps and noisy.result.converged
    assert noisy.recalled == "A" and noisy.outcome == "recalled A exactly"
    assert noisy.frame == len(noisy.frames) - 1  # the outcome is shown at once
    np.testing.assert_array_equal(noisy.state, xi[0])


def test_noise_explorer_frames_inside_a_sweep_are_single_neuron_updates(noisy):
    res = noisy.result
    fps = noisy.frames_per_sweep
    assert noisy.frames.shape == (res.sweeps * fps + 1, 100)
    np.testing.assert_array_equal(noisy.frames[::fps], res.states)  # every sweep boundary
    np.testing.assert_allclose(noisy.positions[::fps], np.arange(res.sweeps + 1))
    # the same orders, one neuron at a time (P = 5 is odd and N even: no ties, so this is exact)
    traj = async_trajectory(noisy.weights, noisy.probe, sweep_orders(100, res.sweeps, rng=1))
    np.testing.assert_array_equal(noisy.frames, traj.states[:: 100 // fps])
    np.testing.assert_allclose(noisy.energies, traj.energies[:: 100 // fps])


def test_noise_explorer_overlaps_and_energies(noisy):
    xi = noisy.patterns
    assert noisy.overlaps.shape == (len(noisy.frames), 5)
    np.testing.assert_allclose(noisy.overlaps, noisy.frames @ xi.T / 100)
    np.testing.assert_allclose(noisy.overlaps[0], hl.overlap(xi, noisy.probe))
    assert noisy.overlaps[-1, 0] == 1.0
    np.testing.assert_allclose(noisy.energies, [hl.energy(noisy.weights, s) for s in noisy.frames])
    assert np.all(np.diff(noisy.energies) <= 1e-12)  # asynchronous: the energy never rises


def test_noise_explorer_noise_control_changes_the_probe(noisy):
    for noise in (0.0, 0.1, 0.3):
        noisy.controls["noise"].value = noise
        assert int(np.sum(noisy.probe != noisy.patterns[0])) == round(noise * 100)
    noisy.controls["noise"].value = 0.0
    assert noisy.result.sweeps == 1 and noisy.recalled == "A"


def test_noise_explorer_load_rule_mode(noisy):
    c = noisy.controls
    c["load"].value = 7
    assert noisy.names == "AGIVXOT" and list(c["letter"].options) == list("AGIVXOT")
    assert noisy.recalled is None and noisy.outcome.startswith("a spurious state")
    c["rule"].value = "pseudo_inverse"
    np.testing.assert_array_equal(noisy.weights, hl.pseudo_inverse(letters.letters("AGIVXOT")))
    assert noisy.recalled == "A"
    c["letter"].value = "T"
    assert noisy.letter == "T" and noisy.target == 6 and noisy.recalled == "T"
    c["load"].value = 3  # T is no longer stored: the first letter is chosen
    assert noisy.letter == "A" and list(c["letter"].options) == list("AGI")
    c["mode"].value = "sync"
    assert noisy.frames.shape[0] == noisy.result.states.shape[0]
    np.testing.assert_array_equal(noisy.frames, noisy.result.states)
    expected = hl.recall(hl.pseudo_inverse(letters.letters("AGI")), hl.corrupt(letters.letter("A"), 0.2, rng=0),
                         mode="sync", max_sweeps=20)
    np.testing.assert_array_equal(noisy.result.state, expected.state)


def test_noise_explorer_sync_two_cycle_is_reported():
    w = widgets.noise_explorer(letter="X", noise=0.1, load=10, mode="sync", seed=0)
    assert not w.result.converged
    assert w.outcome.startswith("a 2-cycle")
    np.testing.assert_array_equal(w.frames[-1], w.frames[-3])


def test_noise_explorer_seed_and_new_probe_button(noisy):
    first = noisy.probe
    noisy.controls["new_probe"].click()
    assert noisy.seed == 1
    assert not np.array_equal(noisy.probe, first)
    np.testing.assert_array_equal(noisy.probe, hl.corrupt(letters.letter("A"), 0.2, rng=1))


def test_noise_explorer_caches_weights_recalls_and_only_redraws_on_step(noisy):
    c = noisy.controls
    assert noisy.stats["weights"] == 1 and noisy.stats["recalls"] == 1
    renders = noisy.stats["renders"]
    steps = range(0, len(noisy.frames), 4)
    for f in steps:  # stepping through the recall: no recomputation, one redraw per step
        c["step"].value = f
        np.testing.assert_array_equal(noisy.state, noisy.frames[f])
    assert noisy.stats["recalls"] == 1 and noisy.stats["renders"] == renders + len(steps)
    assert noisy.stats["builds"] == 1  # the figure is built once and redrawn
    c["noise"].value = 0.3
    c["noise"].value = 0.2  # back to a setting seen before: cached
    assert noisy.stats["recalls"] == 2 and noisy.stats["weights"] == 1
    c["rule"].value = "storkey"
    c["rule"].value = "hebbian"
    assert noisy.stats["weights"] == 2 and noisy.stats["recalls"] == 3
    c["letter"].value = "G"  # another letter, same network: the weights are reused
    assert noisy.stats["weights"] == 2 and noisy.stats["recalls"] == 4
    assert len(noisy.timings) >= 5 and all(t > 0 for t in noisy.timings)


def test_noise_explorer_static_fallback_and_determinism(noisy):
    noisy.controls["step"].value = 3
    assert_static_fallback(noisy, n_axes=5)
    again = widgets.noise_explorer("AGIVXOTLHE", noise=0.2, load=5, seed=0)
    again.controls["step"].value = 3
    assert again.png() == noisy.png()
    noisy.controls["step"].value = 0
    assert noisy.png() != again.png()
    assert repr(noisy) == ("NoiseExplorer: AGIVX stored (Hebb, P = 5); probe: A with 20 of 100 pixels flipped "
                           "(seed 0); async updates: recalled A exactly after 2 sweeps, E = -57.660")
    assert "the probe" in noisy._readout.value and "20 wrong pixels" in noisy._readout.value


@pytest.mark.parametrize(
    "kwargs",
    [dict(letters="AA"), dict(letters=""), dict(letters="A1"), dict(load=0), dict(load=11), dict(letter="T"),
     dict(noise=0.6), dict(rule="hopfield"), dict(mode="random"), dict(seed=-1), dict(frames_per_sweep=0)],
)
def test_noise_explorer_rejects_bad_settings(kwargs):
    with pytest.raises(ValueError):
        widgets.noise_explorer(**kwargs)


# --------------------------------------------------------------------------- pattern editor


@pytest.fixture
def editor():
    return no_new_pyplot_figures(lambda: widgets.pattern_editor("AGIVX"))


def test_editor_clicking_cells_changes_the_probe(editor):
    assert np.all(editor.probe == -1) and len(editor.cells) == 100
    editor.cells[0].click()
    assert editor.probe[0] == 1 and editor.cells[0].style.button_color == "black"
    editor.toggle(2, 3)
    assert editor.probe[23] == 1 and int(np.sum(editor.probe > 0)) == 2
    editor.cells[0].click()
    assert editor.probe[0] == -1 and editor.cells[0].style.button_color == "white"
    assert editor.controls["cells"] is editor.cells


def test_editor_start_clear_invert(editor):
    c = editor.controls
    c["start"].value = "V"
    np.testing.assert_array_equal(editor.probe, letters.letter("V"))
    assert [b.style.button_color for b in editor.cells[:10]] == ["black" if v > 0 else "white"
                                                                 for v in letters.letter("V")[:10]]
    c["invert"].click()
    np.testing.assert_array_equal(editor.probe, -letters.letter("V"))
    c["clear"].click()
    assert np.all(editor.probe == -1) and all(b.style.button_color == "white" for b in editor.cells)


def test_editor_recall_goes_to_the_nearest_letter(editor):
    c = editor.controls
    c["start"].value = "X"
    for k in (40, 41, 42, 47, 48, 49):  # scribble across the X
        editor.cells[k].click()
    assert editor.result is None and editor.outcome.startswith("not recalled")
    c["recall"].click()
    expected = hl.recall(hl.hebbian(letters.letters("AGIVX")), editor.probe, rng=0, max_sweeps=50)
    np.testing.assert_array_equal(editor.result.state, expected.state)
    assert editor.recalled == "X" and editor.outcome.startswith("went to X")
    np.testing.assert_allclose(editor.overlaps, hl.overlap(letters.letters("AGIVX"), expected.state))
    editor.cells[0].click()  # the probe changed: the old result is gone
    assert editor.result is None and editor.recalled is None


def test_editor_blank_probe_and_rules(editor):
    c = editor.controls
    c["recall"].click()  # from a blank (all -1) probe
    assert editor.recalled is None and editor.outcome.startswith("went to a spurious state")
    c["rule"].value = "pseudo_inverse"
    assert editor.result is None
    editor.set_probe(letters.letter("G"))
    assert editor.recall().converged and editor.recalled == "G"
    c["rule"].value = "hebbian"
    c["rule"].value = "pseudo_inverse"
    assert editor.stats["weights"] == 2  # one per rule, cached


def test_editor_set_probe_validates(editor):
    with pytest.raises(ValueError):
        editor.set_probe(np.ones(99))
    with pytest.raises(ValueError):
        editor.set_probe(np.zeros(100))
    editor.set_probe(letters.letter("A").reshape(10, 10))
    np.testing.assert_array_equal(editor.probe, letters.letter("A"))


def test_editor_static_fallback(editor):
    editor.controls["start"].value = "A"
    assert_static_fallback(editor, n_axes=3)
    editor.controls["recall"].click()
    assert_static_fallback(editor, n_axes=3)
    assert repr(editor) == "PatternEditor: AGIVX stored (Hebb); probe with 52 black pixels: went to A (after 1 sweep)"


# --------------------------------------------------------------------------- capacity explorer


@pytest.fixture
def cap():
    return no_new_pyplot_figures(lambda: widgets.capacity_explorer(n_neurons=200, n_patterns=30, networks=3, seed=4))


def library_measurement(n, p, seeds):
    nets = [hl.random_patterns(p, n, rng=s) for s in seeds]
    rates = [hl.measure.bit_error_rate(hl.hebbian(xi), xi) for xi in nets]
    stable = [hl.measure.stable_fraction(hl.hebbian(xi), xi) for xi in nets]
    return rates, stable


def test_capacity_error_rate_matches_the_library(cap):
    for p in (30, 60, 100):
        cap.controls["P"].value = p
        rates, stable = library_measurement(200, p, [4, 5, 6])
        np.testing.assert_allclose(cap.error_rates, rates, rtol=0, atol=1e-12)
        np.testing.assert_allclose(cap.stable_fractions, stable, rtol=0, atol=1e-12)
        assert cap.error_rate == pytest.approx(np.mean(rates))
        assert cap.theory == pytest.approx(capacity.gaussian_error_rate(p / 200))
        assert cap.exact == pytest.approx(capacity.binomial_error_rate(200, p))
        assert cap.alpha == p / 200
    assert cap.error_rate > 0.01  # alpha = 0.5: errors are common
    assert abs(cap.error_rate - cap.exact) < 4 * cap.error_sem + 0.005


def test_capacity_caches_networks_and_clamps_p(cap):
    c = cap.controls
    assert cap.stats["measurements"] == 3
    c["networks"].value = 5  # two more networks; the first three are reused
    assert cap.stats["measurements"] == 5 and len(cap.error_rates) == 5
    c["P"].value = 40
    c["P"].value = 30
    assert cap.stats["measurements"] == 10
    c["N"].value = 100  # P stays within N/2
    assert c["P"].max == 50 and cap.n_patterns == 30
    c["P"].value = 50
    c["N"].value = 50
    assert cap.n_patterns == 25 and c["P"].max == 25


def test_capacity_zero_errors_at_low_load():
    cap = widgets.capacity_explorer(n_neurons=1000, n_patterns=10, networks=2, seed=0)
    assert cap.error_rate == 0.0 and cap.stable_fraction == 1.0 and np.isfinite(cap.error_sem)
    assert_static_fallback(cap, n_axes=2)


def test_capacity_static_fallback(cap):
    assert_static_fallback(cap, n_axes=2)
    assert repr(cap).startswith("CapacityExplorer: N = 200, P = 30 (alpha = 0.150), 3 networks (18000 bits)")


@pytest.mark.parametrize("kwargs", [dict(n_neurons=10), dict(n_neurons=5000), dict(n_patterns=0),
                                    dict(n_neurons=100, n_patterns=60), dict(networks=0), dict(networks=11),
                                    dict(seed=-2)])
def test_capacity_rejects_bad_settings(kwargs):
    with pytest.raises(ValueError):
        widgets.capacity_explorer(**kwargs)


# --------------------------------------------------------------------------- beta explorer


@pytest.fixture
def beta():
    return no_new_pyplot_figures(lambda: widgets.beta_explorer(target=3, beta=1.0))


def test_beta_explorer_is_the_modern_update(beta):
    X = hl.datasets.digit_prototypes("grey", per_class=10)
    np.testing.assert_array_equal(beta.patterns, X)
    q = X[3].reshape(8, 8).copy()
    q[4:] = 0.0  # the bottom half masked
    np.testing.assert_array_equal(beta.query, q.ravel())
    np.testing.assert_allclose(beta.weights, modern.softmax_weights(X, beta.query, beta=1.0))
    np.testing.assert_allclose(beta.retrieved, hl.modern_update(X, beta.query, beta=1.0))
    assert beta.weights.sum() == pytest.approx(1.0) and np.all(beta.weights >= 0)
    assert beta.n_eff == pytest.approx(modern_analysis.effective_number(beta.weights))


def test_beta_weights_concentrate_as_beta_grows(beta):
    n_eff, top, error = [], [], []
    for b in (0.01, 0.1, 0.3, 1.0, 3.0, 10.0):
        beta.controls["beta"].value = b
        assert beta.weights.sum() == pytest.approx(1.0)
        n_eff.append(beta.n_eff)
        top.append(beta.weights.max())
        error.append(beta.error)
    assert np.all(np.diff(n_eff) < 0) and np.all(np.diff(top) > 0) and np.all(np.diff(error) < 0)
    assert n_eff[0] > 95 and n_eff[-1] < 1.01  # from a mean of all 100 images to one image
    assert beta.nearest == 3 and int(np.argmax(beta.weights)) == 3 and beta.error < 1e-3


def test_beta_updates_mask_part(beta):
    c = beta.controls
    c["beta"].value = 0.5
    c["updates"].value = 3
    state = beta.query
    for _ in range(3):
        state = hl.modern_update(beta.patterns, state, beta=0.5)
    np.testing.assert_allclose(beta.retrieved, state)
    c["mask"].value = 0.25
    c["part"].value = "left"
    img = beta.query.reshape(8, 8)
    assert np.all(img[:, :2] == 0) and np.array_equal(img[:, 2:], beta.patterns[3].reshape(8, 8)[:, 2:])
    c["mask"].value = 0.0
    np.testing.assert_array_equal(beta.query, beta.patterns[3])
    c["target"].value = 17
    assert beta.target == 17 and beta.labels[17] == 7


def test_beta_caches_queries(beta):
    queries = beta.stats["queries"]
    for b in (0.1, 1.0, 5.0):
        beta.controls["beta"].value = b
    assert beta.stats["queries"] == queries  # beta does not change the query
    beta.controls["mask"].value = 0.25
    beta.controls["mask"].value = 0.5
    assert beta.stats["queries"] == queries + 1


def test_beta_static_fallback_and_custom_patterns(beta):
    assert_static_fallback(beta, n_axes=4)
    X = hl.random_patterns(4, 16, rng=0)
    small = widgets.beta_explorer(X, target=1, beta=5.0, mask=0.0)
    assert small.nearest == 1 and small.labels.tolist() == [0, 1, 2, 3]
    with pytest.raises(ValueError):
        widgets.beta_explorer(X, target=4)
    with pytest.raises(ValueError):
        widgets.beta_explorer(X, labels=[0, 1])
    with pytest.raises(ValueError):
        widgets.beta_explorer(X, part="middle")


# --------------------------------------------------------------------------- common


def test_png_bytes_is_deterministic():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1), dpi=50)
    fig.add_subplot().plot([0, 1], [1, 0])
    assert widgets.png_bytes(fig) == widgets.png_bytes(fig)
    assert widgets.png_bytes(fig).startswith(PNG_MAGIC)


def test_close_releases_the_widgets():
    w = widgets.pattern_editor("AB")
    w.close()
    assert w.view.comm is None and w.cells[0].comm is None
