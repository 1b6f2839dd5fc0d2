package dev.countersign.dashboard;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param window how far back the dashboard's rates, percentiles and token counts look
 * @param currency what the prices are in, as shown beside the cost
 * @param prices what each model costs, per million prompt and completion tokens; a model without a
 *     price shows its tokens and no cost
 */
@ConfigurationProperties("countersign.dashboard")
record DashboardProperties(Duration window, String currency, List<Price> prices) {

  record Price(String model, BigDecimal promptPerMillion, BigDecimal completionPerMillion) {}

  DashboardProperties {
    prices = prices == null ? List.of() : List.copyOf(prices);
  }
}
