package io.doltsync.samples.batch;

import io.doltsync.DoltSync;
import io.doltsync.lineage.LineageScope;
import io.doltsync.lineage.LineageUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;

/**
 * Makes every step of a Spring Batch job a doltsync lineage scope: before the step it takes a connection
 * from the doltsync {@link DataSource} and opens the scope (flow = the job's name, run = the job parameter
 * {@code run}, else the job execution id, step = the step's name); the step works through
 * {@link #connection()}; after the step the scope closes, as failed when the step failed. What the step
 * read and wrote is then in Dolt's {@code _doltsync_lineage}, and in OpenLineage when
 * {@code doltsync.lineage.openLineage} is set.
 */
public final class LineageStepListener implements StepExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(LineageStepListener.class);

  private final DataSource dataSource;
  private final Map<Long, Open> open = new ConcurrentHashMap<>();
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  private record Open(Connection connection, LineageScope scope) {}

  public LineageStepListener(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void beforeStep(StepExecution step) {
    String flow = step.getJobExecution().getJobInstance().getJobName();
    String run = step.getJobParameters().getString("run", String.valueOf(step.getJobExecutionId()));
    try {
      Connection connection = dataSource.getConnection();
      try {
        LineageScope scope = DoltSync.lineage(connection, LineageUnit.of(flow, run, step.getStepName())
            .withTag("stepExecutionId", String.valueOf(step.getId())));
        open.put(step.getId(), new Open(connection, scope));
        current.set(connection);
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the lineage scope of step " + step.getStepName() + ": "
          + e.getMessage(), e);
    }
  }

  /** The doltsync connection of the step running on this thread; its reads and writes are the step's lineage. */
  public Connection connection() {
    Connection connection = current.get();
    if (connection == null) {
      throw new IllegalStateException("no step with a lineage scope runs on this thread");
    }
    return connection;
  }

  @Override
  public ExitStatus afterStep(StepExecution step) {
    Open scope = open.remove(step.getId());
    current.remove();
    if (scope == null) {
      return null;
    }
    try (Connection connection = scope.connection()) {
      if (step.getStatus().isUnsuccessful() || !step.getFailureExceptions().isEmpty()) {
        scope.scope().fail(step.getFailureExceptions().isEmpty()
            ? new IllegalStateException("step " + step.getStepName() + " ended " + step.getStatus())
            : step.getFailureExceptions().get(0));
      }
      scope.scope().close();
      return null;
    } catch (SQLException e) {
      LOG.error("cannot record the lineage of step {}: {}", step.getStepName(), e.getMessage(), e);
      return ExitStatus.FAILED.addExitDescription("lineage not recorded: " + e.getMessage());
    }
  }
}
