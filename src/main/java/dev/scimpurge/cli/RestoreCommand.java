package dev.scimpurge.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.scimpurge.provider.Credentials;
import dev.scimpurge.provider.ProviderRun;

/** {@code scim-purge restore}: gives the accounts an execution removed back what the removal took, where the service can. */
@Command(name = "restore",
        description = {
                "Restores the accounts that a purge execution removed (deleted or already gone), where the removal is "
                        + "reversible on the service: a deactivating PATCH is undone by setting active true again, Anaplan's "
                        + "workspace entitlements are PATCHed back from the user's resource as read before the removal. "
                        + "A removal that cannot be undone (a hard DELETE) is said so per account, with what was kept of it, "
                        + "so that it can be recreated by hand.",
                "",
                "Every account ends in an outcome of the restore's own run (restored, not_restorable, failed; planned in a dry "
                        + "run), in the audit's hash chain. Give the same --url and --provider as the purge; the removal the "
                        + "execution used decides how it is undone.",
                "",
                "The token comes from the SCIM_TOKEN environment variable or --token-file, as for purge.",
                ""},
        exitCodeListHeading = ExitCodes.LIST_HEADING,
        exitCodeList = {" 0:every account restored (a dry run: every account can be)",
                " 1:some accounts not restored: a removal that cannot be undone (its kept resource is printed), nothing kept "
                        + "to give back, or a refusal by the server",
                " 2:the server could not be reached or refused the credentials; what was restored before is recorded",
                " 3:refused: not confirmed (a terminal, or --yes), or more accounts than --max-restores; nothing was sent",
                " 4:a purge of the same target is in progress",
                "64:usage or configuration error (no such purge execution, another target or provider, an account the "
                        + "execution did not remove); nothing was done"},
        footer = {"", "Examples:",
                "  SCIM_TOKEN=... scim-purge restore --provider zoom --execution 42 --dry-run",
                "  SCIM_TOKEN=... scim-purge restore --provider zoom --execution 42 --account-id 8f3c...",
                "  scim-purge restore --provider anaplan --execution 42 --csv wrongly-removed.csv --yes",
                "See docs/restoring.md."})
public class RestoreCommand implements Callable<Integer> {

    @Mixin
    CommandEnvironment environment;

    @Mixin
    TargetOptions target;

    @SuppressWarnings("NullAway.Init") // picocli always sets it: required
    @Option(names = "--execution", paramLabel = "EXECUTION", required = true,
            description = "The purge execution whose removals to restore (purge and history print it).")
    Long execution;

    @ArgGroup(exclusive = true)
    @Nullable Subset subset;

    static class Subset {
        @Option(names = "--account-id", paramLabel = "ID", required = true,
                description = "Restore only this account (repeatable); it must be one the execution removed.")
        List<String> accountIds = new ArrayList<>();

        @Option(names = "--csv", paramLabel = "FILE", required = true,
                description = "Restore only the accounts named in this file's first column, by account id or as they were "
                        + "given to the purge (the address); a header row is allowed.")
        @Nullable Path csv;
    }

    @Option(names = "--dry-run", description = "Say what would be restored and what cannot be, and record it; send nothing.")
    boolean dryRun;

    @Option(names = "--max-restores", paramLabel = "N", defaultValue = "500",
            description = "Refuse (before the first request) when more than N accounts would be restored: reactivating the "
                    + "accounts of people who left is a risk of its own (default: ${DEFAULT-VALUE}).")
    long maxRestores = 500;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    TransportOptions transport;

    @Mixin
    ConfirmationOptions confirmation;

    @Mixin
    DatabaseOptions database;

    @Mixin
    SandboxSeedOptions sandboxSeed;

    @Override
    public Integer call() {
        if (execution < 1) {
            throw new UsageException("--execution must be an execution id (1 or more)");
        }
        if (maxRestores < 0) {
            throw new UsageException("--max-restores must be 0 or more");
        }
        List<String> wanted = wanted();
        return target.run(environment, credentials, sandboxSeed, environment.out(), (providerRun, given, sandbox) -> restore(providerRun,
                given, sandbox || confirmation.yes, wanted));
    }

    private int restore(ProviderRun providerRun, Credentials given, boolean confirmed, List<String> wanted) {
        List<String> arguments = new ArrayList<>(transport.asSpringArguments(environment.err()));
        arguments.addAll(environment.logArguments());
        return new RestoreRun(database.resolve(environment), arguments, environment)
                .execute(providerRun, given, new RestoreRun.Asked(execution, wanted, dryRun, maxRestores), confirmed);
    }

    /** The accounts asked for, as given (empty: every account the execution removed). */
    private List<String> wanted() {
        if (subset == null) {
            return List.of();
        }
        if (subset.csv == null) {
            return List.copyOf(subset.accountIds);
        }
        Path file = subset.csv.toAbsolutePath().normalize();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException("--csv: cannot read " + file + " as UTF-8 text");
        }
        List<String> values = new ArrayList<>();
        for (String line : lines) {
            String first = firstField(line);
            if (!first.isEmpty() && !(values.isEmpty() && HEADERS.contains(first.toLowerCase(Locale.ROOT)))) {
                values.add(first);
            }
        }
        if (values.isEmpty()) {
            throw new UsageException("--csv: " + file + " names no account");
        }
        return values;
    }

    private static final Set<String> HEADERS = Set.of("email", "e-mail", "address", "id", "account id", "account_id", "user id",
            "username", "input");

    private static String firstField(String line) {
        String value = line.strip();
        int comma = value.indexOf(',');
        if (value.startsWith("\"")) {
            int close = value.indexOf('"', 1);
            return close < 0 ? value.substring(1).strip() : value.substring(1, close).strip();
        }
        return (comma < 0 ? value : value.substring(0, comma)).strip();
    }
}
