package dev.countersign.system;

import java.util.List;

/**
 * A process that people start themselves (with the Tasklist's start form or /engine-rest), and
 * the groups that may. Each feature declares its own as a bean, so the grants name no process
 * that system would have to know.
 */
public record StartableProcess(String processKey, List<String> groups) {}
