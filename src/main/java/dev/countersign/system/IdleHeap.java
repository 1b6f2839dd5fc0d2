package dev.countersign.system;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Gives back heap the process no longer uses. With the JVM's defaults G1 keeps the heap it grew to
 * while starting (about 650 MB committed for about 100 MB live on the development machine) and
 * returns nothing while idle. The settings that change that are manageable, so they are set once
 * the app is ready: a collection when no other ran for {@code IDLE_GC_INTERVAL}, and at most 30%
 * of the heap free after it. A setting given on the command line is left as it is.
 */
@Component
class IdleHeap {

  private static final Logger log = LoggerFactory.getLogger(IdleHeap.class);

  private final Duration interval;

  IdleHeap(Environment environment) {
    this.interval = environment.getProperty("countersign.jvm.idle-gc-interval", Duration.class, Duration.ofSeconds(10));
  }

  @EventListener(ApplicationReadyEvent.class)
  void release() {
    if (interval.isZero()) {
      return;
    }
    // Min before max: the JVM refuses a maximum below the minimum in force.
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("MinHeapFreeRatio", "10");
    wanted.put("MaxHeapFreeRatio", "30");
    wanted.put("G1PeriodicGCInterval", String.valueOf(interval.toMillis()));
    HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    Map<String, String> set = new LinkedHashMap<>();
    wanted.forEach((name, value) -> {
      try {
        if (hotSpot.getVMOption(name).getOrigin() == VMOption.Origin.DEFAULT) {
          hotSpot.setVMOption(name, value);
          set.put(name, value);
        }
      } catch (IllegalArgumentException e) {
        log.warn("JVM option {}={} not set: {}", name, value, e.getMessage());
      }
    });
    if (!set.isEmpty()) {
      log.info("Idle heap is given back (IDLE_GC_INTERVAL={}; 0 turns this off): {}", interval, set);
    }
  }
}
