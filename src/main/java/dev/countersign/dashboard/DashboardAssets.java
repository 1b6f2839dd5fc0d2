package dev.countersign.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The pages' own scripts and styles; the pages themselves go through {@link DashboardController}'s checks. */
@Configuration(proxyBeanMethods = false)
class DashboardAssets implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/dashboard/assets/**").addResourceLocations("classpath:/dashboard/assets/");
  }
}
