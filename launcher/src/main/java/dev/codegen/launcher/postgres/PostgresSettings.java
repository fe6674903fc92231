package dev.codegen.launcher.postgres;

import java.nio.file.Path;

/**
 * How to run the embedded PostgreSQL.
 *
 * @param port the port to prefer; 0 picks a free one, and a taken port falls back to a free one
 * @param dataDirectory where the cluster lives, kept across runs; {@code null} for a throwaway
 *     temporary directory
 * @param database the database the services use, created when missing
 */
public record PostgresSettings(int port, Path dataDirectory, String database) {}
