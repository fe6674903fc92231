package dev.codegen.gateway.dashboard;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard ({@code /dashboard/}) and the API docs ({@code /docs/}) are static pages under
 * {@code static/}; these routes give them their short addresses. The pages call only the documented
 * API, with the key the user enters.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

  /**
   * The dashboard loads only its own files and talks only to this gateway: no inline script or
   * style, no other origin, no framing. Should a job's text ever reach the page as markup, the
   * browser would still refuse to run it.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  @Bean
  FilterRegistrationBean<Filter> dashboardHeaders() {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(
            (request, response, chain) -> {
              HttpServletResponse http = (HttpServletResponse) response;
              http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
              http.setHeader("X-Content-Type-Options", "nosniff");
              http.setHeader("Referrer-Policy", "no-referrer");
              chain.doFilter(request, response);
            });
    registration.addUrlPatterns("/dashboard", "/dashboard/*");
    return registration;
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/dashboard", "/dashboard/");
    registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
    registry.addRedirectViewController("/docs", "/docs/");
    registry.addViewController("/docs/").setViewName("forward:/docs/index.html");
  }
}
