import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { Script } from 'node:vm';

/**
 * `@keyguard/cli/compile-cache`: V8's code cache for keyguard's own modules, so that a command
 * (a commit's hook above all) does not parse and compile the same ~70 files on every run: that
 * was the largest part of the hook's start-up after Node's own (issue 10). Node 22.1+ has this
 * built in (`module.enableCompileCache`), and it is used there; Node 20 has only the parts
 * (`vm.Script`'s `cachedData`), put together here the way `v8-compile-cache` does it.
 *
 * - Where: `keyguard/compile-cache` in the OS's cache folder ($XDG_CACHE_HOME or ~/.cache,
 *   ~/Library/Caches, %LOCALAPPDATA%), one file per module, named by the module's path and
 *   Node's version; the file starts with a hash of the source it was made from, so a changed
 *   file (a new version, a rebuild) is compiled afresh and its entry replaced.
 * - Safe: a folder that cannot be made or written is no cache (the run goes on, no message);
 *   entries are written to a temporary name and renamed, so a concurrent run reads a whole
 *   entry or none; V8 checks an entry itself (version, flags, a checksum) and a rejected one
 *   is compiled normally and rewritten.
 * - Off: NODE_DISABLE_COMPILE_CACHE=1, Node's own switch for its cache (honoured on Node 20 too).
 */

interface CompilingModule {
  exports: unknown;
  require(id: string): unknown;
  _compile: (this: CompilingModule, content: string, filename: string) => unknown;
}

interface ModuleInternals {
  prototype: CompilingModule;
  wrap(script: string): string;
  _resolveFilename(request: string, parent: CompilingModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: CompilingModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
  enableCompileCache?: (directory?: string) => unknown;
}

const internals = Module as unknown as ModuleInternals;
const HASH_BYTES = 20;
let enabled = false;

/** The OS's folder for caches, as other tools use it; undefined when there is no home folder. */
function cacheRoot(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform === 'win32' && env.LOCALAPPDATA) return env.LOCALAPPDATA;
  if (env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/')) return env.XDG_CACHE_HOME;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (!home) return undefined;
  return process.platform === 'darwin' ? join(home, 'Library', 'Caches') : join(home, '.cache');
}

/** The `require` a module's code gets, as Node makes it (lib/internal/modules/helpers.js). */
function requireFor(module: CompilingModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolveId = ((request: string, options?: unknown) =>
    internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolveId.paths = (request: string) => internals._resolveLookupPaths(request, module);
  require.resolve = resolveId;
  require.main = process.mainModule;
  require.extensions = internals._extensions as NodeJS.Require['extensions'];
  require.cache = internals._cache as NodeJS.Require['cache'];
  return require;
}

/**
 * Turns the cache on for the CommonJS modules loaded from now on whose files are under
 * `folder` (keyguard's packages: the folder holding @keyguard/cli, @keyguard/core and
 * @keyguard/pre-commit, installed or in this repository). Call it first thing in a command's
 * entry; a second call does nothing. Never throws.
 */
export function enableCompileCache(folder: string = resolve(__dirname, '..', '..'), env: NodeJS.ProcessEnv = process.env): void {
  if (enabled || env.NODE_DISABLE_COMPILE_CACHE) return;
  enabled = true;
  const root = cacheRoot(env);
  if (!root) return;
  const directory = join(root, 'keyguard', 'compile-cache');
  try {
    if (typeof internals.enableCompileCache === 'function') {
      internals.enableCompileCache(directory);
      return;
    }
    mkdirSync(directory, { recursive: true });
  } catch {
    return; // no cache folder: every module is compiled as usual
  }
  const under = folder.endsWith(sep) ? folder : folder + sep;
  const prototype = internals.prototype;
  const compile = prototype._compile;
  const toWrite: { script: Script; file: string; hash: Buffer }[] = [];

  prototype._compile = function (this: CompilingModule, content: string, filename: string): unknown {
    if (!filename.startsWith(under) || !filename.endsWith('.js')) return compile.call(this, content, filename);
    let script: Script;
    try {
      const hash = createHash('sha1').update(content).digest();
      const name = createHash('sha1').update(`${process.version}\0${process.arch}\0${filename}`).digest('hex');
      const file = join(directory, `${name}.v8`);
      let cachedData: Buffer | undefined;
      try {
        const entry = readFileSync(file);
        if (entry.length > HASH_BYTES && entry.subarray(0, HASH_BYTES).equals(hash)) cachedData = entry.subarray(HASH_BYTES);
      } catch {
        // no entry yet
      }
      // A first line `#!…` is valid only at the very start of a script, not inside the wrapper.
      const source = content.startsWith('#!') ? `//${content}` : content;
      script = new Script(internals.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) });
      if (!cachedData || script.cachedDataRejected) toWrite.push({ script, file, hash });
    } catch {
      return compile.call(this, content, filename); // Node's own compile says what is wrong, as always
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };

  // Written at exit, when the functions the run needed are compiled too and go in the entry.
  process.once('exit', () => {
    for (const { script, file, hash } of toWrite) {
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, Buffer.concat([hash, script.createCachedData()]));
        renameSync(temporary, file);
      } catch {
        rmSync(temporary, { force: true });
      }
    }
  });
}
