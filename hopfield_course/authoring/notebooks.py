"""Maintainers' notebook tools: normalise metadata, execute in place, check.

Stored outputs are part of the tests (nbval compares them), so notebooks are
committed *with* outputs but *without* volatile metadata (kernel versions,
timings, widget state). Usage::

    python -m hopfield_course.authoring.notebooks strip [PATH ...]     # normalise in place
    python -m hopfield_course.authoring.notebooks check [PATH ...]     # exit 1 if any is not normalised
    python -m hopfield_course.authoring.notebooks execute PATH ...     # run top to bottom, store outputs, normalise

PATH is a notebook or a folder; the default is ``course/``, ``solutions/``
and ``exercises/`` of the current directory.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

__all__ = ["normalize", "read", "write", "execute", "find_notebooks", "DEFAULT_FOLDERS"]

DEFAULT_FOLDERS = ("course", "solutions", "exercises")

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
#: Notebook-level metadata kept (everything else is volatile or tool-specific).
KEEP_NOTEBOOK_METADATA = ("kernelspec", "language_info", "rise")
#: Cell-level metadata kept: tags (nbval, exercises), slide types, hidden source.
KEEP_CELL_METADATA = ("tags", "slideshow", "jupyter", "editable", "deletable")
#: MIME type of a widget view in an output, and the model id stored for it. The id a
#: kernel gives a widget is random and means nothing once the kernel has gone (the
#: notebooks never store widget state), so a fixed one keeps the diffs quiet.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STORED_MODEL_ID = "0" * 32


def find_notebooks(paths=None) -> list[Path]:
    """The ``.ipynb`` files under ``paths`` (files or folders), sorted.

    Inside folders, Jupyter checkpoints and the generator's backups of a
    learner's edits (``*.backup.ipynb``) are skipped.
    """
    roots = [Path(p) for p in (paths or DEFAULT_FOLDERS)]
    found: list[Path] = []
    for root in roots:
        if root.is_dir():
            found.extend(p for p in root.rglob("*.ipynb")
                         if ".ipynb_checkpoints" not in p.parts and not p.name.endswith(".backup.ipynb"))
        elif root.suffix == ".ipynb" and root.exists():
            found.append(root)
        elif not root.exists() and paths:
            raise FileNotFoundError(f"no such notebook or folder: {root}")
    return sorted(found)


def read(path) -> nbformat.NotebookNode:
    """Read a notebook (nbformat 4)."""
    return nbformat.read(str(path), as_version=4)


def write(nb, path) -> None:
    """Write a notebook in Jupyter's own JSON layout (indent 1, sorted keys)."""
    Path(path).write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def normalize(nb) -> nbformat.NotebookNode:
    """A copy of ``nb`` without volatile metadata; outputs are kept.

    Keeps: the kernelspec (set to the standard ``python3``), the language
    name, and cell tags/slide types. Drops: kernel and language versions,
    widget state, execution timings, collapsed/scrolled flags. Merges
    consecutive stream outputs of the same stream (the kernel splits one
    ``print`` block into chunks at random, which would churn the diffs), and
    replaces the random model id of a stored widget view by ``STORED_MODEL_ID``.

    >>> cell = nbformat.v4.new_code_cell("w", outputs=[nbformat.v4.new_output(
    ...     "execute_result", {WIDGET_VIEW: {"model_id": "8f3a", "version_major": 2}}, execution_count=1)])
    >>> out = normalize(nbformat.v4.new_notebook(cells=[cell])).cells[0].outputs[0]
    >>> out.data[WIDGET_VIEW]["model_id"] == STORED_MODEL_ID
    True
    """
    nb = copy.deepcopy(nb)
    nb.nbformat, nb.nbformat_minor = 4, 5
    meta = {k: v for k, v in nb.metadata.items() if k in KEEP_NOTEBOOK_METADATA}
    meta["kernelspec"] = dict(KERNELSPEC)
    meta["language_info"] = {"name": "python"}
    nb.metadata = nbformat.from_dict(meta)
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict({k: v for k, v in cell.metadata.items() if k in KEEP_CELL_METADATA})
        if cell.cell_type == "code":
            cell.outputs = _merge_streams(cell.outputs)
            for out in cell.outputs:
                view = out.get("data", {}).get(WIDGET_VIEW)
                if isinstance(view, dict) and "model_id" in view:
                    view["model_id"] = STORED_MODEL_ID
    return nb


def _merge_streams(outputs):
    merged = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (out.get("output_type") == "stream" and prev is not None
                and prev.get("output_type") == "stream" and prev.get("name") == out.get("name")):
            prev["text"] = _joined(prev["text"]) + _joined(out["text"])
        else:
            merged.append(out)
    return merged


def _joined(text) -> str:
    return "".join(text) if isinstance(text, list) else text


def _text(nb) -> str:
    return nbformat.writes(nb) + "\n"


def is_normalized(path) -> bool:
    """True when the file on disk is exactly what :func:`normalize` would write."""
    text = Path(path).read_text(encoding="utf-8")
    return text == _text(normalize(nbformat.reads(text, as_version=4)))


#: The default kernel: a kernel of the Python that runs this code (``sys.executable``), not a kernelspec.
CURRENT_ENV = ":current-env"


def current_env_spec_manager():
    """A kernelspec manager that also knows :data:`CURRENT_ENV`: an IPython kernel of ``sys.executable``."""
    import ipykernel.kernelspec
    from jupyter_client.kernelspec import KernelSpecManager

    class CurrentEnvKernelSpecManager(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            if kernel_name == CURRENT_ENV:
                return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                              **ipykernel.kernelspec.get_kernel_dict())
            return super().get_kernel_spec(kernel_name)

    return CurrentEnvKernelSpecManager()


def execute(path, *, timeout: int = 600) -> None:
    """Execute a notebook top to bottom in a fresh kernel of this Python and store its outputs.

    The kernel starts in the notebook's folder. An error stops the run and is raised,
    and the notebook on disk is left unchanged.
    """
    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    path = Path(path)
    nb = read(path)
    # A kernel of this very Python (as nbval's --nbval-current-env), never whatever kernelspec
    # happens to be called "python3" on the machine.
    km = KernelManager(kernel_name=CURRENT_ENV, kernel_spec_manager=current_env_spec_manager())
    client = NotebookClient(
        nb,
        km=km,
        timeout=timeout,
        kernel_name=CURRENT_ENV,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute()
    write(normalize(nb), path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hopfield_course.authoring.notebooks", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("strip", "check", "execute"))
    parser.add_argument("paths", nargs="*", help="notebooks or folders (default: course/ solutions/ exercises/)")
    args = parser.parse_args(argv)
    if args.command == "execute" and not args.paths:
        parser.error("execute: name the notebooks (or folders) to run")
    notebooks = find_notebooks(args.paths)
    if args.command == "check":
        bad = [p for p in notebooks if not is_normalized(p)]
        for p in bad:
            print(f"{p}: volatile metadata present; run `make strip`", file=sys.stderr)
        print(f"{len(notebooks) - len(bad)}/{len(notebooks)} notebooks normalised")
        return 1 if bad else 0
    for p in notebooks:
        if args.command == "strip":
            if not is_normalized(p):
                write(normalize(read(p)), p)
                print(f"stripped {p}")
        else:
            print(f"executing {p} ...", flush=True)
            execute(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
