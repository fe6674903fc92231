package dev.codegen.gateway.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location given either as a JDBC URL or in the libpq/URI form {@code
 * postgresql://user:pass@host:port/db} that the original service's {@code CODEGEN_DATABASE_URL}
 * used. Credentials embedded in the URI win over none, explicit ones win over embedded ones.
 *
 * @param jdbcUrl the JDBC URL without credentials
 * @param username the user, or {@code null}
 * @param password the password, or {@code null}
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

  /** Parses {@code url}, falling back to {@code username}/{@code password} when not embedded. */
  public static DatabaseUrl parse(String url, String username, String password) {
    String trimmed = url == null ? "" : url.trim();
    if (trimmed.startsWith("jdbc:")) {
      return new DatabaseUrl(trimmed, blankToNull(username), blankToNull(password));
    }
    if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
      throw new IllegalArgumentException(
          "database URL must start with jdbc:postgresql://, postgresql:// or postgres://");
    }
    URI uri = URI.create(trimmed);
    String user = blankToNull(username);
    String pass = blankToNull(password);
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = user != null ? user : decode(parts[0]);
      pass = pass != null ? pass : (parts.length > 1 ? decode(parts[1]) : null);
    }
    String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String jdbc = "jdbc:postgresql://" + uri.getHost() + port + path + query;
    return new DatabaseUrl(jdbc, user, pass);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
