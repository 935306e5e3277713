package dev.scimpurge.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.scimpurge.cli.ExitCodes;
import dev.scimpurge.sandbox.SandboxScimServer;
import dev.scimpurge.sandbox.SandboxSettings;
import dev.scimpurge.support.CliResult;
import dev.scimpurge.support.ForwardProxy;
import dev.scimpurge.support.TestCertificates;
import dev.scimpurge.support.TlsFront;
import dev.scimpurge.support.Workspace;

/** https with a private CA, the explicit (and warned) skip of verification, and a proxy. */
class TransportTest {

    @TempDir
    Path dir;

    private SandboxScimServer sandbox;
    private Workspace workspace;

    @BeforeEach
    void start() {
        sandbox = SandboxScimServer.start(SandboxSettings.defaults().withUsers(20).withToken("tls-token"), 0);
        workspace = new Workspace(dir.resolve("work")).env("SCIM_TOKEN", "tls-token");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aPrivateCaIsTrustedOnlyWhenGiven() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        try (TlsFront https = new TlsFront(certificates, sandbox.port())) {
            String url = "https://127.0.0.1:" + https.port() + "/scim/v2";

            CliResult untrusted = workspace.purge("--url", url, "--deactivated");
            assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(untrusted.err()).contains("The TLS connection to 127.0.0.1 failed").contains("--ca-cert").doesNotContain("tls-token");
            assertThat(sandbox.requests().total()).isZero();

            CliResult trusted = workspace.purge("--url", url, "--deactivated", "--ca-cert", certificates.caPem().toString());
            assertThat(trusted.exitCode()).as(trusted.toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(sandbox.directory().deactivated()).isEmpty();
        }
    }

    @Test
    void skippingVerificationWorksButWarnsEveryTime() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        try (TlsFront https = new TlsFront(certificates, sandbox.port())) {
            CliResult result = workspace.purge("--url", "https://127.0.0.1:" + https.port() + "/scim/v2", "--deactivated",
                    "--insecure-skip-tls-verify");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(result.err()).contains("WARNING: --insecure-skip-tls-verify");
        }
    }

    @Test
    void requestsGoThroughTheProxy() throws Exception {
        try (ForwardProxy proxy = new ForwardProxy()) {
            CliResult result = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--proxy", proxy.url().toString());
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SUCCESS);
            assertThat(proxy.relayed()).isEqualTo(sandbox.requests().total()).isGreaterThan(4);
        }
        CliResult withCredentials = workspace.purge("--url", sandbox.baseUrl().toString(), "--deactivated", "--run-id", "2",
                "--proxy", "http://user:pw@127.0.0.1:3128");
        assertThat(withCredentials.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(withCredentials.err()).contains("must not contain credentials").doesNotContain("pw@");
    }
}
