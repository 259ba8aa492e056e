// What `conformance --help` and `conformance <command> --help` print: the
// overview, and per command its synopsis, every option it accepts (the table
// in commands.ts; a test holds the two together), the settings that apply,
// what it prints, its exit codes and examples.
import type { CommandName } from './commands';

export const OVERVIEW = `Usage:
  conformance run [--profile FILE] [--output DIR] [--json] [-- playwright args]
      Run every scenario against the target of the profile (FILE, the environment's
      TARGET_* variables, or ./.env); with none, against the bundled reference target.
      Writes DIR/report.json, index.html, junit.xml, summary.md (DIR: conformance-report).
      Also --deviations FILE: a known-deviation file; a failure it lists (same status)
      is reported as a known deviation and does not fail the run.
  conformance merge BLOB_DIR [--output DIR]
      Join the blob reports of a sharded run (-- --shard=1/3 …) into one report.
  conformance sweep [--profile FILE] [--run-id ID[,ID…]] [--dry-run]
      Find and delete what conformance runs left on the target (names with the suite's
      prefix, of those runs or of any run); nothing without the prefix is touched.
  conformance verify REPORT_OR_FOLDER [--public-key FILE]
      Check a report as a reviewer: schema, every count and verdict recomputed from its
      scenarios, the scenario-set hash of this installed suite, completeness, index.html,
      and with --public-key its Ed25519 signature (run --sign-key FILE signs).
  conformance reference [--port P] [--http-port H] [--env-out FILE]
      Serve the reference target in the foreground; write a profile for it to FILE.
  conformance lint [files or folders…]
      Check scenario files (default: the bundled catalogue) without running them.
  conformance --version
      Print the suite's name and version.

Run \`conformance <command> --help\` (or \`conformance help <command>\`) for a command's
options, the settings it reads, what it prints and its exit codes.

Settings (every command):
  CONFORMANCE_ALLOW_STALE_BUILD=1   run from a checkout whose sources changed since \`npm run build\`
                                    (refused otherwise: exit 2, naming a changed file)

Exit codes: 0 the verdict is PASS or WARN (WARN is 1 with --strict), 1 FAIL (a must-level
scenario failed or errored) or a merge missing a shard, 2 bad usage, an unreadable profile,
invalid scenario files, an output folder the run cannot own or a stale build, 130/143 stopped
by SIGINT/SIGTERM.`;

const CATALOGUE_SETTINGS = `  CONFORMANCE_SCENARIOS             the catalogue (default: the bundled scenarios/)
  CONFORMANCE_CACHE_DIR             where parsed catalogues are kept between runs; "off" turns it off`;

export const HELP: Record<CommandName, string> = {
  run: `Usage: conformance run [options] [-- playwright args]

Runs every scenario of the catalogue against one target and writes the report. The target is
--profile FILE, else the environment's TARGET_* variables, else ./.env (one without any TARGET_*
variable is ignored); with none, the bundled reference target is started. Arguments after --
go to Playwright: --grep @4xx, --grep-invert @should, --shard=1/3, --list, --reporter=line.

Options:
  --profile FILE      the target profile (dotenv; docs/target-contract.md); TARGET_* variables win over it
  --env-file FILE     another name for --profile (not through npx on Node 20: Node takes it for itself)
  --output DIR        the output folder (default conformance-report): report.json, index.html, junit.xml,
                      summary.md; a run refuses a folder holding files it did not write
  --deviations FILE   a known-deviation file: a failure it lists, with that status, is a known deviation
  --sign-key FILE     sign report.json with this Ed25519 private key (PEM); \`conformance verify\` checks it
  --strict            a WARN verdict (known deviations, should-level failures) exits 1
  --json              print report.json on stdout and nothing else; what the run prints goes to stderr
                      (not with -- --list, which writes no report)

Settings (environment variables):
  TARGET_*                          the target profile, when no --profile is given
  CONFORMANCE_WORKERS               Playwright workers (default: 1; 2 when shared-limit stores are in the catalogue)
  CONFORMANCE_CONCURRENCY           requests in flight per worker, 1-64 (default 4)
  CONFORMANCE_TIMEOUT_MS            connect, headers and idle limit of a request (default 15000)
  CONFORMANCE_PREFLIGHT_TIMEOUT_MS  how long the pre-flight waits for each origin of the profile (default 2500)
${CATALOGUE_SETTINGS}
  CONFORMANCE_BLOB_DIR              where a shard (-- --shard=I/N) leaves its blob report (default blob-report)

Prints:
  "Target: …", the progress ("Running N scenarios on W worker(s)", then done/total), then the
  summary: a line per class (passed, failed, n/a, errored, verdict), the certification line, a line
  per scenario that failed or errored, what the run left on the target, and where the report is.
  Warnings and problems go to stderr. With --json, stdout is the report alone
  (schemas/report.schema.json) and everything else goes to stderr.

Exit codes:
  0         PASS or WARN: every applicable scenario of the run passed, or deviates as listed
  1         FAIL: a must-level scenario failed or errored; WARN with --strict; an interrupted run
  2         bad usage, an unreadable or invalid profile, an unreachable target, invalid scenario or
            known-deviation files, an output folder the run cannot own, or no scenario ran
  130, 143  stopped by SIGINT or SIGTERM (the report is marked interrupted)

Examples:
  conformance run --profile staging.env --output staging-report -- --grep @4xx
  conformance run --profile staging.env --json > report.json`,

  merge: `Usage: conformance merge BLOB_DIR [options]

Joins the blob reports of a sharded run into one report. Each shard (conformance run --
--shard=I/N) leaves its blob report in CONFORMANCE_BLOB_DIR; collect every shard's files into
BLOB_DIR first. The merged report must cover the whole catalogue.

Options:
  --output DIR        the output folder (default conformance-report)
  --sign-key FILE     sign the merged report.json with this Ed25519 private key (PEM)
  --strict            a WARN verdict (known deviations, should-level failures) exits 1

Settings (environment variables):
${CATALOGUE_SETTINGS}

Prints:
  The summary of the merged report, as \`conformance run\` does; on stderr, how many scenarios
  are in none of the blob reports when a shard is missing.

Exit codes:
  0         PASS or WARN, and the blob reports cover the whole catalogue
  1         FAIL, WARN with --strict, or a shard is missing
  2         bad usage, an unreadable signing key, an output folder it cannot own, or no scenario ran
  130, 143  stopped by SIGINT or SIGTERM

Examples:
  conformance merge all-blobs --output conformance-report`,

  sweep: `Usage: conformance sweep [options]

Finds what conformance runs left on the target and deletes it: every object on every store of the
profile whose data carries the suite's prefix, conformance-<run id>- (of the given runs, or of
any run). Nothing without the prefix is touched. The profile is --profile FILE, else the
environment's TARGET_* variables, else ./.env.

Options:
  --profile FILE      the target profile the runs used
  --env-file FILE     another name for --profile (not through npx on Node 20)
  --run-id ID[,ID…]   only these runs' objects (a report's leftovers and the run's warning name them)
  --dry-run           list what is found; delete nothing

Settings (environment variables):
  TARGET_*                          the target profile, when no --profile is given
  CONFORMANCE_TIMEOUT_MS            connect, headers and idle limit of a request (default 15000)

Prints:
  "Sweeping …", a line per object deleted (with --dry-run: found), then "N object(s) deleted;
  M left." (with --dry-run: "N object(s) found"). A store or family it cannot list goes to stderr.

Exit codes:
  0         nothing with the prefix is left (a second look finds nothing)
  1         something is left or could not be listed; with --dry-run, something was found
  2         bad usage, no profile, or an unreadable or invalid profile

Examples:
  conformance sweep --profile staging.env --run-id mwwsb8w0a2a3
  conformance sweep --profile staging.env --dry-run`,

  verify: `Usage: conformance verify REPORT_OR_FOLDER [options]

Checks a report as a reviewer: report.json against its schema, every count and verdict
recomputed from its scenarios, the scenario-set hash against this installed suite, that the run
was complete, for a folder that its index.html embeds the same report, and with --public-key
its signature.

Options:
  --public-key FILE   the signer's Ed25519 public key (PEM): check the report's signature

Settings (environment variables):
${CATALOGUE_SETTINGS}

Prints:
  "VERIFIED: <file>: <verdict>, complete, scenario set <sha256>" and whether the signature was
  checked; or "NOT VERIFIED: <file>" and a line per reason.

Exit codes:
  0         the report is genuine and complete
  1         it is not; every reason is listed
  2         bad usage, or the report or the key cannot be read

Examples:
  conformance verify vendor-report --public-key vendor-ed25519.pub.pem`,

  reference: `Usage: conformance reference [options]

Serves the bundled reference target (a conforming implementation, with its special stores) in
the foreground until SIGINT or SIGTERM: HTTPS with the suite's test CA, and a plain-HTTP port
that redirects (the 301 row).

Options:
  --port P            the HTTPS port (default 0: any free port)
  --http-port H       the plain-HTTP port (default 0: any free port)
  --env-out FILE      write a target profile for it to FILE (test-only credentials)

Settings: none.

Prints:
  "reference target listening on https://127.0.0.1:P/… (http: …)" and where the profile went;
  never a credential.

Exit codes:
  0         stopped by SIGINT or SIGTERM
  2         bad usage (a port outside 0-65535)

Examples:
  conformance reference --port 8443 --http-port 8080 --env-out reference.env`,

  lint: `Usage: conformance lint [files or folders…]

Checks scenario files without running them (YAML, the scenario format, templates, ids). With
no files it checks the catalogue a run would use and prints its scenario-set hash, the one every
report states: a reviewer compares it with a vendor's report.

Options: none.

Settings (environment variables):
${CATALOGUE_SETTINGS}

Prints:
  "N scenario file(s) OK", then "catalogue <folder>: N scenarios, scenario set sha256 <hash>".
  Each problem goes to stderr as file:line:column: message.

Exit codes:
  0         every file is valid
  2         a file has problems (each named with its file and line)

Examples:
  conformance lint
  conformance lint scenarios/4xx/404-missing-id.yaml`,
};

/** A usage error's reminder: the command's synopsis and where its help is. */
export function usageReminder(command: CommandName): string {
  return `${HELP[command].split('\n')[0]}\nRun \`conformance ${command} --help\` for its options.`;
}
