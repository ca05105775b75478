import matplotlib.pyplot as plt
import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib import letters, plotting


def test_26_distinct_letters():
    xi = letters.letters()
    assert xi.shape == (26, 100)
    assert set(np.unique(xi)) == {-1.0, 1.0}
    assert len({tuple(r) for r in xi}) == 26
    # letters are correlated, but no two are (nearly) the same image
    m = xi @ xi.T / 100
    np.fill_diagonal(m, 0)
    assert m.max() < 0.9


def test_letter_is_a_copy_and_case_insensitive():
    a = letters.letter("a")
    a[:] = 0
    assert np.array_equal(np.unique(letters.letter("A")), [-1.0, 1.0])


@pytest.mark.parametrize("bad", ["", "AB", "1", 3])
def test_letter_errors(bad):
    with pytest.raises(ValueError, match="one letter A-Z"):
        letters.letter(bad)


def test_show_patterns_grid():
    fig = plotting.show_patterns(letters.letters("HOPFIELD"), titles=list("HOPFIELD"), ncols=4)
    assert len(fig.axes) == 8
    assert [ax.get_title() for ax in fig.axes[:2]] == ["H", "O"]
    plt.close(fig)


def test_show_patterns_errors():
    with pytest.raises(ValueError, match="square image"):
        plotting.show_patterns(np.ones(10))
    with pytest.raises(ValueError, match="titles"):
        plotting.show_patterns(np.ones((2, 4)), titles=["a"])
    fig = plotting.show_patterns(np.ones(10), shape=(2, 5))
    plt.close(fig)


def test_show_recall_draws_images_overlaps_energy():
    xi = letters.letters("HOT")
    res = hl.recall(hl.hebbian(xi), hl.corrupt(xi[0], 0.1, rng=0), rng=1)
    fig = plotting.show_recall(res, xi, names="HOT")
    titles = [ax.get_title() for ax in fig.axes]
    assert "probe" in titles and "energy" in titles
    plt.close(fig)
