package dev.scimpurge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small but faithful SCIM 2.0 server (RFC 7643/7644) on 127.0.0.1 for trying scim-purge and for tests.
 * Serves {@code {base}/Users}, {@code {base}/Users/{id}} (GET, PATCH, DELETE) and
 * {@code {base}/ServiceProviderConfig}, and {@code POST {base}/Bulk} when the settings ask for it; the base, and how the server behaves, follow the settings'
 * {@link SandboxPersonality} ({@code /scim/v2} for the generic one). {@link #faults()} makes it misbehave on purpose.
 */
public final class SandboxScimServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK's HTTP server sends a response's headers and its body as two segments, and leaves Nagle's algorithm
        // on unless told: the body then waits for the client's delayed ACK of the headers, 40 ms on Linux, on every
        // request (a 1-user sandbox purge took twice as long). The JDK reads the property once, when its server is
        // first used in the JVM: the tests set it in pom.xml too, since they start other servers first.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }
    private static final int WORKER_THREADS = 32;
    private static final int BACKLOG = 128;

    private final HttpServer httpServer;
    private final ExecutorService workers;
    private final SandboxPersonality personality;
    private final @Nullable ServiceProfile profile;
    private final URI siteUrl;
    private final List<URI> scimBaseUrls;
    private final SandboxDirectory directory;
    private final SandboxFaults faults;
    private final RequestLog requests;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SandboxScimServer(HttpServer httpServer, ExecutorService workers, SandboxSettings settings, URI siteUrl,
                              List<URI> scimBaseUrls, SandboxDirectory directory, SandboxFaults faults,
                              RequestLog requests) {
        this.httpServer = httpServer;
        this.workers = workers;
        this.personality = settings.personality();
        this.profile = settings.profile();
        this.siteUrl = siteUrl;
        this.scimBaseUrls = List.copyOf(scimBaseUrls);
        this.directory = directory;
        this.faults = faults;
        this.requests = requests;
    }

    /**
     * Seeds the directory from {@code settings} and starts serving.
     *
     * @param port 0 picks a free ephemeral port
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static SandboxScimServer start(SandboxSettings settings, int port) {
        Objects.requireNonNull(settings, "settings");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        HttpServer httpServer = bind(port);
        URI siteUrl = URI.create("http://" + LOOPBACK + ":" + httpServer.getAddress().getPort());
        Personality personality = settings.behaviour();

        SandboxDirectory directory = new SandboxDirectory();
        new DirectorySeeder(settings, personality).seed(directory);
        if (!settings.aged().isZero()) {
            directory.ageAll(settings.aged());
        }
        SandboxFaults faults = new SandboxFaults(settings.latency(), settings.faults());
        RequestLog requests = new RequestLog();
        JsonMapper mapper = JsonMapper.builder().build();
        SandboxParts parts = new SandboxParts(settings, directory, faults, requests, mapper, siteUrl);
        SandboxRouter router = new SandboxRouter(personality.endpoints(parts), personality.scimBasePaths(),
                parts.scimErrors());

        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, workerThreads(httpServer));
        httpServer.createContext("/", new ScimHttpHandler(router, requests, faults));
        httpServer.setExecutor(workers);
        httpServer.start();
        List<URI> scimBaseUrls = personality.scimBasePaths().stream().map(path -> URI.create(siteUrl + path)).toList();
        return new SandboxScimServer(httpServer, workers, settings, siteUrl, scimBaseUrls, directory,
                faults, requests);
    }

    /**
     * The SCIM base of the personality, the part before {@code /Users}, without a trailing slash: e.g.
     * {@code http://127.0.0.1:PORT/scim/v2}.
     */
    public URI baseUrl() {
        return scimBaseUrls.get(0);
    }

    /** Every SCIM base the personality serves, {@link #baseUrl()} first; they share one directory. */
    public List<URI> scimBaseUrls() {
        return scimBaseUrls;
    }

    /**
     * {@code http://127.0.0.1:PORT}, without a trailing slash: what an operator passes as {@code --url} to provider
     * profiles whose API lives at a fixed path on the service's host.
     */
    public URI siteUrl() {
        return siteUrl;
    }

    /** The seed personality played; {@link SandboxPersonality#GENERIC} also when a {@link #profile()} is played. */
    public SandboxPersonality personality() {
        return personality;
    }

    /** The service played from data, when the settings name one ({@link SandboxSettings#withProfile}). */
    public Optional<ServiceProfile> profile() {
        return Optional.ofNullable(profile);
    }

    /** The {@code --provider} name of the service played. */
    public String providerName() {
        return profile != null ? profile.name() : personality.providerName();
    }

    public int port() {
        return siteUrl.getPort();
    }

    public SandboxDirectory directory() {
        return directory;
    }

    public SandboxFaults faults() {
        return faults;
    }

    public RequestLog requests() {
        return requests;
    }

    /** Stops at once, dropping requests in flight (including ones waiting out a latency). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        httpServer.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpServer bind(int port) {
        try {
            return HttpServer.create(new InetSocketAddress(LOOPBACK, port), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the SCIM sandbox on " + LOOPBACK + ":" + port, e);
        }
    }

    /** Daemon threads, so a forgotten close() never keeps the JVM alive. */
    private static ThreadFactory workerThreads(HttpServer httpServer) {
        AtomicInteger number = new AtomicInteger();
        String prefix = "scim-sandbox-" + httpServer.getAddress().getPort() + "-";
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
