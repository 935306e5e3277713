package dev.scimpurge.job.purge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a Bulk result's {@code location} names the account it is for: the only tie to its operation without bulkId. */
class BulkLocationTest {

    @Test
    void theAccountIsTheLocationsLastPathSegmentDecoded() {
        assertThat(BulkRemoval.accountIn("https://scim.example.test/scim/v2/Users/2819c223")).contains("2819c223");
        assertThat(BulkRemoval.accountIn("/Users/2819c223/")).contains("2819c223");
        assertThat(BulkRemoval.accountIn("Users/a%2Fb%20c+d?attributes=id#x")).contains("a/b c+d");
        assertThat(BulkRemoval.accountIn(" https://x/Users/42 ")).contains("42");
    }

    @Test
    void aLocationThatNamesNothingGivesNoAccount() {
        assertThat(BulkRemoval.accountIn(null)).isEmpty();
        assertThat(BulkRemoval.accountIn("")).isEmpty();
        assertThat(BulkRemoval.accountIn("/")).isEmpty();
        assertThat(BulkRemoval.accountIn("https://x/Users/%zz")).as("kept as sent when it cannot be decoded").contains("%zz");
    }
}
