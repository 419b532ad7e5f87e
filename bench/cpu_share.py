#!/usr/bin/env python3
"""Where the machine's CPU went during a benchmark phase, in cores, from /proc (clock ticks).

  cpu_share.py snap OUT API_PID...          the machine's busy and idle ticks, and each process's own, now
  cpu_share.py share BEFORE AFTER WRK_TICKS  cores used by group between two snaps (JSON on stdout)
  cpu_share.py settle NOT_BEFORE API_PID... waits until the service and PostgreSQL are quiet, and the clock (Unix
                                            seconds) has passed NOT_BEFORE; at most 3 minutes past it

Groups: the service's processes (the pids given), wrk (its ticks are passed in: it has exited by then, and its
parent read them from its own children's times), PostgreSQL and Redis (every process by that name), the kernel
and everything else (the machine's busy time not charged to those). A process that exits between the snaps loses its
ticks to "other"; the long-lived ones here do not.
"""
import json
import os
import sys
import tempfile
import time

TICKS = os.sysconf("SC_CLK_TCK")


def process_ticks(pid):
    """utime + stime of one process, and its name; None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    # The name is in parentheses and may hold spaces; the fields after it are fixed.
    name = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    return name, int(fields[11]) + int(fields[12])


def snap(out, api_pids):
    with open("/proc/stat") as f:
        cpu = [int(v) for v in f.readline().split()[1:]]
    idle = cpu[3] + cpu[4]  # idle + iowait
    groups = {"service": 0, "postgres": 0, "redis": 0}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        found = process_ticks(entry)
        if found is None:
            continue
        name, ticks = found
        if entry in api_pids:
            groups["service"] += ticks
        elif name == "postgres":
            groups["postgres"] += ticks
        elif name == "redis-server":
            groups["redis"] += ticks
    json.dump({"busy": sum(cpu[:8]) - idle, "idle": idle, "groups": groups}, open(out, "w"))


def share(before_path, after_path, wrk_ticks):
    before, after = json.load(open(before_path)), json.load(open(after_path))
    elapsed = (after["busy"] + after["idle"] - before["busy"] - before["idle"]) / os.cpu_count()
    if elapsed <= 0:
        return {}
    cores = lambda ticks: round(ticks / elapsed, 3)
    used = {g: after["groups"][g] - before["groups"].get(g, 0) for g in after["groups"]}
    used["wrk"] = wrk_ticks
    busy = after["busy"] - before["busy"]
    result = {g: cores(t) for g, t in used.items()}
    result["kernelAndOther"] = cores(max(0, busy - sum(used.values())))
    result["idle"] = cores(after["idle"] - before["idle"])
    return result


def settle(not_before, api_pids, quiet_cores=0.15, window_seconds=2, limit_seconds=180):
    """Waits until the service and PostgreSQL together use under quiet_cores over two windows in a row, not before
    not_before: what seeding and training leave behind (state written behind, autovacuum) must not be measured as
    part of a phase."""
    if not_before > time.time():
        print(f"bench: waiting {not_before - time.time():.0f} s for work that seeding left behind", file=sys.stderr)
        time.sleep(not_before - time.time())
    started, calm = time.monotonic(), 0
    with tempfile.TemporaryDirectory() as work:
        before = f"{work}/before"
        snap(before, api_pids)
        while time.monotonic() - started < limit_seconds:
            time.sleep(window_seconds)
            snap(f"{work}/after", api_pids)
            used = share(before, f"{work}/after", 0)
            busy = used.get("service", 0) + used.get("postgres", 0)
            calm = calm + 1 if busy < quiet_cores else 0
            if calm == 2:
                return time.monotonic() - started
            if calm == 0:
                print(f"bench: waiting for quiet (service {used.get('service', 0):.2f} cores, "
                      f"PostgreSQL {used.get('postgres', 0):.2f})", file=sys.stderr)
            os.replace(f"{work}/after", before)
    print(f"bench: still busy after {limit_seconds} s; measuring anyway", file=sys.stderr)
    return time.monotonic() - started


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "snap":
        snap(sys.argv[2], set(sys.argv[3:]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "settle":
        print(f"bench: quiet after {settle(float(sys.argv[2]), set(sys.argv[3:])):.0f} s more", file=sys.stderr)
    elif len(sys.argv) == 5 and sys.argv[1] == "share":
        print(json.dumps(share(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
    else:
        sys.exit(__doc__)
