"""The maintainers' notebook tool: normalisation keeps outputs, drops volatile metadata."""

import nbformat

from hopfield_course.authoring import notebooks


def make_nb():
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "other", "display_name": "X"}, "language_info": {"name": "python", "version": "3.11.7"},
                   "widgets": {"state": {}}}
    code = nbformat.v4.new_code_cell("print(1)")
    code.metadata = {"tags": ["nbval-ignore-output"], "execution": {"iopub.status.busy": "2026"}, "scrolled": True,
                     "slideshow": {"slide_type": "-"}}
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="a\n"),
                    nbformat.v4.new_output("stream", name="stdout", text=["b\n"]),
                    nbformat.v4.new_output("stream", name="stderr", text="warn\n"),
                    nbformat.v4.new_output("display_data", data={"text/plain": "<Figure>"})]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), code]
    return nb


def test_normalize_drops_volatile_keeps_outputs_and_tags():
    out = notebooks.normalize(make_nb())
    assert set(out.metadata) == {"kernelspec", "language_info"}
    assert out.metadata.kernelspec.name == "python3" and out.metadata.language_info == {"name": "python"}
    cell = out.cells[1]
    assert cell.metadata == {"tags": ["nbval-ignore-output"], "slideshow": {"slide_type": "-"}}
    assert [o.output_type for o in cell.outputs] == ["stream", "stream", "display_data"]
    assert cell.outputs[0].text == "a\nb\n" and cell.outputs[1].name == "stderr"


def test_is_normalized_and_strip_round_trip(tmp_path):
    path = tmp_path / "x.ipynb"
    nbformat.write(make_nb(), str(path))
    assert not notebooks.is_normalized(path)
    notebooks.main(["strip", str(path)])
    assert notebooks.is_normalized(path)
    assert notebooks.main(["check", str(path)]) == 0


def test_find_notebooks_skips_backups_and_checkpoints(tmp_path):
    for name in ["a.ipynb", "a.backup.ipynb", ".ipynb_checkpoints/a-checkpoint.ipynb"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(make_nb(), str(tmp_path / name))
    assert [p.name for p in notebooks.find_notebooks([tmp_path])] == ["a.ipynb"]
