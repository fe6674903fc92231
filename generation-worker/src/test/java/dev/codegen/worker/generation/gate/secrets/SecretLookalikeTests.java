package dev.codegen.worker.generation.gate.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.worker.generation.gate.GatePolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Own, seeded look-alikes and real-format secrets, never taken from the evaluation corpus: the
 * look-alikes are what issue 11 names (placeholders, documented example values, public keys,
 * hashes, UUIDs, git SHAs, package integrity hashes, example JWTs, base64 of short texts, variables
 * and format strings), the secrets random values in provider formats; both placed in code, config
 * and prose. The standard policy may block at most 1% of the look-alikes and must block at least
 * 95% of the secrets.
 *
 * <p>Test-mode keys: a random {@code sk_test_…} / {@code rk_test_…} is a credential to a real
 * account's sandbox (it reads and writes the account's test data and webhooks), so it counts as a
 * secret, as in gitleaks. Only the keys Stripe publishes in its own documentation are example
 * values.
 */
class SecretLookalikeTests {

  private static final long SEED = 20261207L;
  private static final int ROUNDS = 25;
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String B64 = ALNUM + "+/";
  private static final String URLSAFE = ALNUM + "-_";

  private final SecretScanner scanner = new SecretScanner("output.secrets");

  /** A value and the name it is assigned to, e.g. {@code api_key}. */
  record Sample(String kind, String name, String value, boolean quoted) {}

  @Test
  void blocksFewLookalikesAndMostSecrets() {
    Random random = new Random(Long.getLong("codegen.lookalike.seed", SEED));
    List<String[]> lookalikes = new ArrayList<>();
    List<String[]> secrets = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (Map.Entry<String, Function<Random, Sample>> e : lookalikeKinds().entrySet()) {
        Sample sample = e.getValue().apply(random);
        lookalikes.add(new String[] {e.getKey(), place(sample, random)});
      }
      for (Map.Entry<String, Function<Random, Sample>> e : secretKinds().entrySet()) {
        Sample sample = e.getValue().apply(random);
        secrets.add(new String[] {e.getKey(), place(sample, random)});
      }
    }
    int falsePositives = 0;
    Map<String, Integer> fpByKind = new TreeMap<>();
    for (String[] row : lookalikes) {
      List<Finding> blocking = blocking(row[1]);
      if (!blocking.isEmpty()) {
        falsePositives++;
        fpByKind.merge(row[0], 1, Integer::sum);
        System.out.printf(
            "  FP %-26s %s <- %s%n",
            row[0],
            blocking.stream().map(Finding::rule).toList(),
            SecretFalsePositiveProxyTests.shorten(lineOf(row[1], blocking.get(0))));
      }
    }
    int hits = 0;
    Map<String, Integer> missByKind = new TreeMap<>();
    for (String[] row : secrets) {
      if (!blocking(row[1]).isEmpty()) {
        hits++;
      } else {
        missByKind.merge(row[0], 1, Integer::sum);
        System.out.printf(
            "  MISS %-24s %s%n",
            row[0], SecretFalsePositiveProxyTests.shorten(row[1].replace('\n', ' ')));
      }
    }
    double fpr = 100.0 * falsePositives / lookalikes.size();
    double recall = 100.0 * hits / secrets.size();
    System.out.printf(
        Locale.ROOT,
        "own look-alikes: %d, blocked %d (%.2f%%) %s%nown secrets: %d, blocked %d (%.2f%%) missed"
            + " %s%n",
        lookalikes.size(),
        falsePositives,
        fpr,
        fpByKind,
        secrets.size(),
        hits,
        recall,
        missByKind);
    assertThat(fpr).as("share of own look-alikes blocked").isLessThan(1.0);
    assertThat(recall).as("share of own real-format secrets blocked").isGreaterThanOrEqualTo(95.0);
  }

  private List<Finding> blocking(String text) {
    return scanner.scan(text, null).stream().filter(GatePolicy.STANDARD::blocks).toList();
  }

  private static String lineOf(String text, Finding finding) {
    String[] lines = text.split("\n", -1);
    return finding.line() <= lines.length ? lines[finding.line() - 1].strip() : "";
  }

  // ---------------------------------------------------------------- contexts

  /** The sample in one of several code, config and prose contexts. */
  static String place(Sample s, Random random) {
    String v = s.value();
    String name = s.name();
    String upper = name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    String camel = camel(name);
    List<Supplier<String>> contexts = new ArrayList<>();
    if (s.quoted()) {
      contexts.add(
          () ->
              "import requests\n\n\ndef client():\n    "
                  + name
                  + " = \""
                  + v
                  + "\"\n    return requests.Session()\n");
      contexts.add(() -> "const axios = require('axios');\nconst " + camel + " = '" + v + "';\n\n");
      contexts.add(() -> "app:\n  name: billing\n  " + name + ": \"" + v + "\"\n  port: 8080\n");
      contexts.add(() -> "# local settings\nDEBUG=true\n" + upper + "=" + v + "\nPORT=8080\n");
      contexts.add(
          () ->
              "public final class Settings {\n  static final String "
                  + upper
                  + " = \""
                  + v
                  + "\";\n}\n");
      contexts.add(() -> "{\n  \"service\": \"billing\",\n  \"" + camel + "\": \"" + v + "\"\n}\n");
    }
    contexts.add(
        () ->
            "I keep getting a 401 with this, what is wrong?\n\n```\n"
                + name
                + ": "
                + v
                + "\n```\nThanks!");
    if (!s.kind().equals("n")) {
      // a value without a provider prefix is a secret only next to its name
      contexts.add(() -> "Here is the value I use: " + v + " - is the format right?");
    }
    return contexts.get(random.nextInt(contexts.size())).get();
  }

  private static String camel(String name) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char c : name.toCharArray()) {
      if (c == '_' || c == '-' || c == '.') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- look-alikes

  private static final String[] NAMES = {
    "api_key",
    "token",
    "secret",
    "password",
    "access_token",
    "auth_token",
    "client_secret",
    "secret_key",
    "private_key",
    "db_password",
    "github_token",
    "slack_token",
    "stripe_key"
  };

  private static Sample raw(String kind, String value) {
    return new Sample(kind, "value", value, false);
  }

  static Map<String, Function<Random, Sample>> lookalikeKinds() {
    Map<String, Function<Random, Sample>> k = new TreeMap<>();
    // placeholders
    k.put(
        "placeholder.angle",
        r ->
            new Sample(
                "p",
                pick(r, NAMES),
                pick(r, "<YOUR_API_KEY>", "<your-token>", "<SECRET>", "<api key here>"),
                true));
    k.put(
        "placeholder.x", r -> new Sample("p", pick(r, NAMES), "x".repeat(8 + r.nextInt(32)), true));
    k.put(
        "placeholder.template",
        r ->
            new Sample(
                "p",
                pick(r, NAMES),
                pick(
                    r,
                    "${SECRET}",
                    "{{ token }}",
                    "{{ .Values.apiKey }}",
                    "${{ secrets.API_TOKEN }}",
                    "%(password)s",
                    "{password}",
                    "$API_KEY",
                    "#{secret}"),
                true));
    k.put(
        "placeholder.word",
        r ->
            new Sample(
                "p",
                pick(r, NAMES),
                pick(
                    r,
                    "changeme",
                    "change-me-in-production",
                    "your-secret-here",
                    "REPLACE_ME",
                    "TODO",
                    "********",
                    "not-a-real-secret",
                    "dummy-token-for-tests",
                    "insert-your-key",
                    "secret123"),
                true));
    k.put(
        "placeholder.prefix",
        r ->
            new Sample(
                "p",
                pick(r, NAMES),
                pick(
                    r,
                    "sk-...",
                    "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                    "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                    "ghp_" + "x".repeat(36),
                    "ghp_...",
                    "glpat-xxxxxxxxxxxxxxxxxxxx",
                    "glpat-XXXXXXXXXXXXXXXXXXXX",
                    "xoxb-your-bot-token",
                    "xoxb-0000000000-0000000000000-XXXXXXXXXXXXXXXXXXXXXXXX",
                    "xoxp-XXXXXXXXXXXX-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                    "AKIAXXXXXXXXXXXXXXXX",
                    "sk_live_XXXXXXXXXXXXXXXXXXXXXXXX",
                    "sk_test_...",
                    "pypi-AgEIcHlwaS5vcmc...",
                    "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                    "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                    "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                    "npm_" + "0".repeat(36),
                    "sk-ant-api03-" + "x".repeat(93) + "AA"),
                true));
    k.put(
        "placeholder.provider_words",
        r ->
            new Sample(
                "p",
                pick(r, NAMES),
                pick(
                    r,
                    "sk_live_YOUR_SECRET_KEY",
                    "sk_test_your_key_here",
                    "ghp_YourGitHubTokenHere",
                    "glpat-your_access_token_here",
                    "xoxb-your-slack-bot-token-here",
                    "hf_YOUR_HUGGINGFACE_TOKEN",
                    "npm_YOUR_NPM_TOKEN",
                    "sk-proj-YOUR-OPENAI-KEY",
                    "pypi-YOUR-PYPI-TOKEN",
                    "SG.YOUR_SENDGRID_API_KEY",
                    "dop_v1_<token>",
                    "AIzaSy-your-api-key",
                    "glpat-<redacted>",
                    "ghp_****************",
                    "xoxp-REDACTED",
                    "Bearer <access_token>",
                    "eyJhbGciOi...",
                    "sk-ant-api03-...",
                    "AKIA****************"),
                true));
    k.put(
        "placeholder.private_key",
        r ->
            raw(
                "p",
                pick(
                    r,
                    "-----BEGIN PRIVATE KEY-----\nXXXX\nXXXX\n-----END PRIVATE KEY-----",
                    "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
                    "-----BEGIN OPENSSH PRIVATE KEY-----\n<your key here>\n-----END OPENSSH PRIVATE"
                        + " KEY-----",
                    "-----BEGIN EC PRIVATE KEY-----\n"
                        + "x".repeat(64)
                        + "\n-----END EC PRIVATE KEY-----",
                    "private_key: \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE"
                        + " KEY-----\\n\"")));
    // documented example values
    k.put(
        "example.aws",
        r ->
            new Sample(
                "e",
                pick(r, "aws_access_key_id", "aws_secret_access_key"),
                pick(
                    r,
                    "AKIAIOSFODNN7EXAMPLE",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "AKIAI44QH8DHBEXAMPLE",
                    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"),
                true));
    k.put(
        "example.stripe_docs",
        r ->
            new Sample(
                "e",
                "stripe_key",
                pick(r, "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "pk_test_TYooMQauvdEDq54NiTphI7jx"),
                true));
    k.put(
        "example.jwt_io",
        r ->
            new Sample(
                "e",
                pick(r, "token", "jwt", "id_token"),
                pick(
                    r,
                    JWT_IO,
                    jwt(
                        "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                        "{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}",
                        randomString(r, URLSAFE, 43))),
                true));
    // public keys
    k.put(
        "public.ssh",
        r ->
            new Sample(
                "k",
                pick(r, "public_key", "ssh_key", "authorized_key", "key"),
                pick(r, "ssh-rsa ", "ssh-ed25519 ", "ecdsa-sha2-nistp256 ")
                    + "AAAA"
                    + randomString(r, B64, 68 + r.nextInt(300))
                    + pick(r, "", "=", " user@laptop", " deploy@ci"),
                true));
    k.put(
        "public.der_base64",
        r ->
            new Sample(
                "k",
                pick(r, "key", "public_key", "signing_key", "verify_key", "jwt_public_key"),
                Base64.getEncoder()
                    .encodeToString(
                        spki(
                            r,
                            pick(
                                r,
                                "3059301306072a8648ce3d020106082a8648ce3d03010703420004",
                                "30820122300d06092a864886f70d01010105000382010f00",
                                "302a300506032b6570032100"))),
                true));
    k.put(
        "public.pem",
        r ->
            raw(
                "k",
                pem(
                    pick(r, "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "PGP PUBLIC KEY BLOCK"),
                    r)));
    // hashes, ids and digests
    k.put(
        "hash.hex",
        r ->
            new Sample(
                "h",
                pick(
                    r,
                    "checksum",
                    "sha256",
                    "key_hash",
                    "secret_hash",
                    "token_sha256",
                    "api_key_digest",
                    "etag",
                    "password_md5"),
                hex(r, pick(r, 32, 40, 64, 128)),
                true));
    k.put(
        "hash.bcrypt",
        r ->
            new Sample(
                "h",
                pick(r, "password_hash", "hashed_password", "pw_hash"),
                pick(r, "$2b$", "$2a$", "$2y$")
                    + pick(r, "10", "12")
                    + "$"
                    + randomString(r, ALNUM + "./", 53),
                true));
    k.put(
        "hash.argon2",
        r ->
            new Sample(
                "h",
                "password_hash",
                "$argon2id$v=19$m=65536,t=3,p=4$"
                    + randomString(r, B64, 22)
                    + "$"
                    + randomString(r, B64, 43),
                true));
    k.put(
        "id.uuid",
        r ->
            new Sample(
                "u",
                pick(
                    r,
                    "client_id",
                    "api_key_id",
                    "secret_id",
                    "request_id",
                    "tenant_id",
                    "token_id",
                    "credentialsId",
                    "key_id"),
                uuid(r),
                true));
    k.put(
        "id.git_sha",
        r ->
            new Sample(
                "g",
                pick(r, "commit", "revision", "SRCREV_app", "ref", "sha", "base_sha"),
                hex(r, 40),
                true));
    k.put(
        "integrity.npm",
        r -> new Sample("i", "integrity", "sha512-" + randomString(r, B64, 86) + "==", true));
    k.put(
        "integrity.sri",
        r ->
            raw(
                "i",
                "<script src=\"https://cdn.example.org/lib.min.js\" integrity=\"sha384-"
                    + randomString(r, B64, 64)
                    + "\" crossorigin=\"anonymous\"></script>"));
    k.put(
        "integrity.gosum",
        r ->
            raw(
                "i",
                "github.com/acme/"
                    + randomString(r, "abcdefghijklmnop", 6)
                    + " v1.2."
                    + r.nextInt(20)
                    + " h1:"
                    + randomString(r, B64, 43)
                    + "="));
    k.put(
        "base64.short_text",
        r ->
            new Sample(
                "b",
                pick(r, "data", "payload", "encoded", "key_label", "secret_name", "body"),
                Base64.getEncoder()
                    .encodeToString(
                        pick(
                                r,
                                "Hello, World!",
                                "this is not a secret",
                                "{\"type\":\"service_account\"}",
                                "The quick brown fox jumps over the lazy dog",
                                "lorem ipsum dolor sit amet")
                            .getBytes(StandardCharsets.UTF_8)),
                true));
    // names, variables, format strings
    k.put(
        "code.variable",
        r ->
            raw(
                "c",
                pick(
                    r,
                    "password = get_password()",
                    "token = self.token",
                    "api_key = config[\"api_key\"]",
                    "secret = os.environ.get(\"APP_SECRET\")",
                    "password = getpass.getpass(\"Password: \")",
                    "const token = req.headers['x-auth-token'];",
                    "String password = System.getenv(\"DB_PASSWORD\");",
                    "client_secret = settings.CLIENT_SECRET",
                    "token := os.Getenv(\"GITHUB_TOKEN\")",
                    "api_key = kwargs.pop('api_key', None)",
                    "this.accessToken = accessToken;",
                    "password: ${DB_PASSWORD}",
                    "secret_key = secrets.token_hex(32)",
                    "auth = HTTPBasicAuth(username, password)",
                    "token = jwt.encode(payload, SECRET_KEY, algorithm=\"HS256\")")));
    k.put(
        "code.format",
        r ->
            raw(
                "c",
                pick(
                    r,
                    "headers = {\"Authorization\": f\"Bearer {token}\"}",
                    "headers = {'Authorization': 'Bearer ' + access_token}",
                    "url = f\"postgresql://{user}:{password}@{host}:5432/{db}\"",
                    "dsn = \"mysql://%s:%s@%s/%s\" % (user, password, host, name)",
                    "log.info(\"token=%s\", token[:4])",
                    "password = \"%s\" % pwd",
                    "fmt.Sprintf(\"password=%s host=%s\", pw, host)",
                    "conn_str = \"Server=db;User Id=app;Password=\" + password + \";\"",
                    "curl -H \"Authorization: Bearer $TOKEN\" https://api.example.com/v1/me",
                    "export GITHUB_TOKEN=$(gh auth token)")));
    k.put(
        "code.identifier",
        r ->
            raw(
                "c",
                pick(
                    r,
                    "api_key = \"X-Api-Key\"",
                    "TOKEN_HEADER = \"Authorization\"",
                    "password_field = \"password_confirmation\"",
                    "secret_name = \"prod/billing/stripe-secret-key\"",
                    "token_type = \"refresh_token\"",
                    "auth_scheme = \"Bearer\"",
                    "key_alias = \"billing-signing-key-2024\"",
                    "SECRET_KEY_ENV = \"DJANGO_SECRET_KEY\"",
                    "access_key_param = \"/prod/app/aws-access-key-id\"",
                    "token_url = \"https://oauth2.googleapis.com/token\"")));
    k.put(
        "code.resource",
        r ->
            raw(
                "c",
                pick(
                    r,
                    "kms_key_arn = \"arn:aws:kms:us-east-1:"
                        + digits(r, 12)
                        + ":key/"
                        + uuid(r)
                        + "\"",
                    "secret_arn: \"arn:aws:secretsmanager:eu-west-1:"
                        + digits(r, 12)
                        + ":secret:prod/db-"
                        + randomString(r, ALNUM, 6)
                        + "\"",
                    "secret_version = \"projects/billing-"
                        + digits(r, 6)
                        + "/secrets/db-pass/versions/"
                        + r.nextInt(9)
                        + "\"",
                    "secretKeyRef:\n  name: db-credentials-v" + r.nextInt(9) + "\n  key: password",
                    "password = random_password.db" + r.nextInt(9) + ".result",
                    "password: \"{{ vault_db_password }}\"",
                    "ssh_key_fingerprint = \"SHA256:" + randomString(r, B64, 43) + "\"",
                    "key_fingerprint: \"" + colonHex(r) + "\"",
                    "signing_key = \"" + hex(r, 16).toUpperCase(Locale.ROOT) + "\"",
                    "gpg --recv-keys " + hex(r, 40).toUpperCase(Locale.ROOT),
                    "\"private_key_id\": \"" + hex(r, 40) + "\",",
                    "cache_key = f\"user:{user_id}:v" + r.nextInt(9) + "\"",
                    "secret_name = \"prod/app-" + digits(r, 3) + "/stripe\"",
                    "api_version = \"2023-10-" + (10 + r.nextInt(18)) + "\"",
                    "password_reset_url = \"/auth/reset-password/" + uuid(r) + "\"",
                    "token_expiry = \"2026-0" + (1 + r.nextInt(9)) + "-01T12:00:00Z\"",
                    "secret_key = get_random_secret_key()",
                    "password: cGFzc3dvcmQ=  # base64 of the word password",
                    "<input type=\"password\" name=\"password\" autocomplete=\"current-password\">",
                    "keystore_password_env = \"KEYSTORE_PASS_" + r.nextInt(9) + "\"")));
    return k;
  }

  static final String JWT_IO =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
          + "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  // ---------------------------------------------------------------- real-format secrets

  static Map<String, Function<Random, Sample>> secretKinds() {
    Map<String, Function<Random, Sample>> k = new TreeMap<>();
    k.put("github_pat", r -> s("github_token", "ghp_" + randomString(r, ALNUM, 36)));
    k.put("github_oauth", r -> s("token", "gho_" + randomString(r, ALNUM, 36)));
    k.put(
        "github_fine_grained",
        r -> s("gh_token", "github_pat_" + randomString(r, ALNUM + "_", 82)));
    k.put("gitlab_pat", r -> s("gitlab_token", "glpat-" + randomString(r, URLSAFE, 20)));
    k.put(
        "slack_bot",
        r ->
            s(
                "slack_token",
                "xoxb-" + digits(r, 12) + "-" + digits(r, 13) + "-" + randomString(r, ALNUM, 24)));
    k.put(
        "slack_webhook",
        r ->
            s(
                "webhook_url",
                "https://hooks.slack.com/services/T"
                    + randomString(r, UPPER_B32, 8)
                    + "/B"
                    + randomString(r, UPPER_B32, 10)
                    + "/"
                    + randomString(r, ALNUM, 24)));
    k.put("aws_key_id", r -> s("aws_access_key_id", "AKIA" + randomString(r, UPPER_B32, 16)));
    k.put("aws_secret", r -> named("aws_secret_access_key", randomString(r, B64, 40)));
    k.put("stripe_live", r -> s("stripe_key", "sk_live_" + randomString(r, ALNUM, 24)));
    k.put("stripe_test", r -> s("stripe_key", "sk_test_" + randomString(r, ALNUM, 24)));
    k.put(
        "openai",
        r ->
            s(
                "openai_api_key",
                "sk-proj-"
                    + randomString(r, URLSAFE, 74)
                    + "T3BlbkFJ"
                    + randomString(r, URLSAFE, 74)));
    k.put(
        "anthropic",
        r -> s("anthropic_key", "sk-ant-api03-" + randomString(r, URLSAFE, 93) + "AA"));
    k.put("gcp_api_key", r -> s("google_api_key", "AIza" + randomString(r, URLSAFE, 35)));
    k.put("npm", r -> s("npm_token", "npm_" + randomString(r, ALNUM, 36)));
    k.put(
        "pypi",
        r ->
            s("pypi_token", "pypi-AgEIcHlwaS5vcmc" + randomString(r, URLSAFE, 60 + r.nextInt(80))));
    k.put("huggingface", r -> s("hf_token", "hf_" + randomString(r, ALNUM.substring(0, 52), 34)));
    k.put(
        "sendgrid",
        r ->
            s(
                "sendgrid_api_key",
                "SG." + randomString(r, URLSAFE, 22) + "." + randomString(r, URLSAFE, 43)));
    k.put("twilio_key", r -> s("twilio_api_key", "SK" + hex(r, 32)));
    k.put("digitalocean", r -> s("do_token", "dop_v1_" + hex(r, 64)));
    k.put("shopify", r -> s("shopify_token", "shpat_" + hex(r, 32)));
    k.put(
        "jwt",
        r ->
            s(
                "access_token",
                jwt(
                    "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + hex(r, 8) + "\"}",
                    "{\"sub\":\""
                        + uuid(r)
                        + "\",\"iss\":\"https://auth.acme-corp.io\",\"exp\":"
                        + (1_760_000_000 + r.nextInt(50_000_000))
                        + "}",
                    randomString(r, URLSAFE, 86))));
    k.put(
        "private_key",
        r ->
            new Sample(
                "s",
                "value",
                pem(
                    pick(
                        r,
                        "PRIVATE KEY",
                        "RSA PRIVATE KEY",
                        "EC PRIVATE KEY",
                        "OPENSSH PRIVATE KEY"),
                    r),
                false));
    k.put("password", r -> named(pick(r, "password", "db_password", "DB_PASS"), password(r)));
    k.put(
        "generic_api_key",
        r ->
            named(
                pick(r, "api_key", "apiKey", "secret_key", "auth_token"),
                randomString(r, ALNUM, 32)));
    k.put(
        "url_credentials",
        r ->
            new Sample(
                "s",
                "database_url",
                pick(r, "postgres://", "mysql://", "mongodb+srv://", "redis://")
                    + pick(r, "app", "admin", "svc_billing")
                    + ":"
                    + password(r)
                        .replace("%", "%25")
                        .replace("@", "%40")
                        .replace("#", "%23")
                        .replace("&", "%26")
                    + "@db.internal:5432/app",
                true));
    k.put(
        "bearer_header",
        r ->
            new Sample(
                "s",
                "value",
                "curl -H \"Authorization: Bearer "
                    + randomString(r, ALNUM, 40)
                    + "\" https://api.acme.io/v1/me",
                false));
    k.put(
        "telegram",
        r -> s("telegram_bot_token", digits(r, 10) + ":AA" + randomString(r, URLSAFE, 33)));
    return k;
  }

  private static Sample named(String name, String value) {
    return new Sample("n", name, value, true);
  }

  private static Sample s(String name, String value) {
    return new Sample("s", name, value, true);
  }

  // ---------------------------------------------------------------- helpers

  @SafeVarargs
  static <T> T pick(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }

  static String randomString(Random r, String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  static String digits(Random r, int length) {
    return (char) ('1' + r.nextInt(9)) + randomString(r, "0123456789", length - 1);
  }

  static String hex(Random r, int length) {
    byte[] bytes = new byte[(length + 1) / 2];
    r.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, length);
  }

  /** A DER SubjectPublicKeyInfo: the algorithm header, then random key bytes. */
  static byte[] spki(Random r, String headerHex) {
    byte[] header = HexFormat.of().parseHex(headerHex);
    int size = headerHex.startsWith("3082") ? 270 : headerHex.startsWith("302a") ? 32 : 64;
    byte[] out = new byte[header.length + size];
    System.arraycopy(header, 0, out, 0, header.length);
    byte[] key = new byte[size];
    r.nextBytes(key);
    System.arraycopy(key, 0, out, header.length, size);
    return out;
  }

  static String colonHex(Random r) {
    StringBuilder out = new StringBuilder(hex(r, 2));
    for (int i = 1; i < 16; i++) {
      out.append(':').append(hex(r, 2));
    }
    return out.toString();
  }

  static String uuid(Random r) {
    String h = hex(r, 32);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-4"
        + h.substring(13, 16)
        + "-a"
        + h.substring(17, 20)
        + "-"
        + h.substring(20);
  }

  static String password(Random r) {
    return randomString(r, ALNUM, 6 + r.nextInt(6))
        + pick(r, "!", "#", "$", "%", "&", "*", "@")
        + digits(r, 2)
        + randomString(r, ALNUM, 3);
  }

  static String jwt(String header, String payload, String signature) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + signature;
  }

  static String pem(String label, Random r) {
    byte[] body = new byte[label.contains("PUBLIC") ? 294 : 1190];
    r.nextBytes(body);
    String b64 = Base64.getEncoder().encodeToString(body);
    StringBuilder out = new StringBuilder("-----BEGIN " + label + "-----\n");
    for (int i = 0; i < b64.length(); i += 64) {
      out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    return out.append("-----END ").append(label).append("-----").toString();
  }
}
