# The course's commands. `make help` lists them.
# Every target that needs Python first creates .venv from requirements-lock.txt
# (once; again only when the lock or pyproject.toml changes).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-x -k energy"`.
PYTEST_ARGS ?=
NBVAL  := --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=300
# Notebooks for `make execute`; default: all of them.
NB     ?= course/*.ipynb solutions/*.ipynb
# Seconds per notebook for `make grade`.
TIMEOUT ?= 300
# The HTML book and the slide decks are built here (git-ignored); `make test` tests them.
BOOK_BUILD := book/_build
# The lectures do many small matrix products: one BLAS thread is faster than
# several (no busy-waiting) and makes timings reproducible.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
export MKL_NUM_THREADS ?= 1

.DEFAULT_GOAL := help
.PHONY: help venv lab lists test test-lib test-notebooks exercises exercises-check strip strip-check execute bench grade book slides book-test lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(STAMP): requirements-lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python >= 3.10 is needed, this is " + sys.version.split()[0]'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-lock.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

venv: $(STAMP)  ## create .venv from the pinned versions (done by every target that needs it)

lab: $(STAMP)  ## open JupyterLab on the first lecture
	$(BIN)/jupyter lab course/01_welcome.ipynb

test: $(STAMP) book slides  ## run the whole suite: library, exercises in sync, notebooks, the built book and slides
	$(PY) -m hopfield_course.authoring.lectures check
	$(PY) -m hopfield_course.authoring.exercises build --check
	$(PY) -m hopfield_course.authoring.notebooks check
	BOOK_BUILD=$(BOOK_BUILD) $(PY) -m pytest -n 2 --dist loadfile tests hopfield_lib hopfield_course course solutions --doctest-modules --nbval $(NBVAL) $(PYTEST_ARGS)
	$(PY) -m pytest -n 2 --dist loadfile exercises --ignore-glob='*.backup.ipynb' --nbval-lax $(NBVAL) $(PYTEST_ARGS)

test-lib: $(STAMP)  ## only the library's unit tests and doctests (fast)
	$(PY) -m pytest tests hopfield_lib hopfield_course --doctest-modules -m "not browser" $(PYTEST_ARGS)

lists: $(STAMP)  ## regenerate every list of lectures from course.yml (book toc, README, intro, CONTRIBUTING, lecture 1)
	$(PY) -m hopfield_course.authoring.lectures update

exercises: $(STAMP)  ## regenerate exercises/ from solutions/ (never overwrites a learner's edits)
	$(PY) -m hopfield_course.authoring.exercises build

strip: $(STAMP)  ## strip volatile metadata from every notebook, keeping outputs
	$(PY) -m hopfield_course.authoring.notebooks strip

execute: $(STAMP)  ## re-execute notebooks in place to refresh stored outputs (NB=path.ipynb for one)
	$(PY) -m hopfield_course.authoring.notebooks execute $(NB)

bench: $(STAMP)  ## time the library against plain numpy and print the ratios
	$(PY) benchmarks/bench.py

grade: $(STAMP)  ## grade submitted notebooks: make grade SUBMISSIONS=folder [CSV=out.csv]
	$(PY) -m hopfield_course.grade $(SUBMISSIONS) --timeout $(TIMEOUT) $(if $(CSV),--csv $(CSV))

# The HTML book and the slide decks (both git-ignored, under $(BOOK_BUILD)/). They show the
# notebooks' stored outputs (nothing is executed) and open offline: MathJax and reveal.js
# are copied from pinned packages, never fetched. See CONTRIBUTING.md, "Book and slides".
# `make test` builds both and runs tests/test_book.py on them; `make book-test` does only that.
book: $(STAMP)  ## build the HTML book into book/_build/html (fails on any warning)
	$(BIN)/jupyter-book build . --config book/_config.yml --toc book/_toc.yml --path-output book --all --warningiserror --keep-going

slides: $(STAMP)  ## build one reveal.js deck per lecture into book/_build/slides
	$(PY) -m hopfield_course.authoring.slides --out $(BOOK_BUILD)/slides

book-test: book slides  ## build the book and the slides, then test only them (part of `make test`)
	BOOK_BUILD=$(BOOK_BUILD) $(PY) -m pytest tests/test_book.py $(PYTEST_ARGS)

lock:  ## re-resolve requirements-lock.txt (run with the oldest supported Python, 3.10)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e ".[browser,book]"
	( echo "# Pinned versions of everything the course installs. Regenerate with: make lock PYTHON=python3.10"; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable ) > requirements-lock.txt
	rm -rf .lock-venv

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .lock-venv build *.egg-info .pytest_cache $(BOOK_BUILD) test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
