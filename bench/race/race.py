#!/usr/bin/env python3
"""Races the CLI, the cmdlets and (optionally) the Python openstack-image-manager on one catalog of
24 versions (4 definitions x 6 versions, 1 MiB qcow2 each, converted to raw by Glance) against a
local cloud in its own network namespace (tests/cloud/netns.sh). Run it INSIDE the namespace:

    bash tests/cloud/netns.sh start oim-bench
    bash tests/cloud/netns.sh exec oim-bench python3 bench/race/race.py --label after \
        --tool cli=cli:PATH/openstack-image-manager.dll --tool cmdlets=cmdlets:PATH/OpenStackImageManager.psd1 \
        [--tool python=python:PATH/openstack-image-manager] [--repeat 3] [--curves 1,2,4,8]
    bash tests/cloud/netns.sh stop oim-bench

Every request goes through a counting proxy (proxy.py): Keystone on :15000, Glance on :19292 (the
bench cloud 'race' in its own clouds.yaml points there). Glance's import task ends come from
glance-api.log ("<task> of api_image_import completed", ms resolution); a task's image from the
"Got image data uri ... staging/<image>" line. Writes bench/results/race-<label>.md and .json."""
import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
WORK = "/var/tmp/oim-race"
STATE = os.environ.get("OIM_TESTCLOUD_STATE", "")
GLANCE_LOG = os.path.join(STATE, "log", "glance-api.log")
PROXY_LOG = os.path.join(WORK, "requests.log")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DEFINITIONS, VERSIONS, SIZE = 4, 6, 1 << 20


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def prepare():
    os.makedirs(os.path.join(WORK, "files"), exist_ok=True)
    os.makedirs(os.path.join(WORK, "images"), exist_ok=True)
    lines = ["images:"]
    for d in range(DEFINITIONS):
        lines += [f"  - name: Race {d}", "    enable: true", "    format: qcow2", "    login: race", "    min_disk: 1",
                  "    min_ram: 64", "    status: active", "    visibility: private", "    multi: false",
                  "    meta:", "      architecture: x86_64", "      hw_disk_bus: scsi", "      hw_scsi_model: virtio-scsi",
                  "      hypervisor_type: qemu", "      os_distro: cirros", "      os_purpose: generic",
                  "      replace_frequency: never", "      uuid_validity: none", "      provided_until: none",
                  "    tags: [race]", "    versions:"]
        for v in range(VERSIONS):
            name = f"race-{d}-{v}.qcow2"
            path = os.path.join(WORK, "files", name)
            if not os.path.exists(path):
                raw = path + ".raw"
                with open(raw, "wb") as f:
                    f.write(os.urandom(SIZE))
                sh("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw, path)
                os.remove(raw)
            digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
            lines += [f"      - version: '1.{v}'", f"        url: http://127.0.0.1:8000/{name}",
                      f"        checksum: \"sha256:{digest}\"", f"        build_date: 2026-01-{v + 10:02d}"]
    open(os.path.join(WORK, "images", "race.yml"), "w").write("\n".join(lines) + "\n")
    clouds = open(os.path.join(STATE, "clouds.yaml")).read()
    entry = """  race:
    auth_type: password
    auth:
      auth_url: http://127.0.0.1:15000/v3
      username: oim-u1
      password: u1-secret
      project_name: oim-p1
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
    image_endpoint_override: http://127.0.0.1:19292
"""
    open(os.path.join(WORK, "clouds.yaml"), "w").write(clouds.rstrip("\n") + "\n" + entry)


def token():
    body = json.dumps({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "oim-u1", "domain": {"name": "Default"}, "password": "u1-secret"}}},
        "scope": {"project": {"name": "oim-p1", "domain": {"name": "Default"}}}}}).encode()
    req = urllib.request.Request("http://127.0.0.1:5000/v3/auth/tokens", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return r.headers["X-Subject-Token"]


def clean():
    """Deletes every image of project oim-p1 of the bench cloud (directly on :9292, not counted), but
    the catalog lease's own images: a project the tool has run in keeps them (an operator never deletes
    them), and deleting them costs the next run one create per deleted epoch id it must step past."""
    tok = token()
    for hidden in ("false", "true"):
        req = urllib.request.Request(f"http://127.0.0.1:9292/v2/images?limit=1000&os_hidden={hidden}", headers={"X-Auth-Token": tok})
        images = json.load(urllib.request.urlopen(req))["images"]
        for image in images:
            if image.get("protected") or any(t.startswith("oim_lease:") for t in image.get("tags", [])):
                continue
            d = urllib.request.Request(f"http://127.0.0.1:9292/v2/images/{image['id']}", method="DELETE", headers={"X-Auth-Token": tok})
            try:
                urllib.request.urlopen(d).read()
            except Exception:
                pass


def start_helpers():
    procs = [subprocess.Popen([sys.executable, "-m", "http.server", "8000", "--bind", "127.0.0.1", "-d", os.path.join(WORK, "files")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    for service, listen, target in (("keystone", 15000, 5000), ("glance", 19292, 9292)):
        procs.append(subprocess.Popen([sys.executable, os.path.join(HERE, "proxy.py"), service, str(listen), str(target), PROXY_LOG]))
    time.sleep(1.0)
    return procs


def size(path):
    return os.path.getsize(path) if os.path.exists(path) else 0


def read_from(path, offset):
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace").splitlines()


def run(label, cmd, env):
    """One timed run: wall, peak RSS (KiB, the whole process tree's largest), requests, Glance's task log."""
    p_off, g_off = size(PROXY_LOG), size(GLANCE_LOG)
    start = time.time()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out, _ = proc.communicate()
    wall = time.time() - start
    time.sleep(0.3)
    requests = [l.split(" ", 5) for l in read_from(PROXY_LOG, p_off)]
    glance = read_from(GLANCE_LOG, g_off)
    # The cmdlets print "T0 <epoch ms>" once pwsh runs their command (before Import-Module): pwsh's own
    # start-up is the host's, not the module's.
    t0 = next((int(l.split()[1]) / 1000 for l in out.splitlines() if l.startswith("T0 ")), start)
    return {"label": label, "cmd": cmd, "rc": proc.returncode, "wall": wall, "start": start, "command_start": t0, "output": out[-3000:],
            "requests": requests, "glance_log": glance}


def peak_rss(cmd, env):
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=REPO, env=env, capture_output=True, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def shape(method, path):
    path = UUID.sub("{id}", path)
    q = path.find("?")
    if q >= 0:
        query = path[q + 1:]
        kind = "id=in" if "id=in" in query else "listing"
        path = path[:q] + "?" + kind
    return f"{method} {path}"


def log_time(line):
    # 2026-12-07 00:52:52.150 ...
    return datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=timezone.utc).timestamp()


def analyse(r):
    reqs = [(float(a), float(b), svc, m, p, int(s)) for a, b, svc, m, p, s in r["requests"]]
    kinds = {}
    for a, b, svc, m, p, s in reqs:
        k = f"{svc}: {shape(m, p)}"
        kinds[k] = kinds.get(k, 0) + 1
    # Glance's work on an import starts when its import request arrives (the 202 comes once the task
    # is created): busy spans run from the request to the task's end.
    imports = {UUID.search(p).group(0): a for a, b, svc, m, p, s in reqs if m == "POST" and p.endswith("/import")}
    task_image, task_end = {}, {}
    for line in r["glance_log"]:
        m = re.search(r"Task ([0-9a-f-]{36}): Got image data uri \S*/staging/([0-9a-f-]{36})", line)
        if m:
            task_image[m.group(1)] = m.group(2)
        m = re.search(r"\] ([0-9a-f-]{36}) of api_image_import completed", line)
        if m:
            task_end[m.group(1)] = log_time(line)
    ends = {task_image[t]: e for t, e in task_end.items() if t in task_image}
    gaps, intervals = [], []
    for image, end in ends.items():
        nxt = [a for a, b, svc, m, p, s in reqs if a >= end and image in p]
        if nxt:
            gaps.append(min(nxt) - end)
        if image in imports:
            intervals.append((imports[image], end))
    intervals.sort()
    union, cur = 0.0, None
    for a, b in intervals:
        if cur is None or a > cur[1]:
            if cur:
                union += cur[1] - cur[0]
            cur = [a, b]
        else:
            cur[1] = max(cur[1], b)
    if cur:
        union += cur[1] - cur[0]
    # Where the wall time beyond Glance's busy time goes: before the first import request (process
    # start, token, plan, lease, first create and stage), Glance idle between the first import and the last
    # task end (our gaps and per-image work not overlapped with an import), after the last task end.
    lead = (intervals[0][0] - r["start"]) if intervals else None
    last_end = max((b for a, b in intervals), default=None)
    idle = (last_end - intervals[0][0] - union) if intervals else None
    tail = (r["start"] + r["wall"] - last_end) if intervals else None
    glance_reqs = sum(1 for x in reqs if x[2] == "glance")
    first = min((a for a, *_ in reqs), default=None)
    n = len(imports)
    return {
        "wall": r["wall"], "command_wall": r["start"] + r["wall"] - r["command_start"], "rc": r["rc"], "imported": n, "requests": len(reqs), "glance": glance_reqs,
        "keystone": len(reqs) - glance_reqs, "per_image": (glance_reqs / n) if n else None, "kinds": kinds,
        "first_request": (first - r["start"]) if first else None,
        "first_request_command": (first - r["command_start"]) if first else None,
        "gap_median": statistics.median(gaps) if gaps else None, "gap_max": max(gaps) if gaps else None,
        "glance_sum": sum(b - a for a, b in intervals), "glance_union": union, "lead": lead, "idle": idle, "tail": tail,
        "task_median": statistics.median([b - a for a, b in intervals]) if intervals else None,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", required=True, help="names the result files bench/results/race-LABEL.md/.json")
    ap.add_argument("--tool", action="append", required=True, metavar="NAME=KIND:PATH",
                    help="KIND cli (PATH: openstack-image-manager.dll, or the native openstack-image-manager), cmdlets (PATH: OpenStackImageManager.psd1) or "
                         "python (PATH: the Python openstack-image-manager, optional); repeat to race several, interleaved")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--curves", default="1,2,4,8", help="-ThrottleLimit values run once per cmdlets tool")
    ap.add_argument("--curves-tool", action="append", help="only these cmdlets tools get the curves (default: all)")
    args = ap.parse_args()
    if not STATE or "oim-testcloud-" not in STATE:
        sys.exit("run inside the bench namespace: tests/cloud/netns.sh exec NS python3 bench/race/race.py ...")
    prepare()
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=os.path.join(WORK, "clouds.yaml"), DOTNET_CLI_TELEMETRY_OPTOUT="1",
               DOTNET_NOLOGO="1", POWERSHELL_TELEMETRY_OPTOUT="1",
               # The catalog's files are served on loopback, which the tool refuses unless allowed.
               OIM_UPSTREAM_ALLOWED_HOSTS="127.0.0.1:8000")
    env.pop("OS_CLOUD", None)
    images = os.path.join(WORK, "images")
    tools, cmdlet_tools = {}, []
    for spec in args.tool:
        name, rest = spec.split("=", 1)
        kind, path = rest.split(":", 1)
        if kind == "cli":
            # The tool as built (openstack-image-manager.dll under dotnet) or as its native package installs it.
            tools[name] = (["dotnet", path] if path.endswith(".dll") else [path]) + ["--cloud", "race", "--images", images]
        elif kind == "cmdlets":
            tools[name] = ["dotnet", "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command",
                           f"'T0 ' + [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds(); Import-Module '{path}'; "
                           f"Get-ImageDefinition '{images}' | Sync-GlanceImage -Cloud race -Confirm:$false"]
            cmdlet_tools.append(name)
        elif kind == "python":
            tools[name] = [path, "--cloud", "race", "--images", images]
        else:
            sys.exit(f"unknown tool kind {kind}")
    helpers = start_helpers()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    rows = []
    try:
        for rep in range(args.repeat):
            for tool, cmd in tools.items():
                clean()
                init = analyse(run(f"{tool} initial", cmd, env))
                noop = analyse(run(f"{tool} no-op", cmd, env))
                rss = peak_rss(cmd, env)
                rows.append({"tool": tool, "rep": rep, "initial": init, "noop": noop, "noop_rss_kib": rss})
                print(f"{tool} #{rep}: initial {init['wall']:.1f} s rc {init['rc']} {init['glance']} Glance requests "
                      f"({init['per_image'] or 0:.1f}/image), gap {init['gap_median']}, Glance union {init['glance_union']:.1f} s; "
                      f"no-op {noop['wall']:.2f} s {noop['requests']} requests, first request after {noop['first_request']}", flush=True)
        curves = []
        for workers in [int(w) for w in args.curves.split(",") if w]:
            for name in [t for t in cmdlet_tools if not args.curves_tool or t in args.curves_tool]:
                clean()
                cmd = tools[name][:-1] + [tools[name][-1].replace("-Confirm:$false", f"-ThrottleLimit {workers} -Confirm:$false")]
                res = analyse(run(f"{name} x{workers}", cmd, env))
                curves.append({"tool": name, "workers": workers, **res})
                print(f"{name} workers {workers}: {res['wall']:.1f} s, Glance union {res['glance_union']:.1f} s sum {res['glance_sum']:.1f} s, "
                      f"task median {res['task_median']}", flush=True)
        clean()
    finally:
        for p in helpers:
            p.send_signal(signal.SIGTERM)
    write(args, rows, curves)


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, unit="", digits=2):
    return "–" if v is None else f"{v:.{digits}f}{unit}"


def write(args, rows, curves):
    os.makedirs(os.path.join(REPO, "bench", "results"), exist_ok=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
    cmdline = " ".join(sys.argv)
    # The namespace the cloud runs in (netns.sh names the state directory after it).
    ns = os.path.basename(STATE.rstrip("/")).replace("oim-testcloud-", "", 1)
    out = [f"# Race: 24-version initial sync and no-op ({args.label})", "",
           f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores ({cpu}), {platform.platform()}.",
           f"Command: `bash tests/cloud/netns.sh exec {ns} python3 {cmdline}`", "",
           f"Load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine shares its cores).", "",
           "Catalog: 4 definitions x 6 versions, 1 MiB random data each as qcow2, declared sha256, served on 127.0.0.1:8000;"
           f" Glance converts to raw. Local cloud in network namespace {ns} (tests/cloud/netns.sh), requests counted by"
           " bench/race/proxy.py. Medians over the repeats; the gap is Glance's task end (glance-api.log) to our next request"
           " naming the image. Glance busy = union of [import request sent, task completed] over the images; sum = their total.", "",
           "| tool | initial wall s | Glance busy s | wall ÷ busy | from command: wall s, ÷ busy | Glance sum s | Glance req | Glance req/image | Keystone req | gap median s | gap max s | no-op wall s | no-op from command s | no-op req | first request s: from process, from command | no-op peak RSS MiB |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    split = ["", "Initial sync, the wall time beyond Glance's busy time (medians): before the first import request"
             " (process start, token, plan, lease, first create and stage); Glance idle between the first import and the"
             " last task end; after the last task end (verification PATCH, lease release, exit).", "",
             "| tool | wall s | Glance busy s | before first import s | Glance idle between s | after last import s |", "|---|---:|---:|---:|---:|---:|"]
    for tool in dict.fromkeys(r["tool"] for r in rows):
        rs = [r for r in rows if r["tool"] == tool]
        i = lambda k: med([r["initial"][k] for r in rs])
        n = lambda k: med([r["noop"][k] for r in rs])
        ratio = med([r["initial"]["wall"] / r["initial"]["glance_union"] for r in rs if r["initial"]["glance_union"]])
        command_ratio = med([r["initial"]["command_wall"] / r["initial"]["glance_union"] for r in rs if r["initial"]["glance_union"]])
        out.append(f"| {tool} | {fmt(i('wall'))} | {fmt(i('glance_union'))} | {fmt(ratio)} | {fmt(i('command_wall'))}, {fmt(command_ratio)} | {fmt(i('glance_sum'))} | {fmt(i('glance'), digits=0)} | "
                   f"{fmt(i('per_image'), digits=1)} | {fmt(i('keystone'), digits=0)} | {fmt(i('gap_median'), digits=3)} | {fmt(i('gap_max'), digits=3)} | "
                   f"{fmt(n('wall'))} | {fmt(n('command_wall'))} | {fmt(n('requests'), digits=0)} | {fmt(n('first_request'), digits=3)}, {fmt(n('first_request_command'), digits=3)} | {fmt(med([r['noop_rss_kib'] / 1024 for r in rs]), digits=0)} |")
        split.append(f"| {tool} | {fmt(i('wall'))} | {fmt(i('glance_union'))} | {fmt(i('lead'))} | {fmt(i('idle'))} | {fmt(i('tail'))} |")
    out += split
    out += ["", "Requests by kind (initial sync, first repeat):", ""]
    for tool in dict.fromkeys(r["tool"] for r in rows):
        r = next(r for r in rows if r["tool"] == tool)
        out.append(f"- {tool}: " + ", ".join(f"{k} ×{v}" for k, v in sorted(r["initial"]["kinds"].items())))
        out.append(f"- {tool} no-op: " + ", ".join(f"{k} ×{v}" for k, v in sorted(r["noop"]["kinds"].items())))
    if curves:
        out += ["", "Workers (cmdlets, -ThrottleLimit N; one run each):", "",
                "| tool | workers | wall s | Glance busy s | Glance sum s | task median s | wall ÷ busy | Glance req/image | gap median s | before first import s | Glance idle between s | after last import s |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for c in curves:
            out.append(f"| {c['tool']} | {c['workers']} | {fmt(c['wall'])} | {fmt(c['glance_union'])} | {fmt(c['glance_sum'])} | {fmt(c['task_median'])} | "
                       f"{fmt(c['wall'] / c['glance_union'] if c['glance_union'] else None)} | {fmt(c['per_image'], digits=1)} | {fmt(c['gap_median'], digits=3)} | "
                       f"{fmt(c['lead'])} | {fmt(c['idle'])} | {fmt(c['tail'])} |")
    path = os.path.join(REPO, "bench", "results", f"race-{args.label}")
    open(path + ".md", "w").write("\n".join(out) + "\n")
    json.dump({"rows": rows, "curves": curves}, open(path + ".json", "w"), indent=1, default=str)
    print("\n".join(out))


if __name__ == "__main__":
    main()
