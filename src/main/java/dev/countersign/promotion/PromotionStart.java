package dev.countersign.promotion;

import dev.countersign.system.Roles;
import dev.countersign.system.StartableProcess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PromotionStart {

  /** Model owners propose prompt versions with the Tasklist's start form as well as with /api/prompts. */
  @Bean
  StartableProcess startablePromotion() {
    return new StartableProcess(CandidatePromotion.PROCESS_KEY, List.of(Roles.MODEL_OWNERS));
  }
}
