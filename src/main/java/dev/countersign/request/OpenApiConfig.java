package dev.countersign.request;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  @Bean
  OpenAPI countersignApi() {
    return new OpenAPI()
        .info(new Info().title("Countersign API")
            .description("Submit LLM output for human review and follow it to a decision.")
            .version("v1"))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A Camunda user, for example requester / requester in the demo profile")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
