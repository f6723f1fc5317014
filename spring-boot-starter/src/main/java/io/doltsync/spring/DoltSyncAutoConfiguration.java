package io.doltsync.spring;

import io.doltsync.DoltSync;
import io.doltsync.jdbc.DoltSyncDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * doltsync's auto-configuration: every {@link DataSource} bean (or those named by {@code doltsync.data-sources})
 * mirrors into Dolt, configured by {@code doltsync.*} properties; the application's URL, Boot's defaults (H2's
 * user {@code sa}), Flyway/Liquibase and the pool stay as they are. With Actuator: a {@code doltsync} health
 * indicator; with Micrometer: the mirror's gauges; with {@code doltsync.commit-metadata.enabled=true}: commits
 * named after Spring's user, request and transaction.
 */
@AutoConfiguration
@ConditionalOnClass({DataSource.class, DoltSyncDataSource.class})
@EnableConfigurationProperties(DoltSyncProperties.class)
public class DoltSyncAutoConfiguration {

  @Bean
  static DoltSyncDataSourcePostProcessor doltSyncDataSourcePostProcessor(Environment environment) {
    return new DoltSyncDataSourcePostProcessor(environment);
  }

  @Bean
  @ConditionalOnProperty(prefix = "doltsync.commit-metadata", name = "enabled", havingValue = "true")
  @ConditionalOnMissingBean(SpringCommitMetadataProvider.class)
  SpringCommitMetadataProvider springCommitMetadataProvider(DoltSyncProperties properties) {
    return new SpringCommitMetadataProvider(properties.getCommitMetadata().getEmailDomain());
  }

  @Bean
  @ConditionalOnProperty(prefix = "doltsync.commit-metadata", name = "enabled", havingValue = "true")
  ProviderRegistration doltSyncCommitMetadataRegistration(SpringCommitMetadataProvider provider) {
    return new ProviderRegistration(provider);
  }

  /** Registers the provider with doltsync while the context lives. */
  static final class ProviderRegistration implements InitializingBean, DisposableBean {
    private final SpringCommitMetadataProvider provider;

    ProviderRegistration(SpringCommitMetadataProvider provider) {
      this.provider = provider;
    }

    @Override
    public void afterPropertiesSet() {
      DoltSync.registerCommitMetadataProvider(provider);
    }

    @Override
    public void destroy() {
      DoltSync.unregisterCommitMetadataProvider(provider);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class HealthConfiguration {
    @Bean(name = "doltsyncHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("doltsync")
    @ConditionalOnMissingBean(name = "doltsyncHealthIndicator")
    DoltSyncHealthIndicator doltsyncHealthIndicator() {
      return new DoltSyncHealthIndicator();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    DoltSyncMetrics doltSyncMetrics() {
      return new DoltSyncMetrics();
    }
  }
}
