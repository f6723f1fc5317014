package io.doltsync.samples.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.batch.support.transaction.ResourcelessTransactionManager;

/**
 * A three-step Spring Batch job over a doltsync connection, each step a lineage scope
 * ({@link LineageStepListener}):
 * <ol>
 *   <li>{@code clean}: reads {@code sales}, writes the valid ones (quantity above zero) to {@code sales_clean};</li>
 *   <li>{@code aggregate}: reads {@code sales_clean} and {@code products}, writes revenue per category to
 *       {@code category_totals};</li>
 *   <li>{@code report}: reads {@code category_totals}, writes the ranked lines to {@code report}.</li>
 * </ol>
 * The job's metadata stays in memory ({@link ResourcelessJobRepository}): only the data is in the database.
 */
public final class SalesPipeline {

  /** The flow (job) name the lineage records. */
  public static final String FLOW = "sales";

  /** The query of the aggregate step, as it reads its inputs. */
  public static final String AGGREGATE = "SELECT p.category, SUM(s.quantity * s.price) AS revenue"
      + " FROM sales_clean s JOIN products p ON p.id = s.product_id GROUP BY p.category ORDER BY p.category";

  private SalesPipeline() {}

  /** Creates the pipeline's tables. */
  public static void createTables(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE products (id INT PRIMARY KEY, category VARCHAR(40) NOT NULL)");
      s.execute("CREATE TABLE sales (id INT PRIMARY KEY, product_id INT NOT NULL, quantity INT NOT NULL,"
          + " price DECIMAL(10,2) NOT NULL)");
      s.execute("CREATE TABLE sales_clean (id INT PRIMARY KEY, product_id INT NOT NULL, quantity INT NOT NULL,"
          + " price DECIMAL(10,2) NOT NULL)");
      s.execute("CREATE TABLE category_totals (category VARCHAR(40) PRIMARY KEY, revenue DECIMAL(14,2) NOT NULL)");
      s.execute("CREATE TABLE report (line INT PRIMARY KEY, text VARCHAR(200) NOT NULL)");
    }
  }

  /** Runs the job once as run {@code runId}; returns its status. */
  public static BatchStatus run(DataSource doltsync, String runId) throws Exception {
    JobRepository repository = new ResourcelessJobRepository();
    LineageStepListener lineage = new LineageStepListener(doltsync);
    ResourcelessTransactionManager transactions = new ResourcelessTransactionManager();
    Job job = new JobBuilder(FLOW, repository)
        .start(step("clean", repository, transactions, lineage, SalesPipeline::clean))
        .next(step("aggregate", repository, transactions, lineage, SalesPipeline::aggregate))
        .next(step("report", repository, transactions, lineage, SalesPipeline::report))
        .build();
    TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
    launcher.setJobRepository(repository);
    launcher.afterPropertiesSet();
    JobExecution execution = launcher.run(job, new JobParametersBuilder().addString("run", runId).toJobParameters());
    return execution.getStatus();
  }

  /** A step's work on its lineage-scoped connection. */
  @FunctionalInterface
  private interface Work {
    void run(Connection connection) throws SQLException;
  }

  private static Step step(String name, JobRepository repository, ResourcelessTransactionManager transactions,
      LineageStepListener lineage, Work work) {
    Tasklet tasklet = (contribution, chunk) -> {
      Connection connection = lineage.connection();
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
      return RepeatStatus.FINISHED;
    };
    return new StepBuilder(name, repository).tasklet(tasklet, transactions).listener(lineage).build();
  }

  private static void clean(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("DELETE FROM sales_clean");
    }
    try (Statement read = connection.createStatement();
        ResultSet sales = read.executeQuery("SELECT id, product_id, quantity, price FROM sales ORDER BY id");
        PreparedStatement insert = connection.prepareStatement("INSERT INTO sales_clean VALUES (?, ?, ?, ?)")) {
      while (sales.next()) {
        if (sales.getInt(3) > 0) {
          insert.setInt(1, sales.getInt(1));
          insert.setInt(2, sales.getInt(2));
          insert.setInt(3, sales.getInt(3));
          insert.setBigDecimal(4, sales.getBigDecimal(4));
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private static void aggregate(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("DELETE FROM category_totals");
    }
    try (Statement read = connection.createStatement(); ResultSet totals = read.executeQuery(AGGREGATE);
        PreparedStatement insert = connection.prepareStatement("INSERT INTO category_totals VALUES (?, ?)")) {
      while (totals.next()) {
        insert.setString(1, totals.getString(1));
        insert.setBigDecimal(2, totals.getBigDecimal(2));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void report(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("DELETE FROM report");
    }
    try (Statement read = connection.createStatement();
        ResultSet totals = read.executeQuery("SELECT category, revenue FROM category_totals ORDER BY revenue DESC, category");
        PreparedStatement insert = connection.prepareStatement("INSERT INTO report VALUES (?, ?)")) {
      int line = 0;
      while (totals.next()) {
        insert.setInt(1, ++line);
        insert.setString(2, line + ". " + totals.getString(1) + ": " + totals.getBigDecimal(2).toPlainString());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
