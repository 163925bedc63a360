"""Where the work of ``extract``, ``score`` and ``scan`` runs: in this process, in worker
processes on this machine (loky's, as joblib uses them), or on a dask cluster (through
joblib's dask backend).

The verbs in :mod:`stance.api` cut their work into independent pieces (a chunk of pairs, a
chunk of articles, one input shard) and hand them to :func:`run_pieces`, which returns the
results in order. The pieces are the same functions whichever way they run, which is why a
parallel or distributed run gives, byte for byte, the output of a run in one process.

- Without a cluster, pieces run in ``jobs`` processes, this one and ``jobs - 1`` workers,
  when the input is large enough to pay for starting them (:data:`MIN_PAIRS`,
  :data:`MIN_ARTICLES`), otherwise in this process alone.
- Inside :func:`cluster`, joblib's dask backend sends every piece to the workers of a
  ``dask.distributed`` cluster, whatever the input's size; the model is scattered to every
  worker once. A piece whose worker dies is run again elsewhere by the scheduler; pieces are
  written so that running one twice gives the same result (outputs are replaced atomically).

dask is an optional extra (``pip install 'stance[dask]'``), imported only by :func:`cluster`.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import pickle
import tempfile
import uuid
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from contextvars import ContextVar
from typing import Any, TypeVar

import joblib
from joblib.externals.loky import get_reusable_executor

from .errors import StanceError
from .settings import MIN_ARTICLES as MIN_ARTICLES
from .settings import MIN_PAIRS as MIN_PAIRS

Piece = TypeVar("Piece")
Result = TypeVar("Result")

LOCAL = "local"
"""The scheduler ``local``: a LocalCluster of one single-threaded process per core."""


CONNECT_TIMEOUT = "10s"
"""How long a scheduler's address is tried before it is reported unreachable (dask retries a
refused connection until then)."""

_on_cluster: ContextVar[bool] = ContextVar("stance_on_cluster", default=False)


def jobs_for(jobs: int | None) -> int:
    """The number of worker processes for ``jobs``: None means one per core."""
    if jobs is None:
        return joblib.cpu_count()
    if jobs < 1:
        raise StanceError(
            f"the number of worker processes must be at least 1, got {jobs}", param="jobs"
        )
    return jobs


def on_cluster() -> bool:
    """Whether pieces go to a dask cluster (inside :func:`cluster`)."""
    return _on_cluster.get()


def runs_in_parallel(jobs: int | None, size: int, minimum: int) -> bool:
    """Whether ``size`` units of work (pairs, articles) are spread over workers: always on a
    cluster; on this machine when more than one job is allowed and ``size >= minimum``."""
    return on_cluster() or (jobs_for(jobs) > 1 and size >= minimum)


def run_pieces(
    fn: Callable[..., Result],
    pieces: Iterable[Piece],
    *,
    parallel: bool,
    jobs: int | None = None,
    **shared: Any,
) -> Iterator[Result]:
    """``fn(piece, **shared)`` for every piece, lazily and in order.

    With ``parallel`` (see :func:`runs_in_parallel`), pieces run in ``jobs`` processes (this
    one and ``jobs - 1`` workers, see :func:`_here_and_in_workers`), or on the cluster of
    :func:`cluster`, a few pieces ahead of the results consumed, so that
    memory stays bounded on a long stream; otherwise they run here, one after the other.
    Large ``shared`` objects (the model) are pickled once into a file that each local worker
    reads once (:class:`_SentOnce`), and are scattered once to a cluster's workers.
    """
    if not parallel:
        for piece in pieces:
            yield fn(piece, **shared)
        return
    large = {k: v for k, v in shared.items() if not isinstance(v, str | int | float | bool)}
    if not on_cluster():
        yield from _here_and_in_workers(fn, pieces, jobs_for(jobs) - 1, shared, large)
        return
    scatter = list(large.values()) or None
    with joblib.parallel_config(backend="dask", scatter=scatter):
        workers = joblib.Parallel(n_jobs=-1, batch_size=1, return_as="generator")
        results = workers(joblib.delayed(fn)(piece, **shared) for piece in pieces)
        try:
            for result in results:  # noqa: UP028 (``yield from`` would close it unquieted)
                yield result
        finally:
            # Closed before its end, by an error in the input: the pieces still running are
            # cancelled, which joblib warns of, but the error is all there is to say.
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "[0-9]+ tasks ", UserWarning)
                results.close()


def _workers(n: int) -> Executor:
    """loky's executor of ``n`` worker processes, started once and kept from run to run."""
    return get_reusable_executor(max_workers=n, timeout=300)


def warm_up(jobs: int | None) -> None:
    """Start the worker processes that a run with ``jobs`` would use, and have them import
    stance, without waiting for them.

    The command line calls it before it loads the model when a large input is coming: the
    workers' start (importing scikit-learn takes a second or more) then runs on the other
    cores while this process starts, instead of after it."""
    workers = jobs_for(jobs) - 1
    if workers >= 1 and not on_cluster():
        _workers(workers).submit(importlib.import_module, "stance.api")


AHEAD = 2
"""Pieces queued per worker process beyond the one it runs, so that none waits for work."""


def _here_and_in_workers(
    fn: Callable[..., Result],
    pieces: Iterable[Piece],
    workers: int,
    shared: dict[str, Any],
    large: dict[str, Any],
) -> Iterator[Result]:
    """``fn(piece, **shared)`` for every piece, in order, in ``workers`` worker processes (loky's,
    which stay from one run to the next) and in this process.

    This process does not wait idle for the workers: whenever the oldest piece is still
    running, it takes the next piece itself. Counting it, ``workers + 1`` processes work, and
    one worker fewer is started and sent the model, a second or two of a short run on two
    cores. Results come back in the order of the pieces, and an error raised by a piece is
    raised in its place."""
    with tempfile.TemporaryDirectory(prefix="stance-") as folder:
        sent = {**shared, **{k: _SentOnce(v, folder) for k, v in large.items()}}
        executor = _workers(workers)
        queue: deque[Future[Result] | tuple[Result]] = deque()  # in the order of the pieces
        todo, more = iter(pieces), True
        try:
            while more or queue:
                running = sum(isinstance(e, Future) and not e.done() for e in queue)
                while more and running < (1 + AHEAD) * workers:
                    piece = next(todo, _END)
                    if piece is _END:
                        more = False
                    else:
                        queue.append(executor.submit(fn, piece, **sent))
                        running += 1
                while queue and (isinstance(queue[0], tuple) or queue[0].done()):
                    yield _outcome(queue.popleft())
                if more and len(queue) < 4 * (1 + AHEAD) * workers:
                    piece = next(todo, _END)
                    if piece is _END:
                        more = False
                    else:
                        queue.append((fn(piece, **shared),))
                elif queue:
                    yield _outcome(queue.popleft())  # waits for the oldest piece
        finally:
            for entry in queue:  # closed early, by an error: what has not started never will
                if isinstance(entry, Future):
                    entry.cancel()


_END = object()


def _outcome(entry: Future[Result] | tuple[Result]) -> Result:
    """A piece's result, from a worker (waiting for it) or from this process."""
    return entry[0] if isinstance(entry, tuple) else entry.result()


class _SentOnce:
    """A large read-only argument of every piece (the model, 11 MB pickled), pickled once here
    into a file that each local worker reads the first time a piece brings it.

    A piece carries only the file's name, so pieces can be small (a few thousand pairs, which
    keeps the workers' shares even at the end of a run) without sending the model with each:
    loky keeps its workers from piece to piece, and each unpickles the model once."""

    def __init__(self, value: Any, folder: str) -> None:
        self.token = uuid.uuid4().hex
        self.path = os.path.join(folder, f"{self.token}.pickle")
        with open(self.path, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)

    def __reduce__(self) -> tuple[Callable[[str, str], Any], tuple[str, str]]:
        return _received, (self.token, self.path)


_RECEIVED: dict[str, Any] = {}
"""In a worker: the argument last received, by token."""


def _received(token: str, path: str) -> Any:
    """A :class:`_SentOnce` argument, read in a worker the first time it comes."""
    if token not in _RECEIVED:
        _RECEIVED.clear()  # one run's model at a time
        with open(path, "rb") as fh:
            _RECEIVED[token] = pickle.load(fh)
    return _RECEIVED[token]


@contextlib.contextmanager
def cluster(scheduler: str | None) -> Iterator[Any]:
    """Run the pieces of the verbs called inside on the dask cluster of ``scheduler`` (joblib's
    dask backend); yields its ``distributed.Client``.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``), or ``"local"``
    to start a LocalCluster for the duration; None runs as usual and yields None.
    """
    if scheduler is None:
        yield None
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise StanceError(
            "a dask cluster needs dask: pip install 'stance[dask]' (or dask[distributed])",
            param="scheduler",
        ) from None
    with contextlib.ExitStack() as stack:
        if scheduler == LOCAL:
            local = stack.enter_context(
                LocalCluster(
                    n_workers=os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(local))
        else:
            try:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
            except (OSError, TimeoutError, ValueError) as err:
                raise StanceError(
                    f"cannot reach the dask scheduler {scheduler}: {err}", param="scheduler"
                ) from None
        stack.enter_context(joblib.parallel_config(backend="dask"))
        token = _on_cluster.set(True)
        try:
            yield client
        finally:
            _on_cluster.reset(token)
