package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.countersign.StoreTest;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The app, once ready, has set the JVM to give idle heap back, unless the command line said otherwise. */
@StoreTest
class IdleHeapTests {

  @Test
  void theJvmCollectsWhenIdleAndKeepsLittleFreeHeap() {
    HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    assertThat(hotSpot.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo("10000");
    assertThat(hotSpot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("30");
    assertThat(hotSpot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("10");
  }
}
