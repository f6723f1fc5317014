package io.doltsync.spring;

import io.doltsync.DoltSync;
import io.doltsync.MirrorHealth;
import io.doltsync.MirrorStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Actuator health of this JVM's mirrors ({@code /actuator/health/doltsync}): DOWN when a mirror's applier cannot
 * work, OUT_OF_SERVICE when entries were quarantined or tables diverged (Dolt's history lacks changes until a
 * reconcile), UP otherwise (lagging included, with its details); UNKNOWN before the first mirrored connection.
 */
public class DoltSyncHealthIndicator extends AbstractHealthIndicator {

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    List<MirrorStatus> mirrors = DoltSync.mirrorStatus();
    if (mirrors.isEmpty()) {
      builder.unknown().withDetail("mirrors", 0);
      return;
    }
    MirrorHealth worst = MirrorHealth.HEALTHY;
    for (MirrorStatus mirror : mirrors) {
      if (mirror.health().ordinal() < worst.ordinal()) {
        worst = mirror.health();
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("health", mirror.health().name());
      details.put("queue", mirror.queueDepth());
      details.put("lagMillis", mirror.lagMillis());
      details.put("quarantined", mirror.quarantinedEntries());
      details.put("divergedTables", mirror.divergedTables());
      details.put("applierActive", mirror.applierActive());
      if (mirror.lastError() != null) {
        details.put("lastError", mirror.lastError());
      }
      builder.withDetail(mirror.database() + "/" + mirror.branch(), details);
    }
    builder.status(switch (worst) {
      case DOWN -> Status.DOWN;
      case DEGRADED -> Status.OUT_OF_SERVICE;
      default -> Status.UP;
    });
  }
}
