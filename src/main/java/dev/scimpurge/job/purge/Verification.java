package dev.scimpurge.job.purge;

import java.time.Duration;
import java.util.Locale;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.scimpurge.provider.VerifyMode;

/**
 * How a run verifies its removals ({@code --verify}, and the profile's {@code verify.settle-within}). Stored with the
 * run as non-identifying job parameters, so that a restart verifies as the run began; a run stored before they existed
 * does not verify.
 *
 * @param mode         read every removed account back, or none
 * @param settleWithin how long an account still there is read again, with backoff; zero: read once
 * @param why          why a run verifies nothing although {@code --verify all} is the default (the removal leaves nothing
 *                     a read can check), or empty
 */
public record Verification(VerifyMode mode, Duration settleWithin, String why) {

    static final String MODE = "verify.mode";
    static final String SETTLE_MILLIS = "verify.settle-within-ms";
    static final String WHY = "verify.why";

    public Verification {
        if (settleWithin.isNegative()) {
            throw new IllegalArgumentException("settle-within must not be negative, was " + settleWithin);
        }
    }

    public static Verification none(String why) {
        return new Verification(VerifyMode.NONE, Duration.ZERO, why);
    }

    public boolean verifies() {
        return mode == VerifyMode.ALL;
    }

    public void addTo(JobParametersBuilder builder) {
        builder.addString(MODE, mode.name().toLowerCase(Locale.ROOT), false)
                .addLong(SETTLE_MILLIS, settleWithin.toMillis(), false);
        if (!why.isEmpty()) {
            builder.addString(WHY, why, false);
        }
    }

    /** The verification a run was started with; none for a run stored before there was one. */
    public static Verification from(JobParameters parameters) {
        String mode = parameters.getString(MODE);
        if (mode == null) {
            return none("the run was started by a version that did not verify removals");
        }
        Long millis = parameters.getLong(SETTLE_MILLIS);
        String why = parameters.getString(WHY);
        return new Verification(VerifyMode.valueOf(mode.toUpperCase(Locale.ROOT)), Duration.ofMillis(millis == null ? 0 : millis),
                why == null ? "" : why);
    }

    /** For the run summary: {@code all, re-read for up to 10 s}, {@code none (why)}. */
    @Override
    public String toString() {
        if (!verifies()) {
            return "none" + (why.isEmpty() ? "" : " (" + why + ")");
        }
        return "all, " + (settleWithin.isZero() ? "read back once" : "re-read for up to " + seconds(settleWithin) + " s");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
