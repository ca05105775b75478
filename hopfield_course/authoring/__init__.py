"""Tools for the course's authors and maintainers (not imported by the notebooks).

``exercises``  generate ``exercises/`` from ``solutions/`` (``python -m hopfield_course.authoring.exercises``)
``notebooks``  normalise, strip and execute notebooks (``python -m hopfield_course.authoring.notebooks``)
``slides``     the lectures' reveal.js decks (``make slides``)
``headings``   every heading starts its own cell (so that it starts a slide)
``mistakes``   the teacher's list of common mistakes, from the checkers
"""
