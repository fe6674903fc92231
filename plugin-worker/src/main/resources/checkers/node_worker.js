// Long-lived JavaScript / TypeScript syntax checker for the plugin worker. Reads JSON lines
// {"id", "language", "source"} on stdin and answers one JSON line per request:
// {"id", "diagnostics": [{"line", "column", "severity", "code", "message"}]}; {"id", "missing": why}
// when the language's checker is not installed (TypeScript without the typescript module);
// {"id", "error": why} when the checker broke. Nothing is executed: vm.Script and
// vm.SourceTextModule compile without running, transpileModule only parses.
// The first line announces the tools: {"ready": true, "tool", "version", "typescript"}.
'use strict';
const vm = require('vm');
const readline = require('readline');

function findTypeScript() {
  try {
    return require('typescript');
  } catch (e) {
    // not next to us: try the global places of npm and of Debian's node-* packages
  }
  const dirs = (process.env.NODE_PATH || '').split(':').filter(Boolean);
  dirs.push(
    '/usr/local/lib/node_modules',
    '/usr/lib/node_modules',
    '/usr/share/nodejs',
    '/usr/lib/nodejs',
  );
  for (const dir of dirs) {
    try {
      return require(require('path').join(dir, 'typescript'));
    } catch (e) {
      // next
    }
  }
  return null;
}
const ts = findTypeScript();

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
    return [];
  } catch (scriptError) {
    if (!(scriptError instanceof SyntaxError)) throw scriptError;
    if (MODULE.test(source) && typeof vm.SourceTextModule === 'function') {
      try {
        new vm.SourceTextModule(source, { identifier: 'generated.mjs' });
        return [];
      } catch (moduleError) {
        if (!(moduleError instanceof SyntaxError)) throw moduleError;
        return [locateModuleError(source, moduleError)];
      }
    }
    return [fromStack(scriptError)];
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
});

const input = readline.createInterface({ input: process.stdin, terminal: false });
input.on('line', (line) => {
  if (!line.trim()) return;
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id;
    const source = request.source || '';
    if (request.language === 'typescript') {
      if (!ts) {
        answer({ id, missing: 'the typescript module is not installed' });
      } else {
        answer({ id, diagnostics: checkTypeScript(source, false) });
      }
    } else {
      answer({ id, diagnostics: checkJavaScript(source) });
    }
  } catch (e) {
    answer({ id, error: String((e && e.name) || 'Error') + ': ' + String((e && e.message) || e) });
  }
});
input.on('close', () => process.exit(0));
