package dev.scimpurge.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The pacer's schedule and what it learns from 429s, on a clock the test moves (the learning over
 * real HTTP against the sandbox's rate limit: {@code LearnedPacingTest}).
 */
class RequestPacerTest {

    private final AtomicLong clock = new AtomicLong(Duration.ofHours(1).toNanos());

    private long now() {
        return clock.get();
    }

    private void pass(Duration time) {
        clock.addAndGet(time.toNanos());
    }

    private RequestPacer learning() {
        return new RequestPacer(0, 1, true, clock::get);
    }

    /** {@code count} requests sent and admitted, one every {@code spacing}. */
    private void admitted(RequestPacer pacer, int count, Duration spacing) {
        for (int i = 0; i < count; i++) {
            pacer.answered(now(), false);
            pass(spacing);
        }
    }

    @Test
    void aFixedRateLetsTheBurstGoAtOnceThenSpacesTheRest() {
        RequestPacer pacer = new RequestPacer(10, 3, false, clock::get);
        long start = now();

        assertThat(pacer.reserve(start)).isLessThanOrEqualTo(start);
        assertThat(pacer.reserve(start)).isLessThanOrEqualTo(start);
        assertThat(pacer.reserve(start)).isLessThanOrEqualTo(start);
        assertThat(pacer.reserve(start)).isEqualTo(start + Duration.ofMillis(100).toNanos());
        assertThat(pacer.reserve(start)).isEqualTo(start + Duration.ofMillis(200).toNanos());
    }

    @Test
    void aHugeBurstAtASlowRateLetsEverythingGoAtOnce() {
        RequestPacer pacer = new RequestPacer(0.1, Integer.MAX_VALUE, false, clock::get);

        for (int i = 0; i < 1000; i++) {
            assertThat(pacer.reserve(now())).isLessThanOrEqualTo(now());
        }
    }

    @Test
    void aLearningPacerIsUnpacedUntilTheServerAnswers429() {
        RequestPacer pacer = learning();

        admitted(pacer, 500, Duration.ofMillis(1));

        assertThat(pacer.ratePerSecond()).isZero();
        assertThat(pacer.reserve(now())).isEqualTo(now());
        assertThat(pacer.reserve(now())).isEqualTo(now());
    }

    @Test
    void theFirst429SetsTheRateJustUnderWhatTheServerAdmittedInTheSecondBefore() {
        RequestPacer pacer = learning();
        admitted(pacer, 200, Duration.ofMillis(1));
        pass(Duration.ofSeconds(1));
        admitted(pacer, 50, Duration.ofMillis(2));

        pacer.answered(now(), true);

        assertThat(pacer.ratePerSecond()).as("95% of the 50 admitted in the last second").isCloseTo(47.5, within(0.01));
        long first = pacer.reserve(now());
        assertThat(pacer.reserve(now()) - first).as("no burst: one request every 1/47.5 s")
                .isEqualTo((long) (1e9 / 47.5));
    }

    @Test
    void the429sOfTheRequestsInFlightWithTheFirstLowerTheRateOnce() {
        RequestPacer pacer = learning();
        admitted(pacer, 40, Duration.ofMillis(5));
        long inFlight = now() - Duration.ofMillis(20).toNanos();

        pacer.answered(now(), true);
        for (int i = 0; i < 7; i++) {
            pacer.answered(inFlight, true);
        }
        pass(Duration.ofMillis(500));
        pacer.answered(now(), true);

        assertThat(pacer.ratePerSecond()).isCloseTo(38, within(0.01));
    }

    @Test
    void aLater429LowersTheRateToWhatTheServerAdmittedSinceAndNeverRaisesIt() {
        RequestPacer pacer = learning();
        admitted(pacer, 40, Duration.ofMillis(5));
        pacer.answered(now(), true);
        pass(Duration.ofSeconds(2));
        admitted(pacer, 20, Duration.ofMillis(50));

        pacer.answered(now(), true);

        assertThat(pacer.ratePerSecond()).as("95% of the 20 admitted in the last second").isCloseTo(19, within(0.01));

        pass(Duration.ofSeconds(2));
        admitted(pacer, 100, Duration.ofMillis(10));
        pacer.answered(now(), true);

        assertThat(pacer.ratePerSecond()).as("a 429 never raises the rate, whatever was admitted").isCloseTo(18.05, within(0.01));
    }

    @Test
    void withoutA429ForThirtySecondsTheRateRisesByFivePercent() {
        RequestPacer pacer = learning();
        admitted(pacer, 20, Duration.ofMillis(50));
        pacer.answered(now(), true);
        assertThat(pacer.ratePerSecond()).isCloseTo(19, within(0.01));

        admitted(pacer, 29 * 19, Duration.ofMillis(1000 / 19));
        assertThat(pacer.ratePerSecond()).as("28.6 s on").isCloseTo(19, within(0.01));

        admitted(pacer, 2 * 19, Duration.ofMillis(1000 / 19));
        assertThat(pacer.ratePerSecond()).as("30.6 s on").isCloseTo(19.95, within(0.01));
    }

    @Test
    void a429WithNothingAdmittedBeforeItTeachesNothing() {
        RequestPacer pacer = learning();

        pacer.answered(now(), true);
        pass(Duration.ofSeconds(2));
        pacer.answered(now(), true);

        assertThat(pacer.ratePerSecond()).isZero();
    }

    @Test
    void aGivenRateIsKeptWhatever429sSay() {
        RequestPacer paced = RequestPacer.fixed(10, 1);
        RequestPacer unpaced = RequestPacer.unpaced();
        for (int i = 0; i < 100; i++) {
            paced.answered(System.nanoTime(), i % 2 == 0);
            unpaced.answered(System.nanoTime(), i % 2 == 0);
        }

        assertThat(paced.ratePerSecond()).isEqualTo(10);
        assertThat(unpaced.ratePerSecond()).isZero();
    }
}
