"""The set-up check of lecture 1: structured result, readable and stable printout."""

import sys

import pytest

import hopfield_lib as hl
from hopfield_course import setup_check as sc


def test_run_in_this_environment_is_ok_and_stable():
    report = sc.run(in_kernel=True)
    assert report.ok and report.problems == ()
    names = [item.name for item in report.items]
    assert names[0] == "Python" and names[-3:] == ["figures", "recall", "widgets"]
    for label, _, _ in sc.PACKAGES:
        assert report[label].status == sc.OK
        assert "(as pinned)" in report[label].detail  # this venv is built from the lock file
    text = str(report)
    assert text.splitlines()[0] == "Set-up check"
    assert text.splitlines()[-1].startswith(f"All {len(report.items)} checks passed")
    # Nothing machine-specific in the printout: no paths, no Python patch version.
    assert sys.executable not in text and ".".join(map(str, sys.version_info[:3])) not in text
    assert str(sc.run(in_kernel=True)) == text  # the same on a second run


def test_outside_a_kernel_widgets_is_information_only():
    report = sc.run(in_kernel=False)
    assert report["widgets"].status == sc.INFO
    assert report.ok
    assert "information" in report.verdict()


def test_python_version_check():
    assert sc.check_python((3, 10, 0)).status == sc.OK
    assert sc.check_python((4, 0, 0)).status == sc.OK
    old = sc.check_python((3, 9, 18))
    assert old.status == sc.FAIL and "3.9.18" in old.detail and "3.10" in old.detail


def test_package_missing_or_unimportable_fails():
    missing = sc.check_package("nopkg", None, "surely-not-an-installed-distribution", {})
    assert missing.status == sc.FAIL and "not installed" in missing.detail
    broken = sc.check_package("nomod", "surely_not_a_module_xyz", "numpy", {})
    assert broken.status == sc.FAIL and "ModuleNotFoundError" in broken.detail


def test_version_differing_from_pin_warns(tmp_path):
    lock = tmp_path / "lock.txt"
    lock.write_text("# comment\nnumpy==0.0.1\nScipy==99\n\n", encoding="utf-8")
    assert sc.read_pins(lock) == {"numpy": "0.0.1", "scipy": "99"}
    report = sc.run(packages=[("numpy", "numpy", "numpy"), ("matplotlib", "matplotlib", "matplotlib")],
                    lock_file=lock, in_kernel=True)
    assert report["numpy"].status == sc.WARN and "pins 0.0.1" in report["numpy"].detail
    assert report["matplotlib"].status == sc.OK and "not pinned" in report["matplotlib"].detail
    assert report.ok  # a warning is not a failure
    assert report.problems == (report["numpy"],)
    assert report.verdict().startswith("⚠")


def test_without_lock_file_versions_are_listed_only(tmp_path):
    report = sc.run(packages=[("numpy", "numpy", "numpy")], lock_file=tmp_path / "absent.txt", in_kernel=True)
    assert report["numpy"].status == sc.OK and "pinned" not in report["numpy"].detail


def test_failure_verdict_and_lookup():
    report = sc.SetupReport((sc.CheckItem("a", sc.OK, "fine"), sc.CheckItem("b", sc.FAIL, "broken")))
    assert not report.ok
    assert report.verdict().startswith("✗ 1 of 2 checks failed")
    assert str(report).splitlines()[2] == "  ✗ b             broken"
    with pytest.raises(KeyError, match="no check named"):
        report["c"]
    with pytest.raises(ValueError, match="status"):
        sc.CheckItem("x", "great", "")
    assert repr(report) == "SetupReport(ok=False, 2 checks, 1 problems)"


def test_recall_and_figure_checks():
    assert sc.check_recall().status == sc.OK
    assert "recalled 'J'" in sc.check_recall().detail
    assert sc.check_figure().status == sc.OK
    # A word whose letters the network cannot hold apart fails, with a message.
    bad = sc.check_recall("HOPE", noise=0.3)
    assert bad.status == sc.FAIL and "did not recall" in bad.detail


def test_environment_and_widget_probe():
    env = sc.environment()
    assert sys.executable in env and env.startswith("Python")
    probe = sc.widget_probe()
    text = probe._repr_mimebundle_()["text/plain"]
    assert text.startswith("✗ widgets do not display here") and len(text) <= 110
    assert "✓ widgets" in probe.value
    import hopfield_course
    assert hopfield_course.setup_check is sc
