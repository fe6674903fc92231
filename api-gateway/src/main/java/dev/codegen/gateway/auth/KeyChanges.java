package dev.codegen.gateway.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on PostgreSQL for key changes made by any gateway instance and clears {@link ApiKeys}'
 * cache when one commits, so a revoked or rotated key is refused by every instance at once. While
 * the listening connection is down the cache is off and every request looks its key up.
 */
class KeyChanges implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KeyChanges.class);
  private static final int WAIT_MILLIS = 500;

  private final DataSource dataSource;
  private final ApiKeys keys;
  private volatile boolean running;
  private Thread thread;

  KeyChanges(DataSource dataSource, ApiKeys keys) {
    this.dataSource = dataSource;
    this.keys = keys;
  }

  private void listen() {
    boolean warned = false;
    while (running) {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + ApiKeyStore.CHANNEL);
        PGConnection pg = connection.unwrap(PGConnection.class);
        keys.cacheWhileHearing(true);
        if (warned) {
          log.info("hearing key changes again; key cache on");
          warned = false;
        }
        while (running) {
          PGNotification[] changes = pg.getNotifications(WAIT_MILLIS);
          if (changes != null && changes.length > 0) {
            keys.forgetAll();
          }
        }
      } catch (SQLException | RuntimeException e) {
        keys.cacheWhileHearing(false);
        if (running && !warned) {
          log.warn("cannot hear key changes ({}); key cache off until then", e.getMessage());
          warned = true;
        }
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    thread = new Thread(this::listen, "key-changes");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    keys.cacheWhileHearing(false);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
