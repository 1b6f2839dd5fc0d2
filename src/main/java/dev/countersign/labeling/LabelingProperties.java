package dev.countersign.labeling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxItemChars the longest item text an upload accepts
 * @param startBatch how many queued items one transaction starts
 * @param startInterval how often each node looks for queued items (an upload also wakes it at once)
 */
@ConfigurationProperties("countersign.labeling")
record LabelingProperties(@DefaultValue("20000") int maxItemChars, @DefaultValue("200") int startBatch,
    @DefaultValue("2s") Duration startInterval) {}
