package dev.codegen.gateway.dashboard;

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

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/dashboard", "/dashboard/");
    registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
    registry.addRedirectViewController("/docs", "/docs/");
    registry.addViewController("/docs/").setViewName("forward:/docs/index.html");
  }
}
