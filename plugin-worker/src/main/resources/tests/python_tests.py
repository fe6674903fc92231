# Runs the tests of /work/snippet.py inside the sandbox: its unittest.TestCase classes and its
# module-level test_* functions, with unittest; with pytest instead when the code needs it (it
# imports pytest, or a test function takes fixtures) and pytest is installed. Prints the runner's
# usual verbose output, then the runner, one line per failing test and a summary line the plugin
# parses:
#   ##codegen-tests-runner <TAB> name
#   ##codegen-test-failed <TAB> kind <TAB> line <TAB> test <TAB> message
#   ##codegen-tests <TAB> passed <TAB> failed <TAB> errors <TAB> skipped
import ast
import importlib
import importlib.util
import inspect
import re
import sys
import traceback
import unittest

SOURCE = "/work/snippet.py"


def one_line(text, limit=300):
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    last = lines[-1] if lines else ""
    return (last[: limit - 3] + "...") if len(last) > limit else last


def line_in_snippet(text):
    found = re.findall(r'File "' + re.escape(SOURCE) + r'", line (\d+)', text)
    return int(found[-1]) if found else 0


class FunctionTest(unittest.FunctionTestCase):
    """A module-level test function, named as pytest would."""

    def id(self):
        return self._testFunc.__name__

    def __str__(self):
        return self._testFunc.__name__

    def shortDescription(self):
        return None


def fixtures(function):
    return [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.default is inspect.Parameter.empty
        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


def test_functions(module):
    return [
        function
        for name, function in sorted(vars(module).items())
        if name.startswith("test")
        and inspect.isfunction(function)
        and function.__module__ == module.__name__
    ]


def wants_pytest(source):
    """Whether the code imports pytest or has a module-level test function taking fixtures."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in tree.body:
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "pytest" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "pytest":
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            arguments = node.args.posonlyargs + node.args.args
            if len(arguments) > len(node.args.defaults):
                return True
    return False


def pytest_installed():
    try:
        return importlib.util.find_spec("pytest") is not None
    except (ImportError, ValueError):
        return False


class PytestCounts:
    """A pytest plugin counting outcomes the way the unittest path does."""

    def __init__(self):
        self.passed = self.failed = self.errors = self.skipped = 0
        self.problems = []
        self.missing = None

    def problem(self, kind, report):
        text = str(report.longrepr or "")
        crash = getattr(report.longrepr, "reprcrash", None)
        message = crash.message if crash is not None else one_line(text)
        lines = re.findall(r"(?m)^snippet\.py:(\d+):", text)
        line = int(lines[-1]) if lines else 0
        first = message.strip().splitlines()[0] if message.strip() else kind
        self.problems.append((kind, line, report.nodeid, first))

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors += 1
            missing = re.search(r"ModuleNotFoundError: No module named '([\w.]+)'", str(report.longrepr))
            self.problem("missing_module" if missing else "error", report)
            if missing:
                self.missing = missing.group(1)

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            if report.failed:
                self.failed += 1
                self.problem("failed", report)
            elif report.skipped:
                self.skipped += 1
            else:
                self.passed += 1
        elif report.failed:
            self.errors += 1
            self.problem("error", report)
        elif report.skipped and report.when == "setup":
            self.skipped += 1


def run_pytest():
    import pytest

    counts = PytestCounts()
    pytest.main(
        ["-v", "--no-header", "-p", "no:cacheprovider", "--rootdir=/work", SOURCE],
        plugins=[counts],
    )
    sys.stdout.flush()
    if counts.missing:
        # As on the unittest path: the sandbox lacks a module, the tests did not run.
        for kind, line, _, message in counts.problems:
            if kind == "missing_module":
                print("##codegen-test-failed\t%s\t%d\t%s\t%s"
                      % (kind, line, counts.missing, message))
        sys.stdout.flush()
        sys.exit(3)
    return "pytest " + pytest.__version__, counts.passed, counts.failed, counts.errors, \
        counts.skipped, counts.problems


def needs_fixtures(function):
    names = fixtures(function)

    def skipped():
        raise unittest.SkipTest("needs pytest fixtures: " + ", ".join(names))

    skipped.__name__ = skipped.__qualname__ = function.__name__
    return skipped if names else None


def run_unittest(module):
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    for function in test_functions(module):
        suite.addTest(FunctionTest(needs_fixtures(function) or function))
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    problems = []
    for kind, found in (("failed", result.failures), ("error", result.errors)):
        for test, trace in found:
            problems.append((kind, line_in_snippet(trace), test.id(), one_line(trace)))
    for test in result.unexpectedSuccesses:
        problems.append(("failed", 0, test.id(), "unexpected success"))
    failed = len(result.failures) + len(result.unexpectedSuccesses)
    errors = len(result.errors)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - errors - skipped
    return "unittest", passed, failed, errors, skipped, problems


def main():
    sys.path.insert(0, "/work")
    sys.argv = [SOURCE]
    with open(SOURCE, encoding="utf-8", errors="replace") as f:
        source = f.read()
    # pytest imports the code itself (its assertion rewriting needs that): decided before import.
    if wants_pytest(source) and pytest_installed():
        report(*run_pytest())
    try:
        module = importlib.import_module("snippet")
    except BaseException as e:  # SystemExit and KeyboardInterrupt too: the code ran, badly
        trace = traceback.format_exc()
        print(trace, end="")
        kind = "missing_module" if isinstance(e, ModuleNotFoundError) else "import_error"
        name = getattr(e, "name", None) or ""
        print("##codegen-test-failed\t%s\t%d\t%s\t%s"
              % (kind, line_in_snippet(trace), name, one_line(trace)))
        sys.stdout.flush()
        sys.exit(3)
    report(*run_unittest(module))


def report(runner, passed, failed, errors, skipped, problems):
    print("##codegen-tests-runner\t%s" % runner)
    for kind, line, test, message in problems:
        print("##codegen-test-failed\t%s\t%d\t%s\t%s" % (kind, line, test, message))
    print("##codegen-tests\t%d\t%d\t%d\t%d" % (passed, failed, errors, skipped))
    sys.stdout.flush()
    sys.exit(0 if failed + errors == 0 else 1)


main()
