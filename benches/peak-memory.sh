#!/usr/bin/env bash
# Peak memory (VmHWM) of the real app, in a private tmux server.
#
#   benches/peak-memory.sh [s|m|l|xl]   open a synthetic meeting of that size,
#                                       type 30 notes, page the log 40 times
#   benches/peak-memory.sh paste N      paste N lines into a small meeting and
#                                       wait until all are on disk (R17): the
#                                       time that took and the peak memory
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q --bin minutes
bin=$PWD/target/release/minutes
dir=$(mktemp -d)
sock=minutes-mem-$$
trap 'tmux -L $sock kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT

if [ "${1:-}" = paste ]; then
  n=${2:-100000}
  "$bin" generate --size s "$dir/m.ron" >/dev/null
  before=$("$bin" check "$dir/m.ron" | head -1 | sed -E 's/.* ([0-9]+) entries.*/\1/')
  { echo "/item Pasted"
    for ((i = 1; i < n; i++)); do echo "A note $i: the board discussed the figures."; done
  } >"$dir/lines.txt"
  tmux -L "$sock" new-session -d -x 120 -y 40 "$bin" "$dir/m.ron"
  sleep 1
  pid=$(tmux -L "$sock" list-panes -F '#{pane_pid}')
  tmux -L "$sock" load-buffer "$dir/lines.txt"
  start=$(date +%s%N)
  tmux -L "$sock" paste-buffer -p
  # Its /item line is shown before anything runs: Enter runs the paste.
  until tmux -L "$sock" capture-pane -p | grep -q 'not run yet'; do sleep 0.01; done
  tmux -L "$sock" send-keys Enter
  want=$((before + n - 1))
  until [ "$("$bin" check "$dir/m.ron" 2>/dev/null | head -1 | sed -E 's/.* ([0-9]+) entries.*/\1/')" = "$want" ]; do
    sleep 0.05
  done
  end=$(date +%s%N)
  echo "paste of $n lines applied and on disk: $(((end - start) / 1000000)) ms (includes tmux sending it)"
  grep -E 'VmHWM|VmRSS' "/proc/$pid/status"
  tmux -L "$sock" send-keys Escape
  exit 0
fi

size=${1:-xl}
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
