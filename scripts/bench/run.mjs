// `npm run bench`: every benchmark part in turn (scan first), each printing its own table,
// then a summary. `npm run bench -- scan` (or hostile, eslint, hook, history, lsp, memory) runs one part.
// memory builds a 50,000-commit history once (cached): KEYGUARD_BENCH_MEMORY_COMMITS=5000 for a quick run.
//
// A part is scripts/bench/<name>.mjs exporting bench<Name>({ log, tools }); a part that is not
// there is reported as "not available" and does not fail the run. A part returns
// { summary, ok }; a part that throws or returns ok: false makes the run exit 1.
//
// ripgrep, hyperfine and git are installed from Debian when missing and running as root; when
// that is not possible the parts say what they could not measure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const PARTS = ['scan', 'hostile', 'eslint', 'hook', 'history', 'lsp', 'memory'];
const TOOLS = { rg: 'ripgrep', hyperfine: 'hyperfine', git: 'git' };

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;

/** Which tools are there, installing the missing ones with apt-get when running as root. */
function ensureTools(log) {
  const missing = Object.keys(TOOLS).filter((tool) => !has(tool));
  if (missing.length > 0) {
    const packages = missing.map((tool) => TOOLS[tool]);
    if (process.getuid?.() === 0 && has('apt-get')) {
      log(`bench: installing ${packages.join(', ')} with apt-get…`);
      const result = spawnSync('sh', ['-c', `apt-get update -qq && apt-get install -y -qq ${packages.join(' ')}`], {
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (result.status !== 0)
        log(
          `bench: could not install ${packages.join(', ')} (apt-get exited with ${result.status}): ${(result.stderr ?? '').trim().split('\n').pop()}`,
        );
    } else {
      log(
        `bench: ${packages.join(', ')} not installed and not running as root with apt-get: those figures are skipped. Install: apt-get install ${packages.join(' ')}`,
      );
    }
  }
  const tools = Object.fromEntries(Object.keys(TOOLS).map((tool) => [tool, has(tool)]));
  const still = Object.keys(TOOLS).filter((tool) => !tools[tool]);
  if (still.length > 0) log(`bench: without ${still.join(', ')}; the parts that need them say so`);
  return tools;
}

async function main(argv) {
  const wanted = argv.length > 0 ? argv : PARTS;
  const unknown = wanted.filter((name) => !PARTS.includes(name));
  if (unknown.length > 0) {
    console.error(`bench: unknown part ${unknown.join(', ')}. Parts: ${PARTS.join(', ')} (npm run bench -- scan)`);
    return 2;
  }
  const log = (line = '') => console.log(line);
  const tools = ensureTools(log);
  const summary = [];
  let failed = false;
  for (const name of wanted) {
    const file = join(HERE, `${name}.mjs`);
    const exportName = `bench${name[0].toUpperCase()}${name.slice(1)}`;
    log(`\n=== ${name} ===`);
    if (!existsSync(file)) {
      log(`${name}: not available (no scripts/bench/${name}.mjs)`);
      summary.push([name, 'not available']);
      continue;
    }
    try {
      const part = await import(pathToFileURL(file).href);
      if (typeof part[exportName] !== 'function') {
        log(`${name}: not available (scripts/bench/${name}.mjs does not export ${exportName})`);
        summary.push([name, 'not available']);
        continue;
      }
      const started = Date.now();
      const result = (await part[exportName]({ log, tools })) ?? {};
      const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (result.ok === false) failed = true;
      summary.push([name, `${result.ok === false ? 'FAILED: ' : ''}${result.summary ?? 'done'} (${took})`]);
    } catch (error) {
      failed = true;
      log(`${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
      summary.push([name, `FAILED: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`]);
    }
  }
  log('\n=== summary ===');
  const width = Math.max(...summary.map(([name]) => name.length));
  for (const [name, text] of summary) log(`${name.padEnd(width)}  ${text}`);
  log(
    `machine: ${availableParallelism()} cores, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}; figures are medians, and a busy machine makes them noisy`,
  );
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
