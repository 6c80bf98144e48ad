#!/usr/bin/env python3
"""Time from process start to the first HTTP request, for the CLI and the module: a listener on
127.0.0.1 stands in for Keystone, notes when the first request arrives, answers 503 and the child is
stopped. Median of N runs per command. Needs nothing but the built tool (no cloud).

    python3 bench/race/startup.py --cli NAME=PATH/openstack-image-manager[.dll] --module NAME=PATH/OpenStackImageManager.psd1 [-n 7]

Both options repeat; runs of all commands are interleaved. Each child runs in a session of its own and
the whole session is killed after its first request."""
import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def drain(port_sock):
    """Drops connections left in the backlog by an earlier run (a retry of a killed client), so the next
    accept is the next run's own request."""
    port_sock.setblocking(False)
    try:
        while True:
            conn, _ = port_sock.accept()
            conn.close()
    except (BlockingIOError, InterruptedError):
        pass
    finally:
        port_sock.setblocking(True)


def first_request(cmd, env, port_sock, marked):
    drain(port_sock)
    start = time.time()
    # A session of its own: `dotnet tool run pwsh` starts pwsh as a child, and killing only the parent
    # left pwsh running (retrying its token request into the listener's backlog, where the next run's
    # accept found it). The whole group is killed below.
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE if marked else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    marks = []
    reader = None
    if marked:
        def read():
            for line in proc.stdout:
                if line.startswith("T0 "):
                    marks.append(int(line.split()[1]) / 1000)
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
    port_sock.settimeout(60)
    try:
        conn, _ = port_sock.accept()
        conn.recv(65536)
        accepted = time.time()
        seen = accepted - start
        conn.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        conn.close()
        if marked:
            # The command printed "T0 <epoch ms>" just before the step measured from: time from there.
            for _ in range(100):
                if marks:
                    break
                time.sleep(0.05)
            seen = accepted - marks[0] if marks else None
    except socket.timeout:
        seen = None
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
    if reader is not None:
        reader.join(timeout=5)
    return seen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", action="append", default=[], metavar="NAME=PATH")
    ap.add_argument("--module", action="append", default=[], metavar="NAME=PATH")
    ap.add_argument("-n", type=int, default=7)
    args = ap.parse_args()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    work = tempfile.mkdtemp(prefix="oim-startup-")
    open(os.path.join(work, "clouds.yaml"), "w").write(f"""clouds:
  probe:
    auth_type: password
    auth:
      auth_url: http://127.0.0.1:{port}/v3
      username: u
      password: p
      project_name: p
      user_domain_name: Default
      project_domain_name: Default
""")
    images = os.path.join(work, "images")
    os.makedirs(images)
    shutil.copy(os.path.join(REPO, "examples", "demo", "images", "demo.yml"), images)
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=os.path.join(work, "clouds.yaml"), DOTNET_CLI_TELEMETRY_OPTOUT="1",
               DOTNET_NOLOGO="1", POWERSHELL_TELEMETRY_OPTOUT="1", no_proxy="127.0.0.1", NO_PROXY="127.0.0.1")
    commands = {}
    for spec in args.cli:
        name, path = spec.split("=", 1)
        # A .dll runs under dotnet; anything else (the Native AOT build, an installed tool's command) as is.
        commands[name] = (["dotnet", path] if path.endswith(".dll") else [path]) + ["--cloud", "probe", "--images", images]
    for spec in args.module:
        name, path = spec.split("=", 1)
        # From pwsh's start, and from Import-Module in a warm pwsh (what a script pays per run).
        commands[name + " (pwsh start)"] = ["dotnet", "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command",
                                            f"Import-Module '{path}'; Connect-OpenStack -Cloud probe"]
        mark = "[Console]::Out.WriteLine('T0 ' + [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()); [Console]::Out.Flush()"
        commands[name + " (from Import-Module)"] = ["dotnet", "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command",
                                                   f"{mark}; Import-Module '{path}'; Connect-OpenStack -Cloud probe"]
        # And from the first cmdlet after an Import-Module that already ran (the module's engine is
        # loaded on first use, so this includes loading it).
        commands[name + " (from the first cmdlet)"] = ["dotnet", "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command",
                                                      f"Import-Module '{path}'; {mark}; Connect-OpenStack -Cloud probe"]
    results = {name: [] for name in commands}
    for _ in range(args.n):
        for name, cmd in commands.items():
            results[name].append(first_request(cmd, env, sock, "(from " in name))
    print("| command | first request s (median) | min | max | runs |")
    print("|---|---:|---:|---:|---:|")
    for name, values in results.items():
        v = [x for x in values if x is not None]
        print(f"| {name} | {statistics.median(v):.3f} | {min(v):.3f} | {max(v):.3f} | {len(v)} |" if v else f"| {name} | – | | | 0 |")


if __name__ == "__main__":
    sys.exit(main())
