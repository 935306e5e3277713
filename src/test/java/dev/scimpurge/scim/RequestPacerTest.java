package dev.scimpurge.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** Takes the request's turn now, as {@link RequestPacer#acquire()} does without sleeping: when it leaves. */
    private long send(RequestPacer pacer) {
        return Math.max(now(), pacer.reserve(now()));
    }

    /** {@code count} requests sent and admitted, one every {@code spacing} (each answered before the next leaves). */
    private void admitted(RequestPacer pacer, int count, Duration spacing) {
        for (int i = 0; i < count; i++) {
            pacer.answered(send(pacer), false);
            pass(spacing);
        }
    }

    /** One request sent now and answered 429. */
    private void refused(RequestPacer pacer) {
        pacer.answered(send(pacer), true);
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
    void theFirst429SetsTheRateJustUnderWhatWasSentInTheSecondBefore() {
        RequestPacer pacer = learning();
        admitted(pacer, 200, Duration.ofMillis(1));
        pass(Duration.ofSeconds(1));
        admitted(pacer, 50, Duration.ofMillis(2));

        refused(pacer);

        assertThat(pacer.ratePerSecond()).as("96% of the 50 sent in the last second").isCloseTo(48, within(0.01));
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            slots.add(pacer.reserve(now()));
        }
        assertThat(slots.get(1) - slots.get(0)).as("three quarters of 1/48 s apart").isEqualTo((long) (0.75 * (long) (1e9 / 48)));
        assertAtMostPerSecond(slots, 48);
    }

    /** No second holds more than {@code most} of the {@code slots}. */
    private static void assertAtMostPerSecond(List<Long> slots, int most) {
        for (long from : slots) {
            assertThat(slots.stream().filter(at -> at >= from && at < from + Duration.ofSeconds(1).toNanos()).count())
                    .as("requests in the second from " + from).isLessThanOrEqualTo(most);
        }
    }

    /** The server admitted the requests still in flight when the 429 came (they reached it first): counting answers would miss them. */
    @Test
    void theRequestsInFlightWhenThe429ComesCountAsAdmitted() {
        RequestPacer pacer = learning();
        List<Long> inFlight = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long sentAt = send(pacer);
            if (i < 40) {
                pacer.answered(sentAt, false);
            } else {
                inFlight.add(sentAt);
            }
            pass(Duration.ofMillis(2));
        }

        refused(pacer);
        inFlight.forEach(sentAt -> pacer.answered(sentAt, false));

        assertThat(pacer.ratePerSecond()).as("96% of the 50 sent, 10 of them answered after the 429").isCloseTo(48, within(0.01));
    }

    /** Requests sent before the refused one but refused after it (they reached the server later) were not admitted. */
    @Test
    void aRequestSentBeforeTheOneThatSetThePaceAndRefusedAfterItCorrectsTheCount() {
        RequestPacer pacer = learning();
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            sent.add(send(pacer));
            pass(Duration.ofMillis(2));
        }
        long refusedFirst = send(pacer);
        sent.subList(0, 50).forEach(sentAt -> pacer.answered(sentAt, false));

        pacer.answered(refusedFirst, true);
        assertThat(pacer.ratePerSecond()).as("96% of the 52 sent before it").isCloseTo(52 * 0.96, within(0.01));
        pacer.answered(sent.get(50), true);
        pacer.answered(sent.get(51), true);

        assertThat(pacer.ratePerSecond()).as("96% of the 50 the server admitted").isCloseTo(48, within(0.01));
        pass(Duration.ofMillis(300));
        refused(pacer);
        assertThat(pacer.ratePerSecond()).as("a request sent after it says nothing new").isCloseTo(48, within(0.01));
    }

    @Test
    void the429sOfTheRequestsInFlightWithTheFirstLowerTheRateOnce() {
        RequestPacer pacer = learning();
        admitted(pacer, 40, Duration.ofMillis(5));
        List<Long> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inFlight.add(send(pacer));
        }

        pacer.answered(inFlight.get(0), true);
        inFlight.subList(1, 8).forEach(sentAt -> pacer.answered(sentAt, true));
        pass(Duration.ofMillis(500));
        refused(pacer);

        assertThat(pacer.ratePerSecond()).as("96% of the 40 sent before the first refused one").isCloseTo(38.4, within(0.01));
    }

    @Test
    void aLater429LowersTheRateToWhatWasSentSinceAndNeverRaisesIt() {
        RequestPacer pacer = learning();
        admitted(pacer, 40, Duration.ofMillis(5));
        refused(pacer);
        pass(Duration.ofSeconds(2));
        admitted(pacer, 20, Duration.ofMillis(50));

        refused(pacer);

        assertThat(pacer.ratePerSecond()).as("96% of the 20 sent in the last second").isCloseTo(19.2, within(0.01));

        pass(Duration.ofSeconds(2));
        admitted(pacer, 18, Duration.ofMillis(55));
        refused(pacer);

        assertThat(pacer.ratePerSecond()).as("96% of the 18 sent").isCloseTo(17.28, within(0.01));

        pass(Duration.ofSeconds(2));
        RequestPacer fast = learning();
        admitted(fast, 10, Duration.ofMillis(100));
        refused(fast);
        pass(Duration.ofSeconds(2));
        admitted(fast, 30, Duration.ofMillis(10));
        refused(fast);
        assertThat(fast.ratePerSecond()).as("a 429 never raises the rate, whatever was sent").isLessThanOrEqualTo(9.6 * 0.96);
    }

    @Test
    void withoutA429ForThirtySecondsTheRateRisesBySteps2Then4Then8PercentAndBackTo2AfterA429() {
        RequestPacer pacer = learning();
        admitted(pacer, 20, Duration.ofMillis(50));
        refused(pacer);
        assertThat(pacer.ratePerSecond()).isCloseTo(19.2, within(0.01));

        Duration spacing = Duration.ofMillis(55);
        admitted(pacer, 509, spacing);
        assertThat(pacer.ratePerSecond()).as("28 s on").isCloseTo(19.2, within(0.01));
        admitted(pacer, 40, spacing);
        assertThat(pacer.ratePerSecond()).as("30.2 s on").isCloseTo(19.2 * 1.02, within(0.01));
        admitted(pacer, 564, spacing);
        assertThat(pacer.ratePerSecond()).as("61.2 s on").isCloseTo(19.2 * 1.02 * 1.04, within(0.01));
        admitted(pacer, 564, spacing);
        assertThat(pacer.ratePerSecond()).as("92.2 s on").isCloseTo(19.2 * 1.02 * 1.04 * 1.08, within(0.01));

        refused(pacer);
        double lowered = pacer.ratePerSecond();
        assertThat(lowered).as("96% of the 18 sent in the last second").isCloseTo(18 * 0.96, within(0.01));
        admitted(pacer, 527, Duration.ofMillis(60));
        assertThat(pacer.ratePerSecond()).as("the first rise after a 429 is 2% again").isCloseTo(lowered * 1.02, within(0.01));
    }

    @Test
    void a429WithNothingSentBeforeItTeachesNothing() {
        RequestPacer pacer = learning();

        refused(pacer);
        pass(Duration.ofSeconds(2));
        refused(pacer);

        assertThat(pacer.ratePerSecond()).isZero();
    }

    @Test
    void aPacerStartsAtThePaceLearnedBeforeAndTellsEachPaceItLearnsFromThere() {
        List<Double> told = new ArrayList<>();
        RequestPacer pacer = new RequestPacer(40, 1, true, clock::get, told::add);
        long first = pacer.reserve(now());
        assertThat(pacer.reserve(now()) - first).as("paced from the first request").isEqualTo((long) (0.75 * (long) (1e9 / 40)));
        pass(Duration.ofSeconds(1));

        admitted(pacer, 30, Duration.ofMillis(33));
        assertThat(told).as("nothing learned yet").isEmpty();
        refused(pacer);
        admitted(pacer, 31 * 28, Duration.ofMillis(36));

        assertThat(told).hasSize(2);
        assertThat(told.get(0)).as("96% of the 30 sent in the second before the 429").isCloseTo(28.8, within(0.01));
        assertThat(told.get(1)).as("30 s later, 2% more").isCloseTo(28.8 * 1.02, within(0.01));
    }

    @Test
    void aLearnedPaceSendsItsWholeRequestsInEverySecondAndTakesUpTheSlotsNoRequestTookInThatSecond() {
        RequestPacer steady = new RequestPacer(10, 1, true, clock::get);
        List<Long> waiting = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            waiting.add(steady.reserve(now()));
        }
        assertAtMostPerSecond(waiting, 10);
        assertThat(waiting.get(39) - waiting.get(0)).as("with requests always waiting: ten a second, 75 ms apart")
                .isEqualTo(Duration.ofMillis(3000 + 9 * 75).toNanos());

        RequestPacer pacer = new RequestPacer(10, 1, true, clock::get);
        long start = pacer.reserve(now());
        pass(Duration.ofMillis(400));
        List<Long> slots = new ArrayList<>(List.of(start));
        for (int i = 0; i < 40; i++) {
            slots.add(pacer.reserve(now()));
        }

        for (int i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i) - slots.get(i - 1)).as("never closer than 75 ms").isGreaterThanOrEqualTo(Duration.ofMillis(75).toNanos());
        }
        assertAtMostPerSecond(slots, 10);
        assertThat(slots.stream().filter(at -> at < start + Duration.ofSeconds(1).toNanos()).count())
                .as("400 ms without a request: one every 100 ms would send 7 in that second").isEqualTo(9);
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
