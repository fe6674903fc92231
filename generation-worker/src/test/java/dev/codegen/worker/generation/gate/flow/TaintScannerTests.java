package dev.codegen.worker.generation.gate.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** How the data-flow tier follows values: the propagation itself, rule by rule elsewhere. */
class TaintScannerTests {

  private static final TaintScanner SCANNER = TaintScanner.standard("output.insecure_flow");

  private static List<String> rules(String code, Language language) {
    return SCANNER.scan(code, language).stream().map(Finding::rule).toList();
  }

  @Test
  void reportsWhereTheSinkIsWithItsCweAndFix() {
    String code = "def view():\n    f = request.args.get('f')\n    return open(f).read()\n";
    List<Finding> findings = SCANNER.scan(code, Language.PYTHON);
    assertThat(findings).hasSize(1);
    Finding finding = findings.get(0);
    assertThat(finding.gate()).isEqualTo("output.insecure_flow");
    assertThat(finding.rule()).isEqualTo("python.taint.path");
    assertThat(finding.cwe()).isEqualTo("CWE-22");
    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    assertThat(finding.line()).isEqualTo(3);
    assertThat(finding.column()).isEqualTo(12);
    assertThat(finding.evidence()).isEqualTo("return open(f).read()");
    assertThat(finding.fix()).isNotBlank();
  }

  @Test
  void followsSeveralAssignmentsAndStringBuilding() {
    String code =
        "name = sys.argv[1]\nbase = '/tmp/' + name\nfull = os.path.join(base, 'x')\n"
            + "cmd = 'tar czf out.tgz ' + full\nos.system(cmd)\n";
    assertThat(rules(code, Language.PYTHON)).contains("python.taint.command");
  }

  @Test
  void followsArgumentsIntoTheFunctionsTheCodeDefines() {
    String code =
        "function load(file) {\n  return fs.readFileSync(file, 'utf8');\n}\n"
            + "app.get('/f', (req, res) => res.send(load(req.query.name)));\n";
    assertThat(rules(code, Language.JAVASCRIPT)).contains("js.taint.path");
  }

  @Test
  void aSanitiserOrAReassignmentEndsTheFlow() {
    assertThat(
            rules(
                "n = request.args['n']\nn = int(n)\nos.system('seq ' + str(n))\n", Language.PYTHON))
        .isEmpty();
    assertThat(rules("p = request.args['p']\np = 'fixed'\nopen(p)\n", Language.PYTHON)).isEmpty();
  }

  @Test
  void sourcesInCommentsAndStringsAreNotInput() {
    String code = "# name = request.args['n']\nhelp = 'pass request.args to open'\nopen(help)\n";
    assertThat(rules(code, Language.PYTHON)).isEmpty();
  }

  @Test
  void parametersOfARouteWithPathVariablesAreInput() {
    String code =
        "@app.route('/logs/<day>')\ndef logs(day):\n    return open('/var/log/' + day).read()\n";
    assertThat(rules(code, Language.PYTHON)).contains("python.taint.path");
    String fixed =
        "@app.route('/logs')\ndef logs(day='today'):\n    return open('/var/log/' + day).read()\n";
    assertThat(rules(fixed, Language.PYTHON)).isEmpty();
  }

  @Test
  void destructuringAndTupleAssignmentTaintEveryName() {
    assertThat(rules("const { cmd } = req.body;\nexec(cmd);\n", Language.JAVASCRIPT))
        .contains("js.taint.command");
    assertThat(rules("a, b = sys.argv[1], 2\neval(a)\n", Language.PYTHON))
        .contains("python.taint.code");
  }

  @Test
  void transfersCarryInputIntoBuffers() {
    String c =
        "char buf[64];\nfgets(buf, sizeof buf, stdin);\nchar cmd[128];\nstrcpy(cmd, \"ls \");\n"
            + "strcat(cmd, buf);\nsystem(cmd);\n";
    assertThat(rules(c, Language.C)).contains("c.taint.command");
    String cs =
        "var sb = new StringBuilder();\nsb.Append(Request.Form[\"q\"]);\n"
            + "var cmd = new SqlCommand(\"SELECT * FROM t WHERE a = '\" + sb.ToString() + \"'\", c);\n";
    assertThat(rules(cs, Language.CSHARP)).contains("csharp.taint.sql");
  }

  @Test
  void streamReadsTaintTheirTarget() {
    String cpp = "std::string name;\nstd::cin >> name;\nsystem((\"ls \" + name).c_str());\n";
    assertThat(rules(cpp, Language.CPP)).contains("c.taint.command");
    assertThat(
            rules("std::string name = \"a\";\nsystem((\"ls \" + name).c_str());\n", Language.CPP))
        .isEmpty();
  }

  @Test
  void aFileACommandLineNamesIsNotTraversalButOneARequestNamesIs() {
    String cli = "import sys\npath = sys.argv[1]\nwith open(path) as f:\n    print(f.read())\n";
    assertThat(rules(cli, Language.PYTHON)).isEmpty();
    String web = "path = request.args['path']\nwith open(path) as f:\n    print(f.read())\n";
    assertThat(rules(web, Language.PYTHON)).containsExactly("python.taint.path");
    String both =
        "def show(p):\n    return open(p).read()\n\nshow(sys.argv[1])\nshow(request.args['p'])\n";
    assertThat(rules(both, Language.PYTHON)).containsExactly("python.taint.path");
    String cliCommand = "import sys\nos.system('convert ' + sys.argv[1])\n";
    assertThat(rules(cliCommand, Language.PYTHON)).containsExactly("python.taint.command");
  }

  @Test
  void boundParametersAreNotInjection() {
    String go =
        "id := r.URL.Query().Get(\"id\")\nrows, err := db.Query(\"SELECT * FROM t WHERE id = $1\", id)\n";
    assertThat(rules(go, Language.GO)).isEmpty();
    String numeric =
        "q := fmt.Sprintf(\"SELECT * FROM t WHERE id = %d\", os.Args[1])\ndb.Query(q)\n";
    assertThat(rules(numeric, Language.GO)).isEmpty();
  }

  @Test
  void languagesWithoutSinksAndEmptyInputHaveNoFindings() {
    assertThat(SCANNER.scan("", Language.PYTHON)).isEmpty();
    assertThat(SCANNER.scan("x = 1", null)).isEmpty();
    assertThat(SCANNER.scan("SELECT 1;", Language.SQL)).isEmpty();
  }

  @Test
  void aMalformedRuleFileIsRefused() {
    JsonMapper json = JsonMapper.builder().build();
    assertThatThrownBy(() -> FlowRules.parse(json.readTree("{\"rules\": []}")))
        .hasMessageContaining("rules");
    assertThatThrownBy(
            () ->
                FlowRules.parse(
                    json.readTree(
                        "{\"rules\": [{\"id\": \"x\", \"cwe\": \"CWE-1\", \"severity\": \"high\","
                            + " \"languages\": [\"cobol\"], \"sink\": \"a\", \"message\": \"m\","
                            + " \"fix\": \"f\"}]}")))
        .hasMessageContaining("unknown language");
    assertThatThrownBy(
            () ->
                FlowRules.parse(
                    json.readTree(
                        "{\"rules\": [{\"id\": \"x\", \"cwe\": \"CWE-1\", \"severity\": \"high\","
                            + " \"languages\": [\"c\"], \"sink\": \"a\", \"argument\": \"some\","
                            + " \"message\": \"m\", \"fix\": \"f\"}]}")))
        .hasMessageContaining("argument");
  }
}
