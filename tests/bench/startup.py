#!/usr/bin/env python3
"""Cold start to the first screen, and resident memory, of the kiosk against an empty Tauri 2 window.

Both are release builds of the same crates (`ipko-kiosk` and its `empty_window` example) started
alternately under one virtual X server. A run ends when the process says `startup-probe: first
screen` on standard error: for the kiosk, when the sign-in screen asks who is at the counter; for
the baseline, when its blank page has loaded. Memory is measured a few seconds later over the
process and every process it started (WebKit's web and network processes), as PSS (shared pages
split between the processes that share them, so nothing counts twice) and as the plain RSS sum.

    tests/bench/startup.py [RUNS] [--demo] [--compositing]     (default 7; needs Xvfb)

The kiosk runs as at a counter: enrolled with a central API (the reference server, started apart
and not measured) on a data folder made by a first, unmeasured start. With --demo it runs in demo
mode instead, with the reference server and its fictional dataset inside its own process (what a
newcomer runs; that server's memory is then counted). Figures are medians; the ratio is kiosk /
baseline.

The kiosk turns WebKitGTK's GL compositing off unless its settings turn it on (webkit_compositing);
both windows run the same way: without it by default, with it under --compositing (where there is no
GPU, as under Xvfb, Mesa's software GL then weighs on the web processes' memory).
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
PROBE = b"startup-probe: first screen"
SETTLE_S = 3.0


def build():
    subprocess.run(["cargo", "build", "--locked", "-q", "-p", "central-api", "-p", "kioskctl"], cwd=ROOT,
                   check=True)
    subprocess.run(
        ["cargo", "build", "--locked", "--release", "-q", "-p", "ipko-kiosk", "--bin", "ipko-kiosk",
         "--example", "empty_window"],
        cwd=ROOT, check=True)
    return (os.path.join(TARGET, "release", "ipko-kiosk"),
            os.path.join(TARGET, "release", "examples", "empty_window"))


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def memory_kib(pid):
    pss = rss = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            pass
    return pss, rss


def one_run(binary, env, timeout=60):
    start = time.monotonic()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        os.set_blocking(proc.stderr.fileno(), False)
        buf = b""
        while PROBE not in buf:
            if time.monotonic() - start > timeout:
                raise RuntimeError(f"{binary}: no first screen within {timeout} s:\n{buf.decode(errors='replace')}")
            if proc.poll() is not None:
                raise RuntimeError(f"{binary} exited ({proc.returncode}):\n{buf.decode(errors='replace')}")
            chunk = proc.stderr.read()
            if chunk:
                buf += chunk
            else:
                time.sleep(0.002)
        elapsed = time.monotonic() - start
        time.sleep(SETTLE_S)
        pss, rss = memory_kib(proc.pid)
        return elapsed, pss, rss
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        time.sleep(0.5)


def write_settings(env, lines):
    os.makedirs(env["KIOSK_DATA_DIR"], exist_ok=True)
    with open(os.path.join(env["KIOSK_DATA_DIR"], "kiosk.toml"), "a") as f:
        f.write("".join(line + "\n" for line in lines))


def start_central(work, env):
    """The reference server with its demo store, and this kiosk enrolled with it."""
    debug = os.path.join(TARGET, "debug")
    server = subprocess.Popen([os.path.join(debug, "central-api"), "--db", os.path.join(work, "central.sqlite3"),
                               "--listen", "127.0.0.1:0", "--demo-data"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    if not line.startswith("listening on "):
        raise RuntimeError(f"central-api did not start: {line!r}")
    url = line.split()[-1]
    subprocess.run([os.path.join(debug, "kioskctl"), "enroll", "--url", url, "--store", "DEMO-PRISHTINA",
                    "--secret", "demo-enrolment-secret"], env=env, check=True, stdout=subprocess.DEVNULL)
    write_settings(env, [f'central_url = "{url}"', "fullscreen = false"])
    return server


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    demo = "--demo" in sys.argv[1:]
    compositing = "--compositing" in sys.argv[1:]
    runs = int(args[0]) if args else 7
    kiosk, empty = build()
    work = tempfile.mkdtemp(prefix="kiosk-startup-")
    xvfb = None
    server = None
    env = dict(os.environ, KIOSK_DATA_DIR=os.path.join(work, "data"), IPKO_KIOSK_STARTUP_PROBE="1")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("WEBKIT_DISABLE_COMPOSITING_MODE", None)
    if compositing:
        write_settings(env, ["webkit_compositing = true"])
    else:
        env["WEBKIT_DISABLE_COMPOSITING_MODE"] = "1"  # what the kiosk sets itself; the baseline too
    if "DISPLAY" not in os.environ:
        display = ":97"
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)
        env["DISPLAY"] = display
    try:
        if not demo:
            server = start_central(work, env)
        one_run(kiosk, env)  # makes the data folder; not measured
        one_run(empty, env)
        figures = {"kiosk": [], "empty": []}
        for i in range(runs):
            for name, binary in (("kiosk", kiosk), ("empty", empty)) if i % 2 == 0 else (("empty", empty), ("kiosk", kiosk)):
                figures[name].append(one_run(binary, env))
        med = {k: [statistics.median(x[j] for x in v) for j in range(3)] for k, v in figures.items()}
        mode = "demo mode, server in-process" if demo else "enrolled, central API apart"
        mode += "; WebKit GL compositing on" if compositing else "; WebKit GL compositing off (the default)"
        print(f"kiosk {mode}; {runs} runs each, alternating; medians (memory {SETTLE_S:.0f} s after the first screen)")
        print(f"{'':24}{'kiosk':>12}{'empty window':>14}{'ratio':>8}")
        print(f"{'start to first screen':24}{med['kiosk'][0]*1000:>10.0f}ms{med['empty'][0]*1000:>12.0f}ms"
              f"{med['kiosk'][0]/med['empty'][0]:>7.2f}x")
        print(f"{'memory, PSS':24}{med['kiosk'][1]/1024:>10.1f}MB{med['empty'][1]/1024:>12.1f}MB"
              f"{med['kiosk'][1]/med['empty'][1]:>7.2f}x")
        print(f"{'memory, RSS sum':24}{med['kiosk'][2]/1024:>10.1f}MB{med['empty'][2]/1024:>12.1f}MB"
              f"{med['kiosk'][2]/med['empty'][2]:>7.2f}x")
        for name in ("kiosk", "empty"):
            print(f"{name} start times (ms): " + ", ".join(f"{x[0]*1000:.0f}" for x in figures[name]))
    finally:
        if server:
            server.terminate()
        if xvfb:
            xvfb.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
