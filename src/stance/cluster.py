"""Where the work of ``score`` and ``scan`` runs: in this process, or on a dask cluster.

The verbs in :mod:`stance.api` hand their independent pieces of work (one input shard, one chunk
of articles, one chunk of pairs) to a *runner* and get the results back in order. The local
runner is a loop; the dask runner sends each piece to a worker of a ``dask.distributed``
cluster, with the large shared objects (the model) scattered to every worker once. The pieces
are the same functions in both cases, which is why a distributed run gives, row for row, the
results of a local one.

dask is an optional extra (``pip install 'stance[dask]'``) and is imported only when a
scheduler is asked for.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from tqdm import tqdm

from .errors import StanceError

Item = TypeVar("Item")
Result = TypeVar("Result")

LOCAL = "local"
"""``--scheduler local``: start a LocalCluster of one single-threaded process per core."""


def _bar(progress: bool | None, desc: str, total: int) -> tqdm:
    """A progress bar over pieces of work; ``progress=None`` shows it only on a terminal."""
    disable = None if progress is None else not progress
    return tqdm(total=total, desc=desc, unit=" parts", disable=disable, dynamic_ncols=True)


class InProcess:
    """The runner of a plain local run: one piece after the other, in this process."""

    def map(
        self,
        fn: Callable[..., Result],
        items: Sequence[Item],
        *,
        desc: str,
        progress: bool | None = False,
        **shared: Any,
    ) -> list[Result]:
        results = []
        with _bar(progress, desc, len(items)) as bar:
            for item in items:
                results.append(fn(item, **shared))
                bar.update(1)
        return results


class OnDask:
    """The runner of a distributed run: one dask task per piece, shared objects sent once.

    A task whose worker dies is run again on another worker by the scheduler; the pieces are
    written so that running one twice gives the same result (outputs are replaced atomically),
    so a lost worker neither loses nor duplicates work.
    """

    def __init__(self, client: Any) -> None:
        self.client = client

    def map(
        self,
        fn: Callable[..., Result],
        items: Sequence[Item],
        *,
        desc: str,
        progress: bool | None = False,
        **shared: Any,
    ) -> list[Result]:
        from distributed import as_completed

        sent = {
            key: self.client.scatter(value, broadcast=True, hash=False)
            for key, value in shared.items()
        }
        futures = self.client.map(fn, list(items), pure=False, **sent)
        with _bar(progress, desc, len(futures)) as bar:
            for _ in as_completed(futures):
                bar.update(1)
        results = self.client.gather(futures)
        for future in sent.values():
            future.release()
        return results


Runner = InProcess | OnDask
"""Runs ``fn(item, **shared)`` for every item (``.map``) and returns the results in order."""


@contextlib.contextmanager
def runner(scheduler: str | None = None) -> Iterator[Runner]:
    """The runner for ``scheduler``: None runs in this process, ``"local"`` starts a
    LocalCluster for the duration, anything else is the address of a running scheduler
    (``tcp://host:8786``)."""
    if scheduler is None:
        yield InProcess()
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise StanceError(
            "--scheduler needs dask: pip install 'stance[dask]' (or dask[distributed])"
        ) from None
    with contextlib.ExitStack() as stack:
        if scheduler == LOCAL:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(scheduler, timeout="10s"))
            except (OSError, TimeoutError, ValueError) as err:
                raise StanceError(f"cannot reach the dask scheduler {scheduler}: {err}") from None
        yield OnDask(client)
