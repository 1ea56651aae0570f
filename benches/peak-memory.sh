#!/usr/bin/env bash
# Peak memory (VmHWM) of the real app on a synthetic meeting: generate it,
# open it in a private tmux server, type 30 notes, scroll the log, read
# /proc/PID/status, quit. Usage: benches/peak-memory.sh [s|m|l|xl]
set -euo pipefail
size=${1:-xl}
cd "$(dirname "$0")/.."
cargo build --release -q --bin minutes
bin=$PWD/target/release/minutes
dir=$(mktemp -d)
sock=minutes-mem-$$
trap 'tmux -L $sock kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
"$bin" generate --size "$size" "$dir/m.ron" >/dev/null
tmux -L "$sock" new-session -d -x 120 -y 40 "$bin" "$dir/m.ron"
sleep 1
pid=$(tmux -L "$sock" list-panes -F '#{pane_pid}')
for i in $(seq 1 30); do
  tmux -L "$sock" send-keys -l "The board agreed that line $i is right"
  tmux -L "$sock" send-keys Enter
done
tmux -L "$sock" send-keys F4
for i in $(seq 1 40); do tmux -L "$sock" send-keys PageUp; done
sleep 1
grep -E 'VmHWM|VmRSS' "/proc/$pid/status"
tmux -L "$sock" send-keys Escape
