package dev.scimpurge.sandbox;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fresh sandbox on an ephemeral port for every test, so faults and deletions never leak between tests. */
abstract class SandboxServerTestBase {

    protected SandboxScimServer server;
    protected ScimTestClient client;

    protected SandboxSettings settings() {
        return SandboxSettings.defaults().withUsers(25);
    }

    @BeforeEach
    void startServer() {
        server = SandboxScimServer.start(settings(), 0);
        client = new ScimTestClient(server.baseUrl(), settings().token());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    protected SandboxUser seededUser(int position) {
        return server.directory().all().get(position);
    }

    protected SandboxUser addUser(String id, String email, boolean active) {
        return server.directory().add(
                new SandboxUser(id, email, List.of(email), active, "Registered", List.of("workspace-1")));
    }

    protected static String encoded(String pathSegment) {
        return UrlCodec.encodePathSegment(pathSegment);
    }
}
