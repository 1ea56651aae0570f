#!/usr/bin/env python3
"""Opening a meeting side by side with vim (issue 9's A/B).

Each run starts the program in a fresh pseudo-terminal of 120x40 and
times, from just before the fork to the moment its output first holds a
marker, how long it takes to show the meeting:

- minutes FILE.ron: the status bar's "present" count, which is the last
  row of the first frame, written in the same flush as the log that ends
  with the current item's last entry;
- vim -u NONE -N + FILE.md (the same meeting's Markdown, at its last
  line): the last line's own words.

Runs alternate A, B, A, B ... so that load on the machine falls on both.
Prints the medians and A/B. A timing, so never a test: run it by hand.

    benches/ab-open.py [--size l] [--runs 15]
"""

import argparse
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import fcntl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MINUTES = os.path.join(ROOT, "target", "release", "minutes")
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]")


def time_to_marker(argv, marker, timeout=10.0):
    """Seconds from fork to `marker` in the program's screen output."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    elapsed = None
    deadline = start + timeout
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        # Cursor moves split words on screen; compare without them.
        if marker in ESCAPES.sub(b"", seen[-65536:]):
            elapsed = time.perf_counter() - start
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        sys.exit(f"{argv[0]} never showed {marker!r}")
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="l")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        ron = os.path.join(d, "meeting.ron")
        md = os.path.join(d, "meeting.md")
        subprocess.run([MINUTES, "generate", "--size", args.size, ron],
                       check=True, capture_output=True)
        subprocess.run([MINUTES, "export", ron, "-f", "md", "-o", md],
                       check=True, capture_output=True)
        with open(md, "rb") as f:
            last = [l for l in f.read().splitlines() if l.strip()][-1]
        # A few words from the last line, short enough to sit on one row.
        vim_marker = last.strip().strip(b"|").strip()[:20]
        a, b = [], []
        for _ in range(args.runs):
            a.append(time_to_marker([MINUTES, ron], b"present "))
            b.append(time_to_marker(["vim", "-u", "NONE", "-N", "-n", "+", md], vim_marker))
        ma, mb = statistics.median(a) * 1000, statistics.median(b) * 1000
        print(f"size {args.size}, {args.runs} runs each, 120x40 pseudo-terminal")
        print(f"minutes (RON, to the first frame): median {ma:.1f} ms "
              f"(min {min(a)*1000:.1f}, max {max(a)*1000:.1f})")
        print(f"vim (Markdown, at its last line):  median {mb:.1f} ms "
              f"(min {min(b)*1000:.1f}, max {max(b)*1000:.1f})")
        print(f"A/B {ma / mb:.2f}")


if __name__ == "__main__":
    main()
