// Long-lived JavaScript / TypeScript checker and formatter for the plugin worker. Reads JSON lines
// {"id", "language", "source", "task"} on stdin and answers one JSON line per request, in order.
// task "check" (the default): {"id", "diagnostics": [{"line", "column", "severity", "code",
// "message"}]}, syntax errors and (JavaScript, with eslint installed) lint warnings. task "format":
// {"id", "formatted": code}, {"id", "unformatted": why} when prettier cannot parse the code.
// {"id", "missing": why} when the tool a task needs is not installed (typescript, prettier);
// {"id", "error": why} when the checker broke. Nothing is executed: vm.Script and
// vm.SourceTextModule compile without running, transpileModule only parses, eslint and prettier
// only read the tree.
// The first line announces the tools: {"ready": true, "tool", "version", "typescript", "prettier",
// "eslint"}.
'use strict';
const vm = require('vm');
const readline = require('readline');

// Where bin/setup-checkers puts prettier and eslint (as root, else for the user), then the global
// places of npm and of Debian's node-* packages.
function findModule(name) {
  try {
    return require(name);
  } catch (e) {
    // not next to us
  }
  const path = require('path');
  const dirs = (process.env.NODE_PATH || '').split(':').filter(Boolean);
  dirs.push(
    '/usr/local/lib/codegen-checkers/node_modules',
    path.join(require('os').homedir(), '.cache/codegen-checkers/node_modules'),
    '/usr/local/lib/node_modules',
    '/usr/lib/node_modules',
    '/usr/share/nodejs',
    '/usr/lib/nodejs',
  );
  for (const dir of dirs) {
    try {
      return require(path.join(dir, name));
    } catch (e) {
      // next
    }
  }
  return null;
}
const ts = findModule('typescript');
const prettier = findModule('prettier');
const eslint = findModule('eslint');
const linter = eslint && typeof eslint.Linter === 'function' ? new eslint.Linter() : null;

// A small fixed rule set, no plugins, nothing fetched: mistakes, not style (prettier owns style).
// Top-level declarations are not "unused": a snippet's functions are there for the user to call.
const LINT_RULES = {
  'no-unused-vars': ['warn', { vars: 'local', args: 'none', caughtErrors: 'none' }],
  'no-unreachable': 'warn',
  'no-dupe-keys': 'warn',
  'no-duplicate-case': 'warn',
  'no-const-assign': 'warn',
  'no-self-assign': 'warn',
  'no-self-compare': 'warn',
  'no-cond-assign': 'warn',
  'no-fallthrough': 'warn',
  'no-redeclare': 'warn',
  'no-unsafe-finally': 'warn',
  'no-debugger': 'warn',
  'use-isnan': 'warn',
  'valid-typeof': 'warn',
};

function answer(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

// V8's syntax errors carry "file:line", the source line and a caret under the column.
function fromStack(error) {
  const lines = String(error.stack || '').split('\n');
  let line = 0;
  let column = 0;
  const at = /:(\d+)$/.exec(lines[0] || '');
  if (at) {
    line = Number(at[1]);
    if (lines.length > 2 && lines[2].trim().startsWith('^')) column = lines[2].indexOf('^') + 1;
  }
  return {
    line,
    column,
    severity: 'error',
    code: 'node.' + (error.name || 'SyntaxError'),
    message: error.message,
  };
}

const MODULE = /^\s*(import\s+[\w{*'"]|export\s)|^\s*import\s*\(|\bawait\b/m;

function checkJavaScript(source) {
  try {
    new vm.Script(source, { filename: 'generated.js' });
    return lint(source, 'script');
  } catch (scriptError) {
    if (!(scriptError instanceof SyntaxError)) throw scriptError;
    if (MODULE.test(source) && typeof vm.SourceTextModule === 'function') {
      try {
        new vm.SourceTextModule(source, { identifier: 'generated.mjs' });
        return lint(source, 'module');
      } catch (moduleError) {
        if (!(moduleError instanceof SyntaxError)) throw moduleError;
        return [locateModuleError(source, moduleError)];
      }
    }
    return [fromStack(scriptError)];
  }
}

// Lint warnings of code V8 accepted; eslint's own parse errors (syntax V8 has and espree has not
// yet) are dropped: V8 decides the syntax verdict.
function lint(source, sourceType) {
  if (!linter) return [];
  const messages = linter.verify(
    source,
    [{ languageOptions: { ecmaVersion: 'latest', sourceType }, rules: LINT_RULES }],
    { filename: sourceType === 'module' ? 'generated.mjs' : 'generated.js' },
  );
  return messages
    .filter((m) => !m.fatal && m.ruleId)
    .map((m) => ({
      line: m.line || 0,
      column: m.column || 0,
      severity: 'warning',
      code: 'eslint.' + m.ruleId,
      message: m.message,
    }));
}

async function format(source, language) {
  if (!prettier) return { missing: 'prettier is not installed (bin/setup-checkers installs it)' };
  try {
    const parser = language === 'typescript' ? 'typescript' : 'babel';
    return { formatted: await prettier.format(source, { parser }) };
  } catch (e) {
    const first = String((e && e.message) || e).split('\n')[0];
    return { unformatted: 'prettier cannot parse it: ' + first };
  }
}

// V8 gives no location for a module's syntax error; TypeScript's parser, when installed, finds
// where it is. V8 decides the verdict either way.
function locateModuleError(source, error) {
  const found = fromStack(error);
  if (ts) {
    const located = checkTypeScript(source, false, 'generated.mjs').find(
      (d) => d.severity === 'error',
    );
    if (located) {
      found.line = located.line;
      found.column = located.column;
    }
  }
  return found;
}

// Parsing alone (createSourceFile) finds every syntax error transpileModule reports, without its
// program and emit: a tenth of the time. transpileModule remains the fallback should a TypeScript
// version not expose the parse diagnostics.
function checkTypeScript(source, jsx, fileName) {
  const name = fileName || (jsx ? 'generated.tsx' : 'generated.ts');
  const file = ts.createSourceFile(name, source, ts.ScriptTarget.Latest, false);
  let diagnostics = file.parseDiagnostics;
  if (!Array.isArray(diagnostics)) {
    diagnostics =
      ts.transpileModule(source, {
        fileName: name,
        reportDiagnostics: true,
        compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext },
      }).diagnostics || [];
  }
  return diagnostics.map((d) => {
    let line = 0;
    let column = 0;
    const where = d.file || file;
    if (typeof d.start === 'number') {
      const at = where.getLineAndCharacterOfPosition(d.start);
      line = at.line + 1;
      column = at.character + 1;
    }
    return {
      line,
      column,
      severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
      code: 'ts.TS' + d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    };
  });
}

answer({
  ready: true,
  tool: 'node',
  version: process.versions.node,
  typescript: ts ? ts.version : null,
  prettier: prettier ? prettier.version : null,
  eslint: linter ? eslint.Linter.version || (eslint.ESLint && eslint.ESLint.version) : null,
});

async function handle(request) {
  const id = request.id;
  const source = request.source || '';
  if (request.task === 'format') {
    return { id, ...(await format(source, request.language)) };
  }
  if (request.language === 'typescript') {
    return ts
      ? { id, diagnostics: checkTypeScript(source, false) }
      : { id, missing: 'the typescript module is not installed' };
  }
  return { id, diagnostics: checkJavaScript(source) };
}

function failed(id, e) {
  return { id, error: String((e && e.name) || 'Error') + ': ' + String((e && e.message) || e) };
}

// prettier answers asynchronously: a chain keeps the answers in the order of the requests.
let queue = Promise.resolve();
const input = readline.createInterface({ input: process.stdin, terminal: false });
input.on('line', (line) => {
  if (!line.trim()) return;
  queue = queue.then(async () => {
    let id = null;
    try {
      const request = JSON.parse(line);
      id = request.id;
      answer(await handle(request));
    } catch (e) {
      answer(failed(id, e));
    }
  });
});
input.on('close', () => queue.then(() => process.exit(0)));
