"""Progress of a long build: a bar with documents/s and ETA on a terminal, log lines otherwise.

>>> import io
>>> out = io.StringIO()
>>> p = Progress(total=2, stream=out, interval=0.0, clock=iter([0.0, 1.0, 2.0, 3.0]).__next__)
>>> p.update("a"); p.update("b"); p.close()
>>> print(out.getvalue().strip())
[1/2] 1.0 docs/s, ETA 1s: a
[2/2] 1.0 docs/s, ETA 0s: b
done: 2 documents in 3s (0.7 docs/s)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    """Counts documents as they are built and reports the rate and the time left.

    On a terminal a tqdm bar; otherwise (CI logs, files) one plain line at most every
    ``interval`` seconds; ``quiet`` prints nothing.
    """

    def __init__(
        self,
        total: int | None = None,
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.clock = clock
        self.count = 0
        self.started = clock()
        self._last = float("-inf")
        self._bar = None
        if not quiet and _is_terminal(self.stream):
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True)

    def update(self, name: str = "") -> None:
        self.count += 1
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.set_postfix_str(name[-40:], refresh=False)
            self._bar.update(1)
            return
        now = self.clock()
        if now - self._last >= self.interval or self.count == self.total:
            self._last = now
            print(self._line(now, name), file=self.stream, flush=True)

    def _line(self, now: float, name: str) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.count / elapsed
        where = f"{self.count}/{self.total}" if self.total else str(self.count)
        eta = ""
        if self.total and rate > 0:
            eta = f", ETA {_duration((self.total - self.count) / rate)}"
        return f"[{where}] {rate:.1f} docs/s{eta}" + (f": {name}" if name else "")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        if not self.quiet:
            elapsed = max(self.clock() - self.started, 1e-9)
            print(
                f"done: {self.count} documents in {_duration(elapsed)} "
                f"({self.count / elapsed:.1f} docs/s)",
                file=self.stream,
            )


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
