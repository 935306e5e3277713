package dev.scimpurge.job;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import dev.scimpurge.ScimPurgeProperties;

/**
 * Whether the process behind a running execution, or behind a target lock, still runs. On the
 * same host the process table says so at once; a process on another host counts as gone once it
 * has been silent for {@code scim-purge.job.stale-after}.
 */
@Component
public class OwnerLiveness {

    private static final Duration NEVER_HEARD_OF = Duration.ofSeconds(Long.MAX_VALUE);

    private final ExecutionRegistry registry;
    private final Duration staleAfter;

    public OwnerLiveness(ExecutionRegistry registry, ScimPurgeProperties properties) {
        this.registry = registry;
        this.staleAfter = properties.job().staleAfter();
    }

    /** @param silence how long ago the owner last gave a sign of life */
    public boolean isAlive(ExecutionOwner owner, Duration silence) {
        return owner.isAliveSeenFromHere().orElseGet(() -> silence.compareTo(staleAfter) < 0);
    }

    /** For an execution marked running: its registered owner, or its last update if it never registered one. */
    public boolean isAlive(JobExecution execution) {
        Duration silence = silence(execution);
        return registry.owner(execution.getId())
                .map(owner -> isAlive(owner, silence))
                .orElseGet(() -> silence.compareTo(staleAfter) < 0);
    }

    /** Who left an execution running, and why it counts as gone, for the operator. */
    public String describeGone(JobExecution execution) {
        Optional<ExecutionOwner> owner = registry.owner(execution.getId());
        if (owner.isEmpty()) {
            return "a process that never registered";
        }
        return owner.get() + (owner.get().isAliveSeenFromHere().isPresent()
                ? ", which is no longer running"
                : ", which has been silent for more than " + minutesOrSeconds(staleAfter));
    }

    /** How often a live owner must give a sign of life: well within {@code stale-after}. */
    public Duration signOfLifeInterval() {
        return staleAfter.dividedBy(3);
    }

    static String minutesOrSeconds(Duration duration) {
        return duration.toSecondsPart() == 0 && duration.toMinutes() > 0
                ? duration.toMinutes() + " min"
                : duration.toSeconds() + " s";
    }

    /** Spring Batch updates an execution and its steps at every chunk commit. */
    private static Duration silence(JobExecution execution) {
        return Stream.concat(Stream.of(execution.getLastUpdated(), execution.getStartTime()),
                        execution.getStepExecutions().stream().map(StepExecution::getLastUpdated))
                .filter(Objects::nonNull)
                .max(LocalDateTime::compareTo)
                .map(last -> Duration.between(last, LocalDateTime.now()))
                .orElse(NEVER_HEARD_OF);
    }
}
