#!/usr/bin/env bash
# Fuzzes Berth's input parsers for longer than the build does (there: seconds each): every @FuzzTest class
# of common and registry-service, DURATION each (default 10m), one after the other, then a table of
# target, executions, crashes found and corpus size. Needs java and mvn.
#   bench/fuzz.sh                          # every target, 10 minutes each
#   DURATION=2m bench/fuzz.sh Digest Scope # some targets (class name without FuzzTest), 2 minutes each
#   MVN="flock /tmp/berth-mvn.lock mvn" bench/fuzz.sh   # how the build step is run (default: mvn)
# Each target works in <module>/target/fuzz-long/<Target>/: corpus/ (kept and grown from one run to the
# next, on top of the committed seeds), crashes/ (crash-*, timeout-*, oom-* inputs) and fuzz.log. A crash
# input becomes a regression seed when copied to src/test/resources/<package>/<Class>Inputs/<method>/.
set -uo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=${DURATION:-10m}
MVN=${MVN:-mvn}
modules=(common registry-service)

# Compile the tests and write each module's test classpath (reactor modules as their target/classes).
# shellcheck disable=SC2086
(cd "$home" && $MVN -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/fuzz-long/classpath.txt -pl "$(IFS=,; echo "${modules[*]}")" -am) || exit 1

targets=()
for module in "${modules[@]}"; do
  while IFS= read -r file; do
    class=${file#"$home/$module/src/test/java/"}; class=${class%.java}; class=${class//\//.}
    name=${class##*.}; name=${name%FuzzTest}
    if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qx "$name"; then targets+=("$module:$class"); fi
  done < <(find "$home/$module/src/test/java" -name '*FuzzTest.java' | sort)
done
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz target named: $*" >&2; exit 1; }
echo "fuzzing ${#targets[@]} target(s), $DURATION each" >&2

rows=()
for target in "${targets[@]}"; do
  module=${target%%:*}; class=${target#*:}; name=${class##*.}; name=${name%FuzzTest}
  work="$home/$module/target/fuzz-long/$name"
  mkdir -p "$work/corpus" "$work/crashes"
  cp="$home/$module/target/test-classes:$home/$module/target/classes:$(cat "$home/$module/target/fuzz-long/classpath.txt")"
  echo "== $name ($class)" >&2
  # Standalone Jazzer runs the class's @FuzzTest through JUnit: its seeds (<Class>Inputs/) are read from
  # the classpath, the corpus directory grows, findings are written under -artifact_prefix. keep_going lets
  # it go on after a finding (distinct ones only); @Timeout is the limit per input. Run from $work, so that
  # nothing is written into the source tree.
  (cd "$work" && java -Xmx512m -cp "$cp" com.code_intelligence.jazzer.Jazzer \
      --target_class="$class" --max_duration="$DURATION" --keep_going=50 --instrument='io.berth.**' \
      -print_final_stats=1 -artifact_prefix="$work/crashes/" "$work/corpus") > "$work/fuzz.log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/fuzz.log" | tail -1 | grep -o '[0-9]*$')
  [ -n "$runs" ] || runs=$(grep -o 'Done [0-9]* runs' "$work/fuzz.log" | tail -1 | grep -o '[0-9]\+')
  crashes=$(find "$work/crashes" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  corpus=$(find "$work/corpus" -type f | wc -l)
  rows+=("$name|${runs:-?}|$crashes|$corpus|$rc")
  [ "$crashes" -eq 0 ] || echo "   findings in $work/crashes (see $work/fuzz.log)" >&2
done

echo
printf '%-14s %14s %8s %8s %5s\n' target executions crashes corpus exit
for row in "${rows[@]}"; do
  IFS='|' read -r name runs crashes corpus rc <<< "$row"
  printf '%-14s %14s %8s %8s %5s\n' "$name" "$runs" "$crashes" "$corpus" "$rc"
done
