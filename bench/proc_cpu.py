"""CPU time per process group, read from /proc (utime + stime), and what the rest of the machine used meanwhile.

    meter = CpuMeter({"workers": [pid1, pid2], "web": [uvicorn_pid]}, with_children={"web"})
    before = meter.snapshot()
    ...
    split = meter.since(before)   # CpuSplit: seconds per group, wall seconds, machine busy seconds

CPU seconds are far less sensitive to other load on a shared machine than throughput: an event costs about the
same CPU whether the process waited for a core or not. Processes that exit between two snapshots lose what they
used since the first one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process (its threads included), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(b")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _parents() -> dict[int, int]:
    found: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        found[int(entry)] = int(stat[stat.rindex(b")") + 2:].split()[1])
    return found


def with_descendants(pids: Iterable[int]) -> list[int]:
    """The processes and every process under them (uvicorn --workers N serves from children)."""
    parents = _parents()
    result, todo = [], list(pids)
    while todo:
        pid = todo.pop()
        if pid in result:
            continue
        result.append(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return result


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine spent on anything but idle and iowait, since boot."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (values + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / TICKS


@dataclass
class CpuSplit:
    seconds: dict[str, float]
    wall: float
    machine: float  # all cores, every process on the machine

    @property
    def others(self) -> float:
        """CPU seconds used by processes outside the measured groups (other work on a shared machine)."""
        return max(0.0, self.machine - sum(self.seconds.values()))

    def per_event_ms(self, group: str, events: int) -> float:
        return self.seconds.get(group, 0.0) * 1000 / events if events else float("nan")

    def describe(self, events: int | None = None) -> str:
        """One line per group: CPU seconds, share of one core over the wall time, ms per event."""
        lines = []
        for name, used in [*self.seconds.items(), ("other processes", self.others)]:
            line = f"    {name:<16} {used:6.1f} s  ({used / self.wall * 100:4.0f}% of a core)"
            if events:
                line += f"  {used * 1000 / events:.3f} ms/event"
            lines.append(line)
        lines.append(f"    {'machine':<16} {self.machine:6.1f} s  ({self.machine / self.wall * 100:4.0f}% of "
                     f"{os.cpu_count()} cores) over {self.wall:.1f} s")
        return "\n".join(lines)


@dataclass
class CpuMeter:
    groups: Mapping[str, Iterable[int]]
    with_children: Iterable[str] = ()  # groups whose processes serve from children (uvicorn --workers N)
    _pids: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Look for children again (call after the processes started theirs)."""
        expand = set(self.with_children)
        self._pids = {name: with_descendants(pids) if name in expand else list(pids)
                      for name, pids in self.groups.items()}

    def snapshot(self) -> tuple[float, float, dict[str, dict[int, float]]]:
        return (time.monotonic(), machine_busy_seconds(),
                {name: {pid: cpu_seconds(pid) for pid in pids} for name, pids in self._pids.items()})

    def since(self, before: tuple[float, float, dict[str, dict[int, float]]]) -> CpuSplit:
        wall0, machine0, groups0 = before
        wall1, machine1, groups1 = self.snapshot()
        seconds = {name: sum(max(0.0, groups1[name].get(pid, 0.0) - used) for pid, used in groups0[name].items())
                   for name in groups0}
        return CpuSplit(seconds, wall1 - wall0, machine1 - machine0)
