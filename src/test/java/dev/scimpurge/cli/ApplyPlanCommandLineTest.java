package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The {@code --apply-plan} command a refusal names: the run's own arguments without its source, its dry run, its run id
 * and the limits it releases, and never the token. (That the command works is ApprovedPlanTest's, over HTTP.)
 */
class ApplyPlanCommandLineTest {

    private static final Path PLAN = Path.of("/var/lib/scim-purge/reports/planned_deletions_2026-05-04_02-00-00.json");

    @Test
    void dropsTheSourceTheDryRunTheRunIdAndTheReleasedLimitsInEitherFormAndAddsThePlan() {
        String command = new ApplyPlanCommandLine(List.of("--url", "https://x.test/scim/v2", "--deactivated", "--deactivated-for=30d",
                "--dry-run", "--run-id", "nightly-{date}", "--max-deletes=3", "--max-delete-percent", "5", "--protect", "/etc/keep.txt",
                "--yes")).command(PLAN, "--max-deletes 12 --max-delete-percent 40");

        assertThat(command).isEqualTo("scim-purge purge --url https://x.test/scim/v2 --protect /etc/keep.txt --yes --apply-plan "
                + PLAN + " --max-deletes 12 --max-delete-percent 40");
    }

    @Test
    void neverRepeatsATokenAndQuotesWhatAShellWouldSplit() {
        String command = new ApplyPlanCommandLine(List.of("--url", "https://x.test/scim/v2", "--token", "s3cr3t-t0ken", "--csv",
                "leavers.csv", "--report-dir", "/home/o'neil/my reports", "--token=other-s3cret")).command(Path.of("/tmp/a plan.json"), "");

        assertThat(command).doesNotContain("s3cr3t", "--token", "leavers.csv")
                .isEqualTo("scim-purge purge --url https://x.test/scim/v2 --report-dir '/home/o'\\''neil/my reports' --apply-plan "
                        + "'/tmp/a plan.json'");
    }

    @Test
    void aRefusedApplyPlanRunNamesItsOwnPlanNotTheOneItApplied() {
        String command = new ApplyPlanCommandLine(List.of("--url", "https://x.test/scim/v2", "--apply-plan", "/old/plan.json",
                "--plan-max-age", "2d")).command(PLAN, "--max-deletes 12");

        assertThat(command).doesNotContain("/old/plan.json", "--plan-max-age")
                .isEqualTo("scim-purge purge --url https://x.test/scim/v2 --apply-plan " + PLAN + " --max-deletes 12");
    }
}
