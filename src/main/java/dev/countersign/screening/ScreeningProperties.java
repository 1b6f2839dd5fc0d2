package dev.countersign.screening;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param policyTerms words and phrases a draft must not contain */
@ConfigurationProperties("countersign.screening")
record ScreeningProperties(
    @DefaultValue({"guaranteed returns", "risk-free", "legal advice", "medical diagnosis"}) List<String> policyTerms) {}
