# Long-lived Python checker and formatter for the plugin worker. Reads JSON lines
# {"id", "language", "source", "task"} on stdin and answers one JSON line per request.
# task "check" (the default): {"id", "diagnostics": [{"line", "column", "severity", "code",
# "message"}]}. task "format": {"id", "formatted": code}, {"id", "unformatted": why} when black
# cannot parse the code, or {"id", "missing": why} without black. {"id", "error": "..."} when the
# checker itself broke. Nothing is executed: compile() parses and compiles to bytecode in memory;
# pyflakes only reads the tree; black only parses and prints.
# The first line announces the tools: {"ready": true, "tool", "version", "linter", "formatter"}.
import ast
import json
import platform
import sys
import warnings

try:
    import resource

    # A pathological input must not take the machine down with it.
    limit = 512 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
except Exception:
    pass

checker = None
linter = None
try:
    import pyflakes
    import pyflakes.checker as checker
except Exception:
    # Debian's python3-pyflakes is pure Python: usable from another interpreter of the same line.
    for extra in ("/usr/lib/python3/dist-packages", "/usr/share/pyshared"):
        sys.path.append(extra)
        try:
            import pyflakes
            import pyflakes.checker as checker
            break
        except Exception:
            checker = None
        finally:
            sys.path.remove(extra)
if checker is not None:
    linter = "pyflakes " + getattr(pyflakes, "__version__", "?")


def import_black():
    try:
        import black

        return black
    except Exception:
        pass
    # Debian's black from another interpreter of the same line, as pyflakes. The path stays
    # (at the end, so nothing of ours is shadowed): black imports parts of itself lazily.
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import black

        return black
    except Exception:
        sys.path.remove("/usr/lib/python3/dist-packages")
        return None


black = import_black()
formatter = None if black is None else "black " + getattr(black, "__version__", "?")

out = sys.stdout


def answer(message):
    out.write(json.dumps(message) + "\n")
    out.flush()


def check(source):
    found = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = compile(source, "<generated>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
            compile(tree, "<generated>", "exec", dont_inherit=True)
    except SyntaxError as e:
        found.append(
            {
                "line": e.lineno or 0,
                "column": e.offset or 0,
                "severity": "error",
                "code": "python." + type(e).__name__,
                "message": e.msg,
            }
        )
        return found
    except ValueError as e:  # e.g. NUL bytes in the source
        found.append(
            {"line": 0, "column": 0, "severity": "error", "code": "python.ValueError",
             "message": str(e)}
        )
        return found
    if checker is not None:
        try:
            w = checker.Checker(tree, filename="<generated>")
            for m in sorted(w.messages, key=lambda m: (m.lineno, getattr(m, "col", 0))):
                found.append(
                    {
                        "line": m.lineno,
                        "column": getattr(m, "col", 0) + 1,
                        "severity": "warning",
                        "code": "pyflakes." + type(m).__name__,
                        "message": m.message % m.message_args,
                    }
                )
        except Exception:
            pass  # a linter bug must not hide the syntax verdict
    return found


def format_source(ident, source):
    if black is None:
        return {"id": ident, "missing": "black is not installed (Debian package black)"}
    try:
        return {"id": ident, "formatted": black.format_str(source, mode=black.Mode())}
    except black.InvalidInput as e:
        return {"id": ident, "unformatted": "black cannot parse it: " + str(e)}
    except Exception as e:  # black's own safety checks (unstable formatting and the like)
        return {"id": ident, "unformatted": "black gave up: %s: %s" % (type(e).__name__, e)}


answer(
    {
        "ready": True,
        "tool": "python3",
        "version": platform.python_version(),
        "linter": linter,
        "formatter": formatter,
    }
)
for line in sys.stdin:
    if not line.strip():
        continue
    ident = None
    try:
        request = json.loads(line)
        ident = request.get("id")
        source = request.get("source") or ""
        if request.get("task") == "format":
            answer(format_source(ident, source))
        else:
            answer({"id": ident, "diagnostics": check(source)})
    except (MemoryError, RecursionError) as e:
        answer({"id": ident, "error": type(e).__name__})
    except Exception as e:
        answer({"id": ident, "error": "%s: %s" % (type(e).__name__, e)})
