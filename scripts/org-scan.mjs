// Scanning many repositories with the CI system an organisation already runs (issue 16): the
// steps of the reusable workflow .github/workflows/keyguard-org.yml, and the GitLab child
// pipeline that does the same. Plain Node (no dependency), so a job runs it from a checkout of
// keyguard. docs/ci.md ("Many repositories") describes it; packages/cli/test/org-scan.test.ts
// runs it, with a local fake of the GitHub API.
//
//   node scripts/org-scan.mjs plan --repositories "acme/api acme/web@refs/heads/dev" [--max-parallel 8]
//   node scripts/org-scan.mjs plan --organization acme --topic payments [--shard 1 --shards 4]
//       the matrix, as JSON on stdout, or as `matrix`, `count`, `max-parallel` in --github-output FILE
//   node scripts/org-scan.mjs gitlab --repositories "group/api group/sub/web" [--max-parallel 8]
//       the child pipeline YAML for GitLab (trigger: include: artifact), on stdout or --output FILE
//   node scripts/org-scan.mjs upload-sarif --repository R --ref REF --sha SHA --sarif FILE
//       the SARIF to R's code scanning (POST /repos/R/code-scanning/sarifs), token in GITHUB_TOKEN
//   node scripts/org-scan.mjs result --repository R ... --output FILE    one repository's outcome
//   node scripts/org-scan.mjs summary --results DIR --plan JSON          one table for all of them
//
// Bad input: one line on stderr (`org-scan: …`), exit 2.
import { existsSync, readdirSync, readFileSync, realpathSync, appendFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** GitHub's limit on the jobs one matrix may make. */
export const MATRIX_LIMIT = 256;
/** Pages of 100 repositories read from the API at most (10,000 repositories): past it, shard by topic. */
const MAX_PAGES = 100;

class UsageError extends Error {}

// GitHub's rules for names: an owner is 1-39 letters, digits or hyphens; a repository 1-100
// letters, digits, `.`, `_`, `-` (not `.` or `..`). GitLab paths have groups and subgroups.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const GITLAB_PATH = /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/;
const TOPIC = /^[a-z0-9][a-z0-9-]{0,49}$/;
// What git accepts as a ref name, narrowed: no whitespace or control character, no `..` or
// `//`, none of `~^:?*[\`, not starting with `/` nor ending with `/` or `.`.
const isRef = (ref) =>
  ref.length > 0 &&
  ref.length <= 255 &&
  ![...ref].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f) &&
  !/[\s~^:?*[\\]|\.\.|\/\/|^\/|[/.]$/.test(ref);

/** Splits a list given as one string: commas, spaces or new lines between entries; `#` starts a comment line. */
function entriesOf(text) {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*#.*$/, ''))
    .join(' ')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** `owner/name` or `owner/name@ref` → { repository, ref }; a bad one is a UsageError naming it. */
function parseRepository(entry, { gitlab = false } = {}) {
  const at = entry.indexOf('@');
  const repository = at === -1 ? entry : entry.slice(0, at);
  const ref = at === -1 ? '' : entry.slice(at + 1);
  const [owner, name, ...rest] = repository.split('/');
  const valid = gitlab
    ? GITLAB_PATH.test(repository) && !repository.split('/').some((part) => part === '.' || part === '..')
    : rest.length === 0 && OWNER.test(owner ?? '') && NAME.test(name ?? '') && name !== '.' && name !== '..';
  if (!valid)
    throw new UsageError(
      `"${entry}" is not a repository (${gitlab ? 'group/project or group/subgroup/project' : 'owner/name'}, optionally @ref)`,
    );
  if (at !== -1 && !isRef(ref)) throw new UsageError(`"${entry}": "${ref}" is not a git ref`);
  return { repository, ref };
}

/** A whole number within [min, max], from a flag's text; `fallback` when the flag is absent or empty. */
function wholeNumber(text, flag, { min, max, fallback }) {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
  return value;
}

/**
 * The repositories of a GitHub organisation that carry `topic` (all of them without one),
 * not archived or disabled, each at its default branch. Reads `GET /orgs/{org}/repos` page by
 * page (following the Link header); `fetchImpl` is the one seam to the network, so tests answer
 * it with recorded pages. Errors are UsageErrors with GitHub's reason.
 */
export async function listOrganizationRepositories({
  organization,
  topic,
  token,
  apiUrl = 'https://api.github.com',
  fetchImpl = globalThis.fetch,
}) {
  const base = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  let url = new URL(`orgs/${encodeURIComponent(organization)}/repos?type=all&per_page=100&sort=full_name`, base);
  const found = [];
  for (let page = 1; url; page++) {
    if (page > MAX_PAGES)
      throw new UsageError(
        `${organization} has more than ${MAX_PAGES * 100} repositories: narrow it with a topic, or list the repositories`,
      );
    let response;
    try {
      response = await fetchImpl(url, {
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'keyguard-org-scan',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      });
    } catch (error) {
      throw new UsageError(`cannot reach ${base.origin} to list ${organization}'s repositories (${error.cause?.code ?? error.message})`);
    }
    if (!response.ok) throw new UsageError(apiErrorOf(response, await response.text(), `list ${organization}'s repositories`));
    const repositories = await response.json();
    if (!Array.isArray(repositories)) throw new UsageError(`GET ${url.pathname} did not answer a list of repositories`);
    for (const repository of repositories) {
      if (repository.archived || repository.disabled) continue;
      if (topic && !(repository.topics ?? []).includes(topic)) continue;
      found.push({ repository: repository.full_name, ref: repository.default_branch ? `refs/heads/${repository.default_branch}` : '' });
    }
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    // Only pages of the same API: a Link header naming another host is not followed.
    url = next && new URL(next).origin === base.origin ? new URL(next) : undefined;
  }
  return found;
}

/** One line from a GitHub API error: the status, GitHub's message, and what usually causes it. */
function apiErrorOf(response, body, what) {
  let message = '';
  try {
    message = JSON.parse(body).message ?? '';
  } catch {
    message = body.slice(0, 200);
  }
  const hint =
    response.status === 404
      ? ': not found, or the token cannot see it'
      : response.status === 401
        ? ': the token is missing or wrong'
        : response.status === 403 && response.headers.get('x-ratelimit-remaining') === '0'
          ? ': the API rate limit is used up; try later'
          : response.status === 403
            ? ': the token lacks the permission'
            : '';
  return `cannot ${what}: HTTP ${response.status}${message ? ` (${message.replace(/\s+/g, ' ').trim()})` : ''}${hint}`;
}

/**
 * The matrix of a run: from a list, or from an organisation and a topic; duplicates once,
 * in the order given (the API's: by name); a shard of it when `shards` > 1 (every shards-th,
 * so each shard has the same share). Refuses an empty plan and one over the matrix limit.
 */
export async function planRepositories(options, { env = process.env, fetchImpl = globalThis.fetch, gitlab = false } = {}) {
  const list = options.repositories ?? '';
  const organization = options.organization ?? '';
  const topic = options.topic ?? '';
  const maxParallel = wholeNumber(options['max-parallel'], '--max-parallel', { min: 1, max: MATRIX_LIMIT, fallback: 8 });
  const shards = wholeNumber(options.shards, '--shards', { min: 1, max: 1000, fallback: 1 });
  const shard = wholeNumber(options.shard, '--shard', { min: 1, max: shards, fallback: 1 });
  if (list.trim() && organization) throw new UsageError('give --repositories or --organization (with --topic), not both');
  if (topic && !organization) throw new UsageError('--topic goes with --organization');
  if (topic && !TOPIC.test(topic)) throw new UsageError(`"${topic}" is not a GitHub topic (lower-case letters, digits and hyphens)`);
  let entries;
  if (organization) {
    if (gitlab) throw new UsageError('gitlab plans take --repositories (group/project paths); --organization is for GitHub');
    if (!OWNER.test(organization)) throw new UsageError(`"${organization}" is not a GitHub organisation name`);
    entries = await listOrganizationRepositories({
      organization,
      topic,
      token: env.GITHUB_TOKEN,
      apiUrl: env.GITHUB_API_URL || undefined,
      fetchImpl,
    });
    if (entries.length === 0)
      throw new UsageError(
        `${organization} has no repository${topic ? ` with the topic "${topic}"` : ''} that the token can see (archived ones are left out)`,
      );
  } else {
    if (!list.trim()) throw new UsageError('nothing to scan: give --repositories "owner/a owner/b" or --organization ORG [--topic T]');
    entries = entriesOf(list).map((entry) => parseRepository(entry, { gitlab }));
  }
  const seen = new Set();
  const unique = entries.filter((entry) => {
    const key = `${entry.repository.toLowerCase()}@${entry.ref}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const picked = unique.filter((_, i) => i % shards === shard - 1);
  if (picked.length === 0)
    throw new UsageError(`shard ${shard} of ${shards} is empty: ${unique.length} repositories in all; use fewer shards`);
  if (picked.length > MATRIX_LIMIT) {
    const needed = Math.ceil(unique.length / MATRIX_LIMIT);
    throw new UsageError(
      `${picked.length} repositories${shards > 1 ? ` in shard ${shard} of ${shards}` : ''} is more than the ${MATRIX_LIMIT} jobs a matrix may have: split the run with --shards ${needed} (the workflow's shard and shards inputs)`,
    );
  }
  return {
    // owner and name too: an App token is minted for one repository by owner and name.
    include: picked.map((entry, index) => {
      const at = entry.repository.lastIndexOf('/');
      return {
        index,
        repository: entry.repository,
        ref: entry.ref,
        owner: entry.repository.slice(0, at),
        name: entry.repository.slice(at + 1),
      };
    }),
    maxParallel,
    total: unique.length,
  };
}

/** A YAML scalar: JSON's double-quoted string is valid YAML, and quotes what YAML would read otherwise. */
const yamlString = (text) => JSON.stringify(String(text));

/**
 * The GitLab child pipeline: one job per project, each cloning keyguard at `keyguardRef` and
 * the project with its whole history, scanning it with `--format jsonl`, keeping the report as
 * an artifact; at most `maxParallel` at once (each job takes one of that many resource groups,
 * and a resource group runs one job at a time); then a summary job over all of them.
 */
export function gitlabPipeline(plan, { keyguardRef = 'v0.1.0', keyguardRepository = 'https://github.com/keyguard/keyguard.git' } = {}) {
  const lines = [
    '# Generated by scripts/org-scan.mjs gitlab (keyguard); run by the parent pipeline with',
    '# trigger: include: - artifact: keyguard-child.yml. Do not edit: generate it again.',
    'stages: [scan, summary]',
    'default:',
    '  image: node:24-bookworm',
    'variables:',
    `  KEYGUARD_REF: ${yamlString(keyguardRef)}`,
    `  KEYGUARD_REPOSITORY: ${yamlString(keyguardRepository)}`,
    '  GIT_STRATEGY: none',
    '',
  ];
  for (const entry of plan.include) {
    lines.push(
      `${yamlString(`keyguard ${entry.repository}`)}:`,
      '  stage: scan',
      `  resource_group: ${yamlString(`keyguard-slot-${entry.index % plan.maxParallel}`)}`,
      '  variables:',
      `    KEYGUARD_PROJECT: ${yamlString(entry.repository)}`,
      `    KEYGUARD_PROJECT_REF: ${yamlString(entry.ref)}`,
      `    KEYGUARD_INDEX: ${yamlString(entry.index)}`,
      '  script:',
      `    - ${yamlString('git clone --quiet --depth 1 --branch "$KEYGUARD_REF" "$KEYGUARD_REPOSITORY" .keyguard')}`,
      // KEYGUARD_GITLAB_TOKEN (a group access token with read_repository) when the job token may not read the project.
      `    - ${yamlString('git clone --quiet "https://gitlab-ci-token:${KEYGUARD_GITLAB_TOKEN:-$CI_JOB_TOKEN}@${CI_SERVER_HOST}/${KEYGUARD_PROJECT}.git" target')}`,
      `    - ${yamlString('if [ -n "$KEYGUARD_PROJECT_REF" ]; then git -C target checkout --quiet "${KEYGUARD_PROJECT_REF#refs/heads/}"; fi')}`,
      `    - ${yamlString('mkdir -p keyguard-results && status=0 && (cd target && node ../.keyguard/bundle/keyguard.js scan --git --all --format jsonl --output "../keyguard-results/$KEYGUARD_INDEX.jsonl") || status=$?')}`,
      `    - ${yamlString('node .keyguard/scripts/org-scan.mjs result --repository "$KEYGUARD_PROJECT" --ref "$KEYGUARD_PROJECT_REF" --sha "$(git -C target rev-parse HEAD)" --jsonl "keyguard-results/$KEYGUARD_INDEX.jsonl" --exit-code "$status" --output "keyguard-results/$KEYGUARD_INDEX.json"')}`,
      `    - ${yamlString('exit "$status"')}`,
      '  artifacts:',
      '    when: always',
      '    expire_in: 1 week',
      '    paths: [keyguard-results/]',
      '',
    );
  }
  lines.push(
    'keyguard summary:',
    '  stage: summary',
    '  when: always',
    '  script:',
    `    - ${yamlString('git clone --quiet --depth 1 --branch "$KEYGUARD_REF" "$KEYGUARD_REPOSITORY" .keyguard')}`,
    `    - ${yamlString(`node .keyguard/scripts/org-scan.mjs summary --results keyguard-results --plan ${shellQuote(JSON.stringify({ include: plan.include }))} --output keyguard-summary.md`)}`,
    '  artifacts:',
    '    when: always',
    '    paths: [keyguard-summary.md]',
    '',
  );
  return lines.join('\n');
}

const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Uploads a SARIF file to `repository`'s code scanning at `ref`/`sha` (POST
 * /repos/{owner}/{repo}/code-scanning/sarifs: gzip, then base64). github/codeql-action's
 * upload-sarif uploads to the repository the workflow runs in, so another repository's goes
 * through the API. The token needs code scanning write access there (security_events).
 * The run gets the category `keyguard-org/`, apart from a repository's own keyguard workflow.
 */
export async function uploadSarif({
  repository,
  ref,
  sha,
  sarifText,
  token,
  apiUrl = 'https://api.github.com',
  fetchImpl = globalThis.fetch,
}) {
  const log = JSON.parse(sarifText);
  for (const run of log.runs ?? []) run.automationDetails = { id: 'keyguard-org/' };
  const base = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  const url = new URL(`repos/${repository}/code-scanning/sarifs`, base);
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: {
      accept: 'application/vnd.github+json',
      'content-type': 'application/json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'keyguard-org-scan',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({
      commit_sha: sha,
      ref,
      sarif: gzipSync(JSON.stringify(log)).toString('base64'),
      tool_name: 'keyguard',
    }),
  });
  const body = await response.text();
  if (!response.ok) throw new UsageError(apiErrorOf(response, body, `upload the SARIF to ${repository}'s code scanning`));
  return JSON.parse(body || '{}');
}

/** One repository's outcome, for the summary: what the matrix job (or GitLab job) saw. */
function resultOf(flags) {
  const { repository } = parseRepository(flags.repository ?? '', { gitlab: (flags.repository ?? '').split('/').length > 2 });
  const result = {
    repository,
    ref: flags.ref ?? '',
    sha: flags.sha ?? '',
    scan: flags.scan ?? '',
    upload: flags.upload ?? '',
    findings: flags.findings === undefined || flags.findings === '' ? null : Number(flags.findings),
  };
  if (flags.jsonl) {
    // GitLab: the scan's own summary line (the last line of a whole jsonl report).
    const lines = existsSync(flags.jsonl) ? readFileSync(flags.jsonl, 'utf8').trimEnd().split('\n') : [];
    let summary;
    try {
      summary = JSON.parse(lines[lines.length - 1] ?? '');
    } catch {
      summary = undefined;
    }
    if (summary?.type === 'summary') result.findings = summary.findings;
    const code = Number(flags['exit-code']);
    result.scan = summary?.type === 'summary' && code !== 2 ? 'success' : 'failure';
  }
  return result;
}

/** The table of all repositories' outcomes, worst first, and the totals; `failed` says whether the run should fail. */
export function summarize(results, plan) {
  const byName = new Map(results.map((result) => [result.repository.toLowerCase(), result]));
  const rows = (plan?.include ?? results).map(
    (entry) => byName.get(entry.repository.toLowerCase()) ?? { repository: entry.repository, ref: entry.ref ?? '', missing: true },
  );
  const stateOf = (row) =>
    row.missing ? 'no result' : row.scan !== 'success' ? `scan ${row.scan || 'failed'}` : row.findings > 0 ? 'findings' : 'clean';
  const rank = { 'no result': 0, findings: 2, clean: 3 };
  rows.sort(
    (a, b) =>
      (rank[stateOf(a)] ?? 1) - (rank[stateOf(b)] ?? 1) ||
      (b.findings ?? 0) - (a.findings ?? 0) ||
      a.repository.localeCompare(b.repository),
  );
  const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const findings = rows.reduce((sum, row) => sum + (row.findings ?? 0), 0);
  const withFindings = rows.filter((row) => stateOf(row) === 'findings').length;
  const broken = rows.filter((row) => stateOf(row) !== 'findings' && stateOf(row) !== 'clean').length;
  const lines = [
    '## keyguard: many repositories',
    '',
    `${rows.length} repositor${rows.length === 1 ? 'y' : 'ies'}: ${findings} finding${findings === 1 ? '' : 's'} in ${withFindings}, ${broken} not scanned.`,
    '',
    '| repository | result | findings | code scanning | commit |',
    '|---|---|---:|---|---|',
    ...rows.map(
      (row) =>
        `| ${cell(row.repository)}${row.ref ? ` (${cell(row.ref.replace(/^refs\/heads\//, ''))})` : ''} | ${cell(stateOf(row))} | ${row.findings ?? '—'} | ${cell(row.upload || '—')} | ${row.sha ? `\`${cell(row.sha.slice(0, 12))}\`` : '—'} |`,
    ),
    '',
  ];
  return { markdown: lines.join('\n'), findings, withFindings, broken, failed: findings > 0 || broken > 0 };
}

/** Reads every *.json result under `dir` (a missing folder: none, each then shows as "no result"). */
function readResults(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      try {
        return JSON.parse(readFileSync(join(dir, name), 'utf8'));
      } catch {
        throw new UsageError(`${join(dir, name)} is not a result file (not JSON)`);
      }
    });
}

/** `--name value` pairs; a flag without a value, or one the command does not take, is a UsageError. */
function parseFlags(argv, known) {
  const flags = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (!name.startsWith('--') || !known.includes(name.slice(2)))
      throw new UsageError(`unknown argument "${name}"; this command takes ${known.map((flag) => `--${flag}`).join(', ')}`);
    if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
    flags[name.slice(2)] = argv[i + 1];
  }
  return flags;
}

const PLAN_FLAGS = ['repositories', 'organization', 'topic', 'max-parallel', 'shard', 'shards'];
const COMMANDS = {
  async plan(argv, io) {
    const flags = parseFlags(argv, [...PLAN_FLAGS, 'github-output']);
    const plan = await planRepositories(flags, io);
    const matrix = JSON.stringify({ include: plan.include });
    if (flags['github-output']) {
      appendFileSync(flags['github-output'], `matrix=${matrix}\ncount=${plan.include.length}\nmax-parallel=${plan.maxParallel}\n`);
      io.stderr.write(`org-scan: ${plan.include.length} repositories to scan (of ${plan.total}), at most ${plan.maxParallel} at once\n`);
    } else
      io.stdout.write(
        `${JSON.stringify({ matrix: { include: plan.include }, count: plan.include.length, maxParallel: plan.maxParallel })}\n`,
      );
    return 0;
  },
  async gitlab(argv, io) {
    const flags = parseFlags(argv, [...PLAN_FLAGS, 'keyguard-ref', 'output']);
    const plan = await planRepositories(flags, { ...io, gitlab: true });
    const yaml = gitlabPipeline(plan, flags['keyguard-ref'] ? { keyguardRef: flags['keyguard-ref'] } : {});
    if (flags.output) writeFileSync(flags.output, yaml);
    else io.stdout.write(yaml);
    return 0;
  },
  async 'upload-sarif'(argv, io) {
    const flags = parseFlags(argv, ['repository', 'ref', 'sha', 'sarif']);
    const { repository } = parseRepository(flags.repository ?? '');
    if (!isRef(flags.ref ?? '') || !flags.ref.startsWith('refs/'))
      throw new UsageError(`--ref must be a full ref such as refs/heads/main (got "${flags.ref ?? ''}")`);
    if (!/^[0-9a-f]{40}$/.test(flags.sha ?? '')) throw new UsageError(`--sha must be a 40-hex commit id (got "${flags.sha ?? ''}")`);
    if (!flags.sarif || !existsSync(flags.sarif)) throw new UsageError(`--sarif: no such file "${flags.sarif ?? ''}"`);
    if (!io.env.GITHUB_TOKEN)
      throw new UsageError('GITHUB_TOKEN is not set: the token that may write code scanning alerts of the repository');
    const answer = await uploadSarif({
      repository,
      ref: flags.ref,
      sha: flags.sha,
      sarifText: readFileSync(flags.sarif, 'utf8'),
      token: io.env.GITHUB_TOKEN,
      apiUrl: io.env.GITHUB_API_URL || undefined,
      fetchImpl: io.fetchImpl,
    });
    io.stderr.write(
      `org-scan: SARIF uploaded to ${repository} at ${flags.ref} (${flags.sha.slice(0, 12)})${answer.id ? `, id ${answer.id}` : ''}\n`,
    );
    return 0;
  },
  async result(argv) {
    const flags = parseFlags(argv, ['repository', 'ref', 'sha', 'scan', 'upload', 'findings', 'jsonl', 'exit-code', 'output']);
    if (!flags.output) throw new UsageError('--output FILE is needed');
    mkdirSync(dirname(flags.output), { recursive: true });
    writeFileSync(flags.output, `${JSON.stringify(resultOf(flags))}\n`);
    return 0;
  },
  async summary(argv, io) {
    const flags = parseFlags(argv, ['results', 'plan', 'output', 'github-output', 'fail-on-findings']);
    let plan;
    if (flags.plan) {
      try {
        plan = JSON.parse(flags.plan);
      } catch {
        throw new UsageError('--plan must be the plan\'s matrix JSON ({"include": [...]})');
      }
      if (!Array.isArray(plan?.include)) throw new UsageError('--plan must be the plan\'s matrix JSON ({"include": [...]})');
    }
    const summary = summarize(readResults(flags.results ?? 'results'), plan);
    const target = flags.output ?? io.env.GITHUB_STEP_SUMMARY;
    if (target) appendFileSync(target, summary.markdown);
    else io.stdout.write(summary.markdown);
    if (flags['github-output'])
      appendFileSync(
        flags['github-output'],
        `findings=${summary.findings}\nrepositories-with-findings=${summary.withFindings}\nnot-scanned=${summary.broken}\n`,
      );
    io.stderr.write(`org-scan: ${summary.findings} findings in ${summary.withFindings} repositories, ${summary.broken} not scanned\n`);
    return flags['fail-on-findings'] === 'false' ? 0 : summary.failed ? 1 : 0;
  },
};

/** Runs one command; returns the exit status (2 with one line on stderr for bad input). */
export async function main(argv, io = { stdout: process.stdout, stderr: process.stderr, env: process.env }) {
  const [command, ...rest] = argv;
  try {
    if (!Object.hasOwn(COMMANDS, command ?? ''))
      throw new UsageError(`unknown command "${command ?? ''}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return await COMMANDS[command](rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`org-scan: ${error.message.split('\n')[0]}\n`);
    return 2;
  }
}

// Run as a command (also through a symlinked checkout: compare real paths), not when imported.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`org-scan: internal error: ${String(error?.message ?? error).split('\n')[0]}\n`);
      process.exitCode = 2;
    },
  );
}
