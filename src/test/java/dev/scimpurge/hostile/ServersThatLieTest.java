package dev.scimpurge.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.AddressCase;
import dev.scimpurge.sandbox.CapDisclosure;
import dev.scimpurge.sandbox.EmptyPageForm;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.sandbox.SandboxUser;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.Workspace;

/**
 * Servers that advertise one thing and do another (issue 12), met with the tool's defaults: every listed user that
 * exists is removed, unknown ones are reported "not found", no row fails or is called "not found" because of the
 * server's quirk, and no user outside the input is touched.
 */
class ServersThatLieTest {

    private static final int USERS = 40;
    private static final String TOKEN = "lying-server-token";

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(USERS).withDeactivatedFraction(0.25).withToken(TOKEN), 0);
        workspace = new Workspace(dir).env("SCIM_TOKEN", TOKEN);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Six users of the directory, by their first address as the CSV gives it, and two addresses nobody has. */
    private record Input(Path csv, Set<String> existingIds) {
    }

    private Input csvOfSixExistingAndTwoUnknown() {
        List<SandboxUser> chosen = sandbox.directory().all().stream().filter(SandboxUser::active).limit(6).toList();
        List<String> lines = new ArrayList<>(chosen.stream().map(user -> user.emails().get(0).toLowerCase(Locale.ROOT)).toList());
        lines.add("nobody-1@example.test");
        lines.add("nobody-2@example.test");
        return new Input(workspace.file("users.csv", String.join("\n", lines) + "\n"),
                chosen.stream().map(SandboxUser::id).collect(Collectors.toSet()));
    }

    private CliResult purge(Input input) {
        return workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", input.csv().toString());
    }

    private void assertExactlyTheExistingOnesRemoved(CliResult result, Input input) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ITEMS_FAILED);
        assertThat(workspace.outcomeCounts()).as(result.toString()).isEqualTo(Map.of("DELETED", 6L, "NOT_FOUND", 2L));
        assertThat(sandbox.directory().size()).isEqualTo(USERS - 6);
        assertThat(sandbox.directory().ids()).doesNotContainAnyElementsOf(input.existingIds());
        assertThat(result.showsStackTrace()).as(result.err()).isFalse();
    }

    private String lookup() {
        return workspace.queryValue(String.class, "SELECT LOOKUP FROM PURGE_EXECUTION");
    }

    private String lookupReason() {
        return workspace.queryValue(String.class, "SELECT LOOKUP_REASON FROM PURGE_EXECUTION");
    }

    /**
     * Pages of 5: copying the directory of 40 takes more requests than looking up the input's eight addresses, so the
     * count of requests alone would choose the filters.
     */
    private void smallPages() {
        sandbox.faults().capPageSize(5, CapDisclosure.SILENT);
    }

    /** The server of issue 12: its userName is a login, not the address, so only emails can find an address. */
    private void userNamesAreLogins() {
        for (SandboxUser user : sandbox.directory().all()) {
            sandbox.directory().update(user.id(), u -> new SandboxUser(u.id(), "login-" + u.id(), u.emails(), u.active(), u.userType(),
                    u.entitlements(), u.externalId()));
        }
    }

    @Test
    void anEmailFilterThatMatchesNothingIsNotTrustedAndTheDirectoryCopyResolvesTheAddresses() {
        smallPages();
        userNamesAreLogins();
        sandbox.faults().filterAttributeMatchesNothing("emails.value");
        Input input = csvOfSixExistingAndTwoUnknown();

        CliResult result = purge(input);

        assertExactlyTheExistingOnesRemoved(result, input);
        assertThat(lookup()).isEqualTo("directory");
        assertThat(lookupReason()).contains("emails.value misses").contains("userName not applicable");
    }

    @Test
    void everyFilterMatchingNothingFallsBackToTheDirectoryCopyEvenWhereUserNameIsTheAddress() {
        smallPages();
        sandbox.faults().filterAttributeMatchesNothing("emails.value");
        sandbox.faults().filterAttributeMatchesNothing("userName");
        Input input = csvOfSixExistingAndTwoUnknown();

        CliResult result = purge(input);

        assertExactlyTheExistingOnesRemoved(result, input);
        assertThat(lookup()).isEqualTo("directory");
        assertThat(lookupReason()).contains("no lookup filter found account").contains("emails.value misses, userName misses");
    }

    @Test
    void anExplicitFilterLookupThatCannotFindAKnownAccountStopsBeforeAnythingIsRemoved() {
        userNamesAreLogins();
        sandbox.faults().filterAttributeMatchesNothing("emails.value");
        Input input = csvOfSixExistingAndTwoUnknown();

        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", input.csv().toString(), "--lookup", "filter");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--lookup filter cannot be trusted").contains("emails.value misses")
                .contains("--lookup auto");
        assertThat(result.showsStackTrace()).as(result.err()).isFalse();
        assertThat(workspace.outcomeCounts()).doesNotContainKeys("DELETED", "NOT_FOUND");
        assertThat(sandbox.requests().count("DELETE")).isZero();
        assertThat(sandbox.directory().size()).isEqualTo(USERS);
    }

    @Test
    void aServerThatComparesAddressesCaseSensitivelyStillFindsAnAddressGivenInAnotherCase() {
        smallPages();
        for (SandboxUser user : sandbox.directory().all()) {
            String address = user.emails().get(0);
            String stored = Character.toUpperCase(address.charAt(0)) + address.substring(1, address.indexOf('@') + 1)
                    + address.substring(address.indexOf('@') + 1).toUpperCase(Locale.ROOT);
            sandbox.directory().update(user.id(), u -> new SandboxUser(u.id(), stored, List.of(stored), u.active(), u.userType(),
                    u.entitlements(), u.externalId()));
        }
        sandbox.faults().filterAddressCase(AddressCase.SENSITIVE);
        Input input = csvOfSixExistingAndTwoUnknown();

        CliResult result = purge(input);

        assertExactlyTheExistingOnesRemoved(result, input);
        assertThat(lookup()).isEqualTo("directory");
        assertThat(lookupReason()).contains("case-sensitively").contains("emails.value finds (case sensitive)");
    }

    @Test
    void aServiceProviderConfigThatDeniesFilteringIsOnlyAHint() {
        smallPages();
        sandbox.faults().advertiseFilterSupported(false);
        Input input = csvOfSixExistingAndTwoUnknown();

        CliResult result = purge(input);

        assertExactlyTheExistingOnesRemoved(result, input);
        assertThat(lookup()).as("six lookups by filter cost less than copying the directory").isEqualTo("filter");
        assertThat(workspace.queryValue(String.class, "SELECT LOOKUP_FILTERS FROM PURGE_EXECUTION")).isEqualTo("emails.value,userName");
        assertThat(lookupReason()).contains("for 8 filter lookups").contains("directory pages of 5");
    }

    @Test
    void aDeactivationFilterThatMatchesNothingDoesNotMakeTheNightlyPurgeRemoveNobody() {
        sandbox.faults().filterAttributeMatchesNothing("active");
        int deactivated = sandbox.directory().deactivated().size();
        Set<String> active = sandbox.directory().all().stream().filter(SandboxUser::active).map(SandboxUser::id).collect(Collectors.toSet());

        CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(deactivated).isPositive();
        assertThat(workspace.outcomeCounts()).isEqualTo(Map.of("DELETED", (long) deactivated));
        assertThat(sandbox.directory().ids()).containsExactlyInAnyOrderElementsOf(active);
    }

    @ParameterizedTest
    @EnumSource(value = EmptyPageForm.class, names = {"ONLY_TOTAL_RESULTS_ZERO", "ONLY_TOTAL_RESULTS"})
    void emptyPagesInAnyFormEndTheListings(EmptyPageForm form) {
        sandbox.faults().emptyPages(form);
        sandbox.faults().capPageSize(7, CapDisclosure.SILENT);
        Input input = csvOfSixExistingAndTwoUnknown();

        CliResult csv = workspace.purge("--url", sandbox.baseUrl().toString(), "--csv", input.csv().toString(), "--lookup", "directory");

        assertExactlyTheExistingOnesRemoved(csv, input);

        int deactivated = sandbox.directory().deactivated().size();
        CliResult nightly = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated");

        assertThat(nightly.exitCode()).as(nightly.toString()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(sandbox.directory().deactivated()).isEmpty();
        assertThat(sandbox.directory().size()).isEqualTo(USERS - 6 - deactivated);
    }
}
