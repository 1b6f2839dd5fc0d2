package dev.countersign.memory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The same workload with no memories in the prompt: see {@link MemoryHarness}. */
@Tag("benchmark")
@TestPropertySource(properties = "countersign.generation.memory-examples=0")
class MemoryOffHarnessBenchmark extends MemoryHarness {

  @Override
  String label() {
    return "off";
  }

  @Test
  void editsPerBatch() throws Exception {
    run();
  }
}
