package dev.scimpurge.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private CA and a server certificate for 127.0.0.1 it signed, made with the JDK's keytool
 * (no library needed). {@code caPem} is what an operator would pass to --ca-cert.
 */
public record TestCertificates(Path caPem, Path serverKeyStore, char[] password) {

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        String pass = "changeit";
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path caPem = dir.resolve("ca.pem");
        Path csr = dir.resolve("server.csr");
        Path serverPem = dir.resolve("server.pem");
        keytool(dir, "-genkeypair", "-keystore", ca.toString(), "-storepass", pass, "-alias", "ca", "-dname", "CN=scim-purge test CA",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-ext", "bc:c");
        keytool(dir, "-exportcert", "-rfc", "-keystore", ca.toString(), "-storepass", pass, "-alias", "ca", "-file", caPem.toString());
        keytool(dir, "-genkeypair", "-keystore", server.toString(), "-storepass", pass, "-alias", "server", "-dname", "CN=127.0.0.1",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2");
        keytool(dir, "-certreq", "-keystore", server.toString(), "-storepass", pass, "-alias", "server", "-file", csr.toString());
        keytool(dir, "-gencert", "-keystore", ca.toString(), "-storepass", pass, "-alias", "ca", "-infile", csr.toString(),
                "-outfile", serverPem.toString(), "-rfc", "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost");
        keytool(dir, "-importcert", "-noprompt", "-keystore", server.toString(), "-storepass", pass, "-alias", "ca", "-file", caPem.toString());
        keytool(dir, "-importcert", "-noprompt", "-keystore", server.toString(), "-storepass", pass, "-alias", "server", "-file", serverPem.toString());
        return new TestCertificates(caPem, server, pass.toCharArray());
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
