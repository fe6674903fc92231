package dev.codegen.gateway.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@link HttpLimits#maxBody()} before anything parses them: at once
 * when {@code Content-Length} says so, otherwise while the body is read (chunked uploads).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long limit;

  BodySizeLimitFilter(HttpLimits limits) {
    this.limit = limits.maxBody().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      reject(request, response);
      return;
    }
    chain.doFilter(new LimitedRequest(request, limit), response);
  }

  private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
    // Written by hand: a filter runs outside Spring MVC's message converters, and every value
    // here is ours (no client input is echoed).
    String body =
        "{\"type\":\"%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"request body exceeds %d bytes\",\"instance\":\"%s\"}"
            .formatted(
                type.uri(),
                type.title(),
                type.status().value(),
                limit,
                safe(request.getRequestURI()));
    response.setStatus(type.status().value());
    response.setContentType(Problem.MEDIA_TYPE.toString());
    response.setHeader("Connection", "close");
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String safe(String path) {
    return path.replaceAll("[^A-Za-z0-9/._~-]", "");
  }

  /** Counts body bytes as they are read and fails past the limit. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {
    private final ServletInputStream delegate;
    private final long limit;
    private long count;

    LimitedStream(ServletInputStream delegate, long limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = delegate.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = delegate.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      delegate.setReadListener(listener);
    }
  }
}
