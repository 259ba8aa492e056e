#!/usr/bin/env bash
# The one CI entry point: action.yml and docs/ci/github-actions.yml both call
# this script, and tests/ci-kit.spec.ts runs it as they do (docs/ci.md).
#
#   run-conformance.sh [run]   lint the catalogue, then run it (or one shard) against the target
#   run-conformance.sh merge   join the blob reports in CONFORMANCE_BLOB_DIR into one report
#   run-conformance.sh lint    check the scenario files only
#
# Inputs (environment; all optional):
#   CONFORMANCE_MODE       the mode when no argument gives it (run, merge, lint)
#   CONFORMANCE_ENV_FILE   path of a target profile (dotenv)
#   CONFORMANCE_PROFILE    a profile's content (a secret): written to a 0600 file under
#                          RUNNER_TEMP, removed on exit; never printed
#   CONFORMANCE_REFERENCE  1: no profile, run against the bundled reference target (a demo)
#   CONFORMANCE_OUTPUT     the report folder (default conformance-report)
#   CONFORMANCE_SHARD      N/M: run shard N of M; its blob report goes to CONFORMANCE_BLOB_DIR
#   CONFORMANCE_BLOB_DIR   a shard's blob folder, or the folder `merge` reads (default blob-report)
#   CONFORMANCE_ARGS       more arguments for `conformance run|merge|lint`, split on whitespace;
#                          Playwright's after `--`, e.g. `--deviations d.yaml -- --grep @4xx`
# Outputs: verdict (PASS, WARN, FAIL, PARTIAL, N/A; ERROR when no report was written),
# exit-code, report-dir, blob-dir (a shard) to $GITHUB_OUTPUT; summary.md to
# $GITHUB_STEP_SUMMARY (not a shard's: the merge's is the whole run's). Exits with the command's code: 0 pass, 1 fail, 2 bad input,
# 130/143 stopped by SIGINT/SIGTERM.
set -euo pipefail

root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="$root/dist/src/cli.js"
mode="${1:-${CONFORMANCE_MODE:-run}}"
out="${CONFORMANCE_OUTPUT:-conformance-report}"
blob_dir="${CONFORMANCE_BLOB_DIR:-blob-report}"
profile_file=""

say() { printf 'conformance-ci: %s\n' "$*" >&2; }

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [[ -n "$profile_file" ]]; then rm -f -- "$profile_file"; fi
}
trap cleanup EXIT

# Outputs first and always: a later step (upload, reporter) reads them also when this one fails.
set_output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi
}

# Bad input before anything ran: no report, verdict ERROR, exit 2.
bad_input() {
  say "$*"
  set_output verdict ERROR
  set_output exit-code 2
  exit 2
}

checksum() { if [[ -f "$1" ]]; then cksum <"$1"; fi; }

verdict_of() {
  node -e '
    const v = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).verdict;
    const shown = { pass: "PASS", warn: "WARN", fail: "FAIL", partial: "PARTIAL", notApplicable: "N/A" };
    process.stdout.write(shown[v] ?? "ERROR");
  ' "$1"
}

# Runs the command in the background so that a SIGINT or SIGTERM sent to this
# script alone (a cancelled job) reaches it: the run then stops gracefully,
# cleans up on the target and still writes its report (exit 130/143).
child=""
# shellcheck disable=SC2317 # called by the INT and TERM traps
forward() { if [[ -n "$child" ]]; then kill "-$1" "$child" 2>/dev/null || true; fi; }
run_forwarding() {
  "$@" &
  child=$!
  trap 'forward INT' INT
  trap 'forward TERM' TERM
  local rc again
  while :; do
    rc=0
    wait "$child" || rc=$?
    # A trapped signal ends `wait` early (status > 128) while the command still runs.
    if ((rc > 128)) && kill -0 "$child" 2>/dev/null; then continue; fi
    break
  done
  if ((rc > 128)); then
    # Ended just as the signal came: its own status is still to collect (127: already collected).
    again=0
    wait "$child" 2>/dev/null || again=$?
    if ((again != 127)); then rc=$again; fi
  fi
  trap - INT TERM
  return "$rc"
}

# After the command: verdict from the report it wrote (never an earlier run's), summary, outputs.
publish() {
  local rc="$1" before="$2" verdict="ERROR" where="no report written" report="$out/report.json"
  if [[ -f "$report" && "$(checksum "$report")" != "$before" ]]; then
    where="report in $out"
    verdict="$(verdict_of "$report")"
    if [[ -n "${GITHUB_STEP_SUMMARY:-}" && -f "$out/summary.md" && -z "${CONFORMANCE_SHARD:-}" ]]; then
      cat -- "$out/summary.md" >>"$GITHUB_STEP_SUMMARY"
    fi
    set_output report-dir "$(cd -- "$out" && pwd)"
  fi
  set_output verdict "$verdict"
  set_output exit-code "$rc"
  say "verdict $verdict, exit code $rc, $where"
}

if [[ ! -f "$cli" ]]; then
  bad_input "$cli is missing: run \`npm ci\` in $root first (it builds dist/)"
fi

extra=()
if [[ -n "${CONFORMANCE_ARGS:-}" ]]; then read -r -a extra <<<"$CONFORMANCE_ARGS"; fi

case "$mode" in
  lint)
    rc=0
    node -- "$cli" lint "${extra[@]}" || rc=$?
    set_output exit-code "$rc"
    exit "$rc"
    ;;
  merge)
    [[ -d "$blob_dir" ]] || bad_input "CONFORMANCE_BLOB_DIR=$blob_dir is not a folder: collect every shard's blob report into it"
    before="$(checksum "$out/report.json")"
    rc=0
    run_forwarding node -- "$cli" merge "$blob_dir" --output "$out" "${extra[@]}" || rc=$?
    publish "$rc" "$before"
    exit "$rc"
    ;;
  run) ;;
  *) bad_input "unknown mode \"$mode\": run, merge or lint" ;;
esac

# A ./.env counts as the profile, as for the CLI, only when it names a TARGET_* variable.
env_names_target() { [[ -f .env ]] && grep -Eq '^[[:space:]]*(export[[:space:]]+)?TARGET_[[:alnum:]_]' .env; }

# Where the target comes from. An empty secret (say, a pull request from a
# fork, which gets no secrets) must not quietly become a green run against the
# reference target: that takes CONFORMANCE_REFERENCE=1.
profile_args=()
if [[ -n "${CONFORMANCE_PROFILE:-}" && -n "${CONFORMANCE_ENV_FILE:-}" ]]; then
  bad_input "give CONFORMANCE_PROFILE (the profile's content) or CONFORMANCE_ENV_FILE (its path), not both"
fi
if [[ "${CONFORMANCE_REFERENCE:-}" == 1 && -n "${CONFORMANCE_PROFILE:-}${CONFORMANCE_ENV_FILE:-}" ]]; then
  bad_input "CONFORMANCE_REFERENCE=1 runs against the bundled reference target: give no profile with it"
fi
if [[ -n "${CONFORMANCE_PROFILE:-}" ]]; then
  profile_file="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/conformance-profile.XXXXXX")"
  chmod 600 "$profile_file"
  printf '%s\n' "$CONFORMANCE_PROFILE" >"$profile_file"
  unset CONFORMANCE_PROFILE # the content stays in the file; the run's processes need not carry it
  profile_args=(--profile "$profile_file")
elif [[ -n "${CONFORMANCE_ENV_FILE:-}" ]]; then
  profile_args=(--profile "$CONFORMANCE_ENV_FILE")
elif [[ "${CONFORMANCE_REFERENCE:-}" != 1 && -z "${TARGET_BASE_URL:-}" ]] && ! env_names_target; then
  bad_input "no target: set CONFORMANCE_PROFILE (a secret holding the profile; empty when the workflow gets no secrets, as for a pull request from a fork), CONFORMANCE_ENV_FILE or TARGET_BASE_URL, or CONFORMANCE_REFERENCE=1 for the bundled reference target"
fi

playwright_args=()
if [[ -n "${CONFORMANCE_SHARD:-}" ]]; then
  if [[ ! "$CONFORMANCE_SHARD" =~ ^([1-9][0-9]*)/([1-9][0-9]*)$ ]] || ((BASH_REMATCH[1] > BASH_REMATCH[2])); then
    bad_input "CONFORMANCE_SHARD=$CONFORMANCE_SHARD: write N/M with 1 <= N <= M, e.g. 1/3"
  fi
  export CONFORMANCE_BLOB_DIR="$blob_dir"
  mkdir -p -- "$blob_dir"
  set_output blob-dir "$(cd -- "$blob_dir" && pwd)"
  [[ " ${extra[*]} " == *" -- "* ]] || playwright_args=(--)
  playwright_args+=("--shard=$CONFORMANCE_SHARD")
fi

rc=0
node -- "$cli" lint || rc=$?
if ((rc != 0)); then
  set_output verdict ERROR
  set_output exit-code "$rc"
  exit "$rc"
fi

before="$(checksum "$out/report.json")"
rc=0
run_forwarding node -- "$cli" run "${profile_args[@]}" --output "$out" "${extra[@]}" "${playwright_args[@]}" || rc=$?
if ((rc == 2)) && [[ -n "$profile_file" ]]; then
  say "the profile named above is CONFORMANCE_PROFILE's content in a temporary file: its line numbers are the secret's"
fi
publish "$rc" "$before"
exit "$rc"
