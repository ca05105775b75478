"""Run BLAS on one thread inside the experiments.

The experiment functions make thousands of small matrix products (N of a few
hundred). For those, a multi-threaded BLAS spends more CPU time waking and
busy-waiting its threads than computing: 2-20x more on a busy two-core
machine. :class:`one_blas_thread` limits BLAS to one thread for the duration
of a ``with`` block or a decorated function and restores the previous limit
afterwards (via ``threadpoolctl``, which scikit-learn also uses).
"""

from __future__ import annotations

import contextlib

__all__ = ["one_blas_thread"]


class one_blas_thread(contextlib.ContextDecorator):
    """Context manager and decorator: BLAS on one thread inside, restored on exit.

    >>> import numpy as np
    >>> with one_blas_thread():
    ...     float(np.ones((3, 3)) @ np.ones(3) @ np.ones(3))
    9.0
    """

    def __enter__(self):
        from threadpoolctl import threadpool_limits

        self._limits = threadpool_limits(limits=1, user_api="blas")
        return self

    def __exit__(self, *exc):
        self._limits.restore_original_limits()
        return False
