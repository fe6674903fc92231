# Runs the tests of /work/snippet.py inside the sandbox: its unittest.TestCase classes and its
# module-level test_* functions (pytest style, without fixtures), with unittest. Prints the usual
# verbose unittest output, then one line per failing test and a summary line the plugin parses:
#   ##codegen-test-failed <TAB> kind <TAB> line <TAB> test <TAB> message
#   ##codegen-tests <TAB> passed <TAB> failed <TAB> errors <TAB> skipped
import importlib
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


def needs_fixtures(function):
    names = [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.default is inspect.Parameter.empty
        and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]

    def skipped():
        raise unittest.SkipTest("needs pytest fixtures: " + ", ".join(names))

    skipped.__name__ = skipped.__qualname__ = function.__name__

    return skipped if names else None


def main():
    sys.path.insert(0, "/work")
    sys.argv = [SOURCE]
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
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    for name, function in sorted(vars(module).items()):
        if (
            name.startswith("test")
            and inspect.isfunction(function)
            and function.__module__ == module.__name__
        ):
            test = needs_fixtures(function) or function
            suite.addTest(FunctionTest(test))
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    for kind, problems in (("failed", result.failures), ("error", result.errors)):
        for test, trace in problems:
            print("##codegen-test-failed\t%s\t%d\t%s\t%s"
                  % (kind, line_in_snippet(trace), test.id(), one_line(trace)))
    for test in result.unexpectedSuccesses:
        print("##codegen-test-failed\tfailed\t0\t%s\tunexpected success" % test.id())
    failed = len(result.failures) + len(result.unexpectedSuccesses)
    errors = len(result.errors)
    skipped = len(result.skipped)
    passed = result.testsRun - failed - errors - skipped
    print("##codegen-tests\t%d\t%d\t%d\t%d" % (passed, failed, errors, skipped))
    sys.stdout.flush()
    sys.exit(0 if failed + errors == 0 else 1)


main()
