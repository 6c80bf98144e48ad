#!/usr/bin/env python3
"""Time from process start to the first HTTP request, for the CLI and the module: a listener on
127.0.0.1 stands in for Keystone, notes when the first request arrives, answers 503 and the child is
stopped. Median of N runs per command. Needs nothing but the built tool (no cloud).

    python3 bench/race/startup.py --cli PATH/openstack-image-manager.dll --module PATH/OpenStackImageManager.psd1 [-n 7]"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def first_request(cmd, env, port_sock, marked):
    start = time.time()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE if marked else subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    port_sock.settimeout(60)
    try:
        conn, _ = port_sock.accept()
        conn.recv(65536)
        accepted = time.time()
        seen = accepted - start
        if marked:
            # The command printed "T0 <epoch ms>" just before Import-Module: time from there.
            for line in proc.stdout:
                if line.startswith("T0 "):
                    seen = accepted - int(line.split()[1]) / 1000
                    break
        conn.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        conn.close()
    except socket.timeout:
        seen = None
    proc.kill()
    proc.wait()
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
        commands[name] = ["dotnet", path, "--cloud", "probe", "--images", images]
    for spec in args.module:
        name, path = spec.split("=", 1)
        # From pwsh's start, and from Import-Module in a warm pwsh (what a script pays per run).
        commands[name + " (pwsh start)"] = ["dotnet", "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command",
                                            f"Import-Module '{path}'; Connect-OpenStack -Cloud probe"]
        commands[name + " (from Import-Module)"] = ["dotnet", "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command",
                                                   f"[Console]::Out.WriteLine('T0 ' + [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()); [Console]::Out.Flush(); Import-Module '{path}'; Connect-OpenStack -Cloud probe"]
    results = {name: [] for name in commands}
    for _ in range(args.n):
        for name, cmd in commands.items():
            results[name].append(first_request(cmd, env, sock, "Import-Module)" in name))
    print("| command | first request s (median) | min | max | runs |")
    print("|---|---:|---:|---:|---:|")
    for name, values in results.items():
        v = [x for x in values if x is not None]
        print(f"| {name} | {statistics.median(v):.3f} | {min(v):.3f} | {max(v):.3f} | {len(v)} |" if v else f"| {name} | – | | | 0 |")


if __name__ == "__main__":
    sys.exit(main())
