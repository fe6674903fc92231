package dev.codegen.gateway.database;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets {@code spring.datasource.url} (and so {@code CODEGEN_DATABASE_URL}) be either a JDBC URL or
 * a {@code postgresql://user:pass@host/db} URI. Boot builds the pool from these details.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConnectionConfiguration {

  @Bean
  JdbcConnectionDetails jdbcConnectionDetails(DataSourceProperties properties) {
    DatabaseUrl url =
        DatabaseUrl.parse(properties.getUrl(), properties.getUsername(), properties.getPassword());
    return new JdbcConnectionDetails() {
      @Override
      public String getUsername() {
        return url.username();
      }

      @Override
      public String getPassword() {
        return url.password();
      }

      @Override
      public String getJdbcUrl() {
        return url.jdbcUrl();
      }
    };
  }
}
