#!/usr/bin/env bash
# Ten rounds of: four clients writing feedback over HTTP, kill -9 of the whole preptrack process at a
# random moment, ./preptrack up again on the same home; prints the time to healthy and whether every
# acknowledged write is visible in a read without `after`. Loopback only; every loop is bounded.
# Run from anywhere: bash benchmarks/kill-restart.sh   (needs curl and bc)
# It kills every `dev.preptrack.ui.Main` on this machine: stop your own preptrack first.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PREPTRACK_HOME=$(mktemp -d /tmp/preptrack-kill.XXXX) PREPTRACK_PORT=${PREPTRACK_PORT:-7193}
acks=$PREPTRACK_HOME.acks; rm -rf $acks; mkdir -p $acks
start() { (./preptrack up > $PREPTRACK_HOME.up-$1.log 2>&1 &); }
healthy() { for i in $(seq 1 1200); do curl -s localhost:$PREPTRACK_PORT/health 2>/dev/null | grep -q '^{"status":"UP"' && return 0; sleep 0.1; done; return 1; }
load() { # $1 = client id; bounded: at most 2000 writes
  local T=$(cat $PREPTRACK_HOME/token)
  for n in $(seq 1 2000); do
    r=$(curl -s -m 5 -X POST localhost:$PREPTRACK_PORT/api/v1/candidates/c$1/feedback -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -H "Idempotency-Key: k$1-$RANDOM$RANDOM" -d '{"text":"numbers? what was the baseline","source":{"name":"anna","role":"coach"}}' -w ' %{http_code}')
    case "$r" in *" 201") echo "$r" | grep -o "\"eventId\":\"[^\"]*\"" >> $acks/c$1;; *) sleep 0.2;; esac
  done
}
start 0; healthy && for i in $(seq 1 50); do [ -f $PREPTRACK_HOME/token ] && break; sleep 0.1; done || { echo "first start failed"; exit 1; }
for round in $(seq 1 10); do
  for c in 1 2 3 4; do load $c & done
  sleep $((4 + RANDOM % 6))
  pkill -9 -f dev.preptrack.ui.Main; sleep 0.5; kill $(jobs -p) 2>/dev/null; wait 2>/dev/null
  t0=$(date +%s.%N); start $round
  if healthy; then t1=$(date +%s.%N); else echo "round $round: NOT healthy in 120 s"; tail -5 $PREPTRACK_HOME.up-$round.log; exit 1; fi
  T=$(cat $PREPTRACK_HOME/token); missing=0; total=0
  for c in 1 2 3 4; do
    [ -f $acks/c$c ] || continue
    seen=$(curl -s localhost:$PREPTRACK_PORT/api/v1/candidates/c$c/feedback -H "Authorization: Bearer $T" | grep -o '"feedbackId":"[^"]*"' | wc -l)
    acked=$(sort -u $acks/c$c | wc -l); total=$((total+acked)); [ $seen -lt $acked ] && missing=$((missing + acked - seen))
  done
  printf "round %2d: healthy after %.1f s; %d acknowledged so far, %d missing from the feedback read without after\n" $round $(echo "$t1 - $t0" | bc) $total $missing
done
pkill -f dev.preptrack.ui.Main
