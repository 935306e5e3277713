package dev.scimpurge;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Import;

import dev.scimpurge.job.ExecutionControl;
import dev.scimpurge.job.ExecutionRegistry;
import dev.scimpurge.job.JobDatabaseSchema;
import dev.scimpurge.job.OwnerLiveness;
import dev.scimpurge.job.TargetLockTable;

/**
 * The Spring context of an operator command (stop, abandon, restart's look-up): the job database
 * with Spring Batch's repository and operator, without the job or a SCIM connection. Deliberately
 * not a {@code @Configuration}, so that {@link PurgeApplication}'s component scan leaves it out.
 */
@EnableAutoConfiguration(exclude = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(ScimPurgeProperties.class)
@Import({JsonMapperConfiguration.class, JobDatabaseSchema.class, ExecutionRegistry.class, TargetLockTable.class, OwnerLiveness.class, ExecutionControl.class})
public class OperatorApplication {
}
