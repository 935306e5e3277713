package dev.scimpurge.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import dev.scimpurge.RestoreApplication;
import dev.scimpurge.audit.ItemOutcome;
import dev.scimpurge.audit.Outcome;
import dev.scimpurge.audit.OutcomeRepository;
import dev.scimpurge.job.JobDatabase;
import dev.scimpurge.job.PurgeJobParameters;
import dev.scimpurge.job.PurgeTargetLock;
import dev.scimpurge.job.RunRefusedException;
import dev.scimpurge.job.guard.RemovalConfirmation;
import dev.scimpurge.job.guard.RemovalGuardException;
import dev.scimpurge.job.purge.KeptResources;
import dev.scimpurge.provider.Credentials;
import dev.scimpurge.provider.ProviderRun;
import dev.scimpurge.provider.RestoreActions;
import dev.scimpurge.restore.RemovedAccount;
import dev.scimpurge.restore.RemovedAccounts;
import dev.scimpurge.restore.RestoreRecord;
import dev.scimpurge.restore.Restorer;
import dev.scimpurge.scim.Retrying;
import dev.scimpurge.scim.RequestEvents;
import dev.scimpurge.scim.ScimClient;
import dev.scimpurge.scim.ScimException;

/**
 * Starts {@code restore}'s Spring context ({@link RestoreApplication}), finds what the execution removed, asks for
 * confirmation as a purge does, restores account by account with the strategy of the removal the execution used,
 * records each outcome, prints what was kept of every account that cannot be restored, and turns it into an exit code.
 */
final class RestoreRun {

    private final JobDatabase database;
    private final List<String> contextArguments;
    private final PrintWriter out;
    private final PrintWriter err;

    RestoreRun(JobDatabase database, List<String> contextArguments, CommandEnvironment environment) {
        this.database = database;
        this.contextArguments = List.copyOf(contextArguments);
        this.out = environment.out();
        this.err = environment.err();
    }

    /**
     * What the command line asks for.
     *
     * @param wanted      the accounts asked for, by account id or input (empty: all the execution removed)
     * @param maxRestores the most accounts a restore may send a request for
     */
    record Asked(long executionId, List<String> wanted, boolean dryRun, long maxRestores) {
    }

    /** @param confirmed --yes (or a sandbox): no question asked */
    int execute(ProviderRun provider, Credentials credentials, Asked asked, boolean confirmed) {
        long executionId = asked.executionId();
        boolean dryRun = asked.dryRun();
        SpringApplicationBuilder builder = CommandContexts.builder(RestoreApplication.class).initializers(context -> {
            context.getBeanFactory().registerSingleton("providerRun", provider);
            context.getBeanFactory().registerSingleton("credentials", credentials);
            context.getBeanFactory().registerSingleton("throughput", new ThroughputOptions().resolve(provider.profile()));
            context.getBeanFactory().registerSingleton("requestEvents", RequestEvents.NONE);
        });
        try (ConfigurableApplicationContext context = CommandContexts.start(builder, database, contextArguments)) {
            RemovedAccounts removed = new RemovedAccounts(context.getBean(JdbcTemplate.class));
            ProviderRun purged = purgedWith(removed, provider, executionId);
            List<RemovedAccount> accounts = chosen(removed.of(executionId), asked.wanted(), executionId);
            Restorer restorer = new Restorer(RestoreActions.create(context.getBean(ScimClient.class), purged),
                    context.getBean(KeptResources.class), context.getBean(Retrying.class), context.getBean(JsonMapper.class), executionId);
            out.println((dryRun ? "Dry run: restoring " : "Restoring ") + accounts.size() + " account(s) that execution " + executionId
                    + " removed (" + purged.removalVerb() + ", removal " + purged.removalVariant() + ") on " + provider.scimBase());
            long sending = accounts.stream().filter(restorer::sendsFor).count();
            if (sending > asked.maxRestores()) {
                err.println("Refused: " + sending + " accounts would be restored, more than --max-restores "
                        + asked.maxRestores() + ". Nothing was sent. Restore fewer (--account-id, --csv), or raise the limit.");
                return ExitCodes.REFUSED_BY_GUARD;
            }
            if (!dryRun && sending > 0) {
                RemovalConfirmation confirmation = new TerminalConfirmation(confirmed, System.console(), out,
                        "Each is given back what the removal took.");
                try {
                    if (!confirmation.confirm(provider.scimBase().host(), sending, "restored")) {
                        err.println("Refused: not confirmed; nothing was sent.");
                        return ExitCodes.REFUSED_BY_GUARD;
                    }
                } catch (RemovalGuardException e) {
                    err.println("Refused: " + e.getMessage() + " Nothing was sent.");
                    return ExitCodes.REFUSED_BY_GUARD;
                }
            }
            if (dryRun) {
                return restoreAll(restorer, newRecord(context, provider, executionId, true), accounts, true, context.getBean(JsonMapper.class));
            }
            // one change to a target at a time: no purge of it removes while its accounts are restored
            try (PurgeTargetLock.Held lock = context.getBean(PurgeTargetLock.class).acquire(provider.scimBase(), out::println)) {
                return restoreAll(restorer, newRecord(context, provider, executionId, false), accounts, false,
                        context.getBean(JsonMapper.class));
            } catch (RunRefusedException e) {
                err.println(e.getMessage());
                return ExitCodes.forRefusal(e.reason());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.JOB_FAILED;
            }
        }
    }

    private static RestoreRecord newRecord(ConfigurableApplicationContext context, ProviderRun provider, long executionId, boolean dryRun) {
        return new RestoreRecord(context.getBean(JobRepository.class), context.getBean(OutcomeRepository.class),
                context.getBean(PlatformTransactionManager.class), context.getBean(Clock.class), provider.profile().name(),
                provider.scimBase().toString(), executionId, dryRun);
    }

    private int restoreAll(Restorer restorer, RestoreRecord record, List<RemovedAccount> accounts, boolean dryRun, JsonMapper mapper) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        long seq = 0;
        try {
            for (RemovedAccount account : accounts) {
                seq++;
                ItemOutcome outcome = dryRun ? restorer.plan(seq, account) : restorer.restore(seq, account);
                record.record(outcome);
                counts.merge(outcome.outcome(), 1L, Long::sum);
                print(outcome, account, restorer, mapper);
            }
        } catch (ScimException e) {
            record.end(BatchStatus.FAILED, String.valueOf(e.getMessage()));
            err.println("error: the restore stopped: " + e.getMessage() + ". What was restored before is recorded (execution "
                    + record.executionId() + "); run the same command again for the rest.");
            return ExitCodes.JOB_FAILED;
        } catch (RuntimeException e) {
            // the job database failed, say: the record must not stay STARTED, which no prune would ever remove
            try {
                record.end(BatchStatus.FAILED, String.valueOf(e.getMessage()));
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        record.end(BatchStatus.COMPLETED, "");
        out.printf("Restore execution %d COMPLETED%n", record.executionId());
        for (Outcome outcome : List.of(Outcome.RESTORED, Outcome.PLANNED, Outcome.NOT_RESTORABLE, Outcome.FAILED)) {
            out.printf("  %-15s %8d%n", outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '), counts.getOrDefault(outcome, 0L));
        }
        return counts.getOrDefault(Outcome.NOT_RESTORABLE, 0L) + counts.getOrDefault(Outcome.FAILED, 0L) > 0
                ? ExitCodes.ITEMS_FAILED : ExitCodes.SUCCESS;
    }

    private void print(ItemOutcome outcome, RemovedAccount account, Restorer restorer, JsonMapper mapper) {
        out.println(outcome.outcome().name().toLowerCase(Locale.ROOT) + "  " + account.inputValue() + " (" + account.accountId() + "): "
                + outcome.message());
        if (outcome.outcome() == Outcome.NOT_RESTORABLE) {
            Optional<KeptResources.Read> kept = restorer.keptOf(account);
            if (kept.isPresent()) {
                out.println("  kept before its removal (read " + kept.get().readAt() + "), to recreate it by hand:");
                String pretty = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(kept.get().json()));
                pretty.lines().forEach(line -> out.println("    " + line));
            } else {
                out.println("  nothing was kept of it: the purge read no resource for it before the removal (a CSV of account ids, "
                        + "or the directory copied for --lookup directory)");
            }
        }
    }

    /** The provider run of the execution, from its job parameters; it must be a purge of this command's target and provider. */
    private static ProviderRun purgedWith(RemovedAccounts removed, ProviderRun provider, long executionId) {
        Map<String, String> parameters = removed.purgeParameters(executionId)
                .orElseThrow(() -> new UsageException("no purge execution " + executionId + " in the job database: give an execution id "
                        + "that 'scim-purge history' lists"));
        String target = parameters.get(PurgeJobParameters.TARGET);
        if (!provider.scimBase().toString().equals(target)) {
            throw new UsageException("execution " + executionId + " purged " + target + ", not " + provider.scimBase()
                    + ": give the same --url (and --provider) as that purge");
        }
        String profile = parameters.getOrDefault(PurgeJobParameters.PROVIDER, "generic");
        if (!provider.profile().name().equals(profile)) {
            throw new UsageException("execution " + executionId + " ran with --provider " + profile + ", not " + provider.profile().name());
        }
        Map<String, String> settings = new HashMap<>();
        parameters.forEach((name, value) -> {
            if (name.startsWith(PurgeJobParameters.PROVIDER_SETTING_PREFIX)) {
                settings.put(name.substring(PurgeJobParameters.PROVIDER_SETTING_PREFIX.length()), value);
            }
        });
        try {
            return ProviderRun.restore(provider.profile(), settings);
        } catch (IllegalArgumentException e) {
            throw new UsageException("execution " + executionId + ": " + e.getMessage());
        }
    }

    /** The removed accounts asked for; one asked for that the execution did not remove is a usage error. */
    private static List<RemovedAccount> chosen(List<RemovedAccount> removed, List<String> wanted, long executionId) {
        if (wanted.isEmpty()) {
            return removed;
        }
        Set<RemovedAccount> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String value : wanted) {
            List<RemovedAccount> matching = removed.stream()
                    .filter(a -> a.accountId().equals(value) || a.inputValue().equalsIgnoreCase(value))
                    .toList();
            if (matching.isEmpty()) {
                unknown.add(value);
            }
            chosen.addAll(matching);
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("execution " + executionId + " did not remove " + unknown.get(0)
                    + (unknown.size() > 1 ? " (nor " + (unknown.size() - 1) + " more of those given)" : "")
                    + "; nothing was restored. 'scim-purge audit --execution " + executionId + "' lists what it removed");
        }
        return new ArrayList<>(chosen);
    }
}
