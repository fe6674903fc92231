package dev.codegen.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a fixed local port, standing in for the network path to Kafka's bootstrap
 * address: until {@link #start} it refuses connections like a broker that is down.
 */
public final class TcpProxy implements AutoCloseable {

  private final int port;
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  public TcpProxy(int port) {
    this.port = port;
  }

  /** A free local port. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts listening and forwards every connection to {@code targetPort}. */
  public void start(int targetPort) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress("127.0.0.1", port));
    open.add(server);
    daemon(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket client = server.accept();
              Socket upstream = new Socket("127.0.0.1", targetPort);
              open.add(client);
              open.add(upstream);
              daemon(() -> pump(client, upstream));
              daemon(() -> pump(upstream, client));
            } catch (IOException e) {
              // closed
            }
          }
        });
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // connection cut
    }
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "tcp-proxy");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    for (AutoCloseable closeable : open) {
      try {
        closeable.close();
      } catch (Exception e) {
        // already closed
      }
    }
    open.clear();
  }
}
