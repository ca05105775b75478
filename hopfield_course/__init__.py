"""The course machinery around :mod:`hopfield_lib`: it imports the library, never the reverse.

==================  ===========================================================
``checks``          the exercise checkers: ``check(id, answer)``, ``hint(id)``;
                    one module per practice notebook (``p05_capacity``, ...)
``widgets``         the lectures' interactive explorers, with static fallbacks
``grade``           grade a folder of submitted practice notebooks
``setup_check``     is this environment ready for the course? (lecture 1)
``authoring``       for maintainers: the exercise generator, notebook tools,
                    slide decks, the lists generated from ``course.yml``
==================  ===========================================================
"""
