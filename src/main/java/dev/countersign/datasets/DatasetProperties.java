package dev.countersign.datasets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param progressEvery log progress every this many lines of an export; the held-out share under
 *     the same prefix is the feedback store's {@code HeldOutSplit}
 */
@ConfigurationProperties("countersign.datasets")
record DatasetProperties(@DefaultValue("100000") long progressEvery) {}
