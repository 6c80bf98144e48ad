#!/usr/bin/env python3
"""Wall and CPU time of no-op runs of the CLI (everything already in sync: a token and two listings),
interleaved across commands, median of N. Run it where the cloud is, e.g. inside a namespace cloud:

    bash tests/cloud/netns.sh exec NS python3 bench/race/noop.py -n 9 --images DIR --tag TAG --files DIR \\
        before="dotnet OLD/openstack-image-manager.dll" after=~/.dotnet/tools/openstack-image-manager

--files is served on 127.0.0.1:8000 (the definitions' upstream; OIM_UPSTREAM_ALLOWED_HOSTS is set for
it). The first run of a new catalog imports its images; run once before measuring. A run that fails or
plans any change is reported and not counted."""
import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=9)
    ap.add_argument("--images", required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--files", required=True)
    ap.add_argument("--cloud", default="oim-p1")
    ap.add_argument("commands", nargs="+", metavar="NAME=COMMAND")
    args = ap.parse_args()
    specs = [c.split("=", 1) for c in args.commands]
    server = subprocess.Popen([sys.executable, "-m", "http.server", "8000", "--bind", "127.0.0.1", "-d", args.files],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    env = dict(os.environ, OIM_UPSTREAM_ALLOWED_HOSTS="127.0.0.1:8000", OS_CLOUD=args.cloud, DOTNET_NOLOGO="1")
    results = {name: [] for name, _ in specs}
    try:
        for _ in range(args.n):
            for name, command in specs:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                run = subprocess.run(shlex.split(command) + ["--images", args.images, "--tag", args.tag], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                if run.returncode != 0 or "0 to create, 0 to change, 0 to hide, 0 to delete" not in run.stderr:
                    print(f"{name}: failed or not a no-op (exit {run.returncode}): {run.stderr[-300:]}", file=sys.stderr)
                    continue
                results[name].append((wall, cpu))
    finally:
        server.kill()
    print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print("| command | wall s (median) | min | max | CPU s (median) | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, values in results.items():
        walls = [v[0] for v in values]
        cpus = [v[1] for v in values]
        if values:
            print(f"| {name} | {statistics.median(walls):.3f} | {min(walls):.3f} | {max(walls):.3f} | {statistics.median(cpus):.3f} | {len(values)} |")
        else:
            print(f"| {name} | – | | | | 0 |")


if __name__ == "__main__":
    sys.exit(main())
