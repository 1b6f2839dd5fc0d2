package dev.countersign.memory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code ./mvnw test -Pbenchmark -Dtest='Memory*HarnessBenchmark'}: see {@link MemoryHarness}. */
@Tag("benchmark")
class MemoryOnHarnessBenchmark extends MemoryHarness {

  @Override
  String label() {
    return "on";
  }

  @Test
  void editsPerBatch() throws Exception {
    run();
  }
}
