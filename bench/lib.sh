# Sourced by the benchmarks (set BENCH first): a work directory and a database of their own, both removed on exit
# with the processes the script started (add them with pids+=($!)); KEEP=1 keeps the work directory. And helpers.
PG_USER=${BERTH_TEST_PG_USER:-postgres}
work=$(mktemp -d "/tmp/berth-$BENCH.XXXXXX")
pids=()
db="berth_${BENCH//-/_}_$$"

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
await_http() { for _ in $(seq 1 180); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not ready: $1" >&2; exit 1; }
