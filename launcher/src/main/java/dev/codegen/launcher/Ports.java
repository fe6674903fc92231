package dev.codegen.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers for the in-process infrastructure, which binds to the loopback interface only. */
public final class Ports {

  private Ports() {}

  /** A port the operating system reports free right now on the loopback interface. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  /** Whether nothing listens on {@code port} of the loopback interface. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * {@code preferred} when it is free, else a free port. Zero means "any free port". A well-known
   * default (9092, 5432) lets outside tools find the broker and database without reading the log;
   * falling back keeps one command working when another broker or database already runs there.
   */
  public static int preferredOrFree(int preferred) {
    return preferred > 0 && isFree(preferred) ? preferred : free();
  }
}
