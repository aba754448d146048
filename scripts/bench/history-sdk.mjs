// A real-shaped history for the history bench (issue 16): a generated SDK in the shape of the
// OpenAI SDKs' own repositories, where every file names the provider (so the byte prefilter
// passes nearly every blob, unlike the bench's plain history): a few hundred files, a few large
// generated resource modules (up to 200 KB), types modules full of quoted CamelCase names, tests
// with random-looking fixture ids, a CHANGELOG that grows with commit hashes, a `.stats.yml`
// whose spec hash changes; small edits, generator runs that touch dozens of files, renames,
// deletions, a long-lived `next` branch merged back now and then, a short-lived feature branch,
// and a few planted fake keys (one of them rotated on a line that names no provider).
//
// With `lockfile`, the JavaScript shape of the same SDK: a `yarn.lock` of about a megabyte
// (3,000 entries) that one commit in eight changes (a few entries bumped: version, resolved
// URL, integrity hash), as dependency updates do. Lock file versions are most of the bytes of a
// JavaScript project's history (74% of langchainjs's), and git's diffs of them most of the
// pipeline's time.
//
// Built with `git fast-import` from a seeded random source, cached in .bench/history-sdk while
// SDK_VERSION and the options match. Keys come from the repository's fake-key helper at run time.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedRepo } from './cached-repo.mjs';
import { fakeKey, fakeValue, makeRandom } from './fake-keys.mjs';

/** Bump when the generator changes, so a cached repository is rebuilt. */
const SDK_VERSION = 1;
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const NOUNS = ['Chat', 'Completion', 'Message', 'Response', 'Audio', 'Speech', 'Transcription', 'Embedding', 'File', 'Batch'];
const MORE = ['Tool', 'Choice', 'Param', 'Delta', 'Event', 'Item', 'Content', 'Mcp', 'Vector', 'Store', 'Chunking', 'Strategy'];
const VERBS = ['create', 'retrieve', 'update', 'list', 'delete', 'cancel', 'stream', 'parse'];

function typeName(random) {
  const parts = 2 + random.int(4);
  return Array.from({ length: parts }, (_, i) => random.pick(i % 2 ? MORE : NOUNS)).join('');
}
const snake = (name) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
const hex = (random, n) => Array.from({ length: n }, () => '0123456789abcdef'[random.int(16)]).join('');
const id = (random) =>
  Array.from({ length: 24 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[random.int(56)]).join('');

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64 = (random, n) => Array.from({ length: n }, () => B64[random.int(64)]).join('');

/** One `yarn.lock` entry for package number `n` at a random version. */
function lockEntry(random, n) {
  const name = `${random.pick(['@acme/', '', '', '@types/'])}${snake(typeName(random)).replace(/_/g, '-')}-${n}`;
  const version = `${random.int(12)}.${random.int(30)}.${random.int(40)}`;
  const base = name.split('/').pop();
  return [
    `"${name}@^${version}":`,
    `  version "${version}"`,
    `  resolved "https://registry.yarnpkg.com/${name}/-/${base}-${version}.tgz#${hex(random, 40)}"`,
    `  integrity sha512-${base64(random, 86)}==`,
    ...(random.chance(0.5) ? ['  dependencies:', `    ${snake(typeName(random)).replace(/_/g, '-')} "^${random.int(9)}.0.0"`] : []),
    '',
  ];
}

/** One line of generated SDK code, in the style of the file's kind. */
function sdkLine(random, kind) {
  const type = typeName(random);
  const roll = random.int(12);
  if (kind === 'types') {
    if (roll < 3) return `    ${snake(type)}: Optional[${type}] = None`;
    if (roll < 5) return `    type: Literal["${snake(type)}"]`;
    if (roll < 7) return `    """The ${snake(type).replace(/_/g, ' ')} of the ${random.pick(NOUNS).toLowerCase()}."""`;
    if (roll < 9) return `    "${type}",`;
    return `from .${snake(type)} import ${type} as ${type}`;
  }
  if (kind === 'tests') {
    if (roll < 3) return `        ${random.pick(VERBS)} = client.${snake(random.pick(NOUNS))}s.${random.pick(VERBS)}(`;
    if (roll < 6) return `            ${snake(random.pick(MORE))}_id="${snake(random.pick(NOUNS)).slice(0, 4)}-${id(random)}",`;
    if (roll < 8) return `        assert_matches_type(${type}, ${snake(type)}, path=["response"])`;
    return `    @parametrize\n    def test_method_${random.pick(VERBS)}_${snake(type)}(self, client: OpenAI) -> None:`;
  }
  if (roll < 3)
    return `    def ${random.pick(VERBS)}(self, *, ${snake(type)}: ${type} | NotGiven = NOT_GIVEN, extra_headers: Headers | None = None) -> ${type}:`;
  if (roll < 5) return `            f"/${snake(random.pick(NOUNS))}s/{${snake(type)}_id}",`;
  if (roll < 7) return `            cast_to=${type},`;
  if (roll < 9)
    return `        """Create a ${snake(type).replace(/_/g, ' ')}. See https://platform.openai.com/docs/api-reference/${snake(random.pick(NOUNS))}."""`;
  return `        return self._post(path, body=maybe_transform(body, ${snake(type)}_params.${type}Params), options=make_request_options())`;
}

function newFile(random, kind, lines) {
  const head =
    kind === 'tests'
      ? [
          'import os',
          'from openai import OpenAI, AsyncOpenAI',
          'api_key = "My API Key"',
          'base_url = os.environ.get("TEST_API_BASE_URL", "http://127.0.0.1:4010")',
        ]
      : ['from __future__ import annotations', 'from openai._models import BaseModel', `__all__ = ["${typeName(random)}"]`];
  return [...head, ...Array.from({ length: lines }, () => sdkLine(random, kind))];
}

/** Writes the fast-import stream; returns it with how many keys were planted. */
function generateSdkHistory({ commits, seed, lockfile = false }) {
  const random = makeRandom(seed);
  const chunks = [];
  const emit = (text) => chunks.push(text);
  const data = (text) => emit(`data ${Buffer.byteLength(text)}\n${text}\n`);
  let mark = 0;
  let time = 1_650_000_000;
  const tips = new Map();
  const header = (ref, message, parent, merge) => {
    mark++;
    time += 60 + random.int(5400);
    emit(
      `commit ${ref}\nmark :${mark}\nauthor Stainless Bot <bot@example.com> ${time} +0000\ncommitter Stainless Bot <bot@example.com> ${time} +0000\n`,
    );
    data(message);
    if (parent && tips.get(ref) !== parent) emit(`from :${parent}\n`);
    if (merge) emit(`merge :${merge}\n`);
    tips.set(ref, mark);
    return mark;
  };
  const write = (files, path, lines) => {
    files.set(path, lines);
    emit(`M 100644 inline ${path}\n`);
    data(`${lines.join('\n')}\n`);
  };

  // The first commit: resources (large), types (small, many), tests, docs.
  const files = new Map();
  let main = header('refs/heads/main', 'initial commit');
  for (let i = 0; i < 24; i++)
    write(
      files,
      `src/openai/resources/${snake(typeName(random))}_${i}.py`,
      newFile(random, 'resources', i < 2 ? 1500 : 100 + random.int(500)),
    );
  for (let i = 0; i < 260; i++)
    write(files, `src/openai/types/${snake(typeName(random))}_${i}.py`, newFile(random, 'types', 10 + random.int(80)));
  for (let i = 0; i < 40; i++)
    write(files, `tests/api_resources/test_${snake(typeName(random))}_${i}.py`, newFile(random, 'tests', 60 + random.int(400)));
  write(files, 'README.md', ['# OpenAI Python API library', '', 'client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))']);
  write(files, 'CHANGELOG.md', ['# Changelog', '']);
  write(files, '.stats.yml', ['configured_endpoints: 97', `openapi_spec_hash: ${hex(random, 32)}`]);
  // Its own random source, so the SDK's files are the same with the lock file or without it.
  const lockRandom = makeRandom(seed + 1);
  const lock = lockfile ? Array.from({ length: 3000 }, (_, n) => lockEntry(lockRandom, n)) : [];
  if (lockfile) write(files, 'yarn.lock', ['# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.', '', ...lock.flat()]);

  let planted = 0;
  const keyAt = new Map(Array.from({ length: 5 }, (_, i) => [Math.floor(((i + 1) * commits) / 7), i]));
  const edit = (state, path) => {
    const lines = [...state.get(path)];
    const kind = path.includes('/types/') ? 'types' : path.startsWith('tests/') ? 'tests' : 'resources';
    for (let e = 1 + random.int(6); e > 0; e--) {
      const at = random.int(lines.length + 1);
      if (random.chance(0.5) && lines.length > 10) lines.splice(at, 1, sdkLine(random, kind));
      else lines.splice(at, 0, sdkLine(random, kind));
    }
    return lines;
  };
  const pickCode = (state) => {
    const paths = [...state.keys()].filter((path) => path.endsWith('.py'));
    // Large resource modules are where most generator changes land.
    const resources = paths.filter((path) => path.includes('/resources/'));
    return random.chance(0.1) && resources.length > 0 ? random.pick(resources) : random.pick(paths);
  };
  const commitOn = (ref, parent, state, written) => {
    const codegen = random.chance(0.03);
    const at = header(ref, codegen ? 'feat(api): api update' : `chore: ${random.pick(VERBS)} ${random.pick(NOUNS).toLowerCase()}`, parent);
    const touched = codegen ? 10 + random.int(15) : 1 + random.int(3);
    for (let t = 0; t < touched; t++) {
      const roll = random.next();
      const path = pickCode(state);
      if (roll < 0.015) {
        const to = path.replace(/_(\d+)\.py$/, `_${written}_${t}.py`);
        state.set(to, state.get(path));
        state.delete(path);
        emit(`R ${path} ${to}\n`);
      } else if (roll < 0.02 && state.size > 200) {
        state.delete(path);
        emit(`D ${path}\n`);
      } else if (roll < 0.04) {
        write(state, `src/openai/types/${snake(typeName(random))}_${written}_${t}.py`, newFile(random, 'types', 10 + random.int(60)));
      } else write(state, path, edit(state, path));
    }
    if (codegen) write(state, '.stats.yml', ['configured_endpoints: 97', `openapi_spec_hash: ${hex(random, 32)}`]);
    if (lockfile && lockRandom.chance(0.125)) {
      for (let bump = 1 + lockRandom.int(5); bump > 0; bump--) {
        const n = lockRandom.int(lock.length);
        lock[n] = lockEntry(lockRandom, n);
      }
      write(state, 'yarn.lock', ['# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.', '', ...lock.flat()]);
    }
    if (random.chance(0.02)) {
      const log = state.get('CHANGELOG.md');
      const entry = [
        `## ${written} (2025-01-01)`,
        '',
        `* **api:** ${random.pick(VERBS)} ([${hex(random, 7)}](https://github.com/openai/openai-python/commit/${hex(random, 40)}))`,
        '',
      ];
      write(state, 'CHANGELOG.md', [log[0], '', ...entry, ...log.slice(2)]);
    }
    const key = keyAt.get(written);
    if (key !== undefined) {
      planted++;
      if (key === 0) {
        // A hard-coded Azure-style value in a multi-line constructor, rotated later on a line
        // that does not name the provider: both values are findings.
        const client = (value) => [
          'from openai import AzureOpenAI',
          '',
          'client = AzureOpenAI(',
          `    api_key="${value}",`,
          '    api_version="2024-02-01",',
          ')',
        ];
        write(state, 'examples/azure.py', client(fakeValue(701)));
        keyAt.set(written + 50, -1);
      } else if (key === -1) {
        write(state, 'examples/azure.py', [
          'from openai import AzureOpenAI',
          '',
          'client = AzureOpenAI(',
          `    api_key="${fakeValue(702)}",`,
          '    api_version="2024-02-01",',
          ')',
        ]);
      } else {
        const path = `tests/test_${key}_client.py`;
        write(state, path, [...newFile(random, 'tests', 30), `client = OpenAI(api_key="${fakeKey('proj', 700 + key)}")`]);
      }
    }
    return at;
  };

  // main and a long-lived `next` branch take turns; `next` merges into main every ~150 commits.
  const branch = { ref: 'refs/heads/next', files: new Map(files), base: new Map(files), tip: main, since: 0 };
  let written = 1;
  while (written < commits) {
    if (random.chance(0.3)) {
      branch.tip = commitOn(branch.ref, branch.tip, branch.files, written++);
      branch.since++;
      continue;
    }
    if (branch.since > 100 + random.int(100)) {
      // A merge that takes the branch's version of every file it changed since it forked.
      main = header('refs/heads/main', 'Merge branch next', main, branch.tip);
      for (const [path, lines] of branch.files) if (branch.base.get(path) !== lines) write(files, path, lines);
      for (const path of branch.base.keys())
        if (!branch.files.has(path) && files.has(path)) {
          files.delete(path);
          emit(`D ${path}\n`);
        }
      written++;
      branch.files = new Map(files);
      branch.base = new Map(files);
      branch.tip = main;
      branch.since = 0;
      continue;
    }
    main = commitOn('refs/heads/main', main, files, written++);
  }
  return { stream: chunks.join(''), planted };
}

/** Builds (or reuses) the SDK-shaped repository; returns its path and what was planted. */
export function ensureSdkRepo({
  commits = 2500,
  seed = 11,
  force = false,
  lockfile = false,
  dir = join(REPO_ROOT, '.bench', lockfile ? 'history-js' : 'history-sdk'),
} = {}) {
  return cachedRepo({
    dir,
    stamp: JSON.stringify({ SDK_VERSION, commits, seed, ...(lockfile ? { lockfile } : {}) }),
    force,
    repack: true,
    generate: () => generateSdkHistory({ commits, seed, lockfile }),
  });
}
