#!/usr/bin/env bash
# Measures build stages: runs each `make` target given, in order, and records its wall time
# and what cargo compiled in it, so a change to the build can be judged by numbers.
#
#   scripts/build-times.sh [-o report.md] TARGET...
#   scripts/build-times.sh -o times.md test-pallet build test-release
#
# Every stage's full output goes to build-times/<n>-<target>.log next to the report (or under
# $TMPDIR when no report is named). The report is a Markdown table: stage, wall time, exit
# code, how many crates cargo compiled and the workspace's own among them, and the five
# crates compiled last (on a warm tree these are what the stage actually rebuilt). It also
# notes the machine (cores, memory), the target directory and its size after the stages.
# Stops at the first failing stage (its row says so).
set -uo pipefail
cd "$(dirname "$0")/.."

report=""
if [[ ${1:-} == "-o" ]]; then
	report=$2
	shift 2
fi
if (($# == 0)); then
	echo "usage: $0 [-o report.md] TARGET..." >&2
	exit 2
fi
logs=${report:+$(dirname "$report")/build-times}
logs=${logs:-${TMPDIR:-/tmp}/build-times}
mkdir -p "$logs"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ewasm-parachain/target}"
workspace_crates="ewasm-primitives|pallet-ewasm|ewasm-runtime|ewasm-node|ewasm-cli|ewasm-relay"

minutes() { printf '%d min %02d s' $(($1 / 60)) $(($1 % 60)); }

rows=()
status=0
n=0
for target in "$@"; do
	n=$((n + 1))
	log="$logs/$n-$target.log"
	echo "build-times: [$n/$#] make $target (log: $log)" >&2
	start=$(date +%s)
	make "$target" >"$log" 2>&1
	status=$?
	seconds=$(($(date +%s) - start))
	compiled=$(grep -c '^ *Compiling ' "$log")
	own=$(grep -cE "^ *Compiling ($workspace_crates) " "$log")
	last=$(grep '^ *Compiling ' "$log" | tail -5 | awk '{print $2}' | paste -sd ' ')
	rows+=("| \`make $target\` | $(minutes "$seconds") | $status | $compiled ($own own) | ${last:--} |")
	echo "build-times: make $target: $(minutes "$seconds"), exit $status, $compiled crates compiled" >&2
	((status == 0)) || break
done

{
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB;"
	echo "target dir \`$CARGO_TARGET_DIR\` ($(du -sh "$CARGO_TARGET_DIR" 2>/dev/null | cut -f1) after)."
	echo
	echo "| stage | wall time | exit | crates compiled | last compiled |"
	echo "|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
} | if [[ -n $report ]]; then tee "$report"; else cat; fi
exit "$status"
