package dev.scimpurge.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.h2.engine.SysProperties;

/** The job database a run uses. The password is handed to the data source only, never printed. */
public record JobDatabase(String url, String user, String password) {

    /** Any H2 database, also one given with --db-url, may start H2's auto server: keep it on loopback. */
    public JobDatabase {
        if (url.startsWith("jdbc:h2:")) {
            requireLoopbackAutoServer();
        }
    }


    static final String H2_BIND_ADDRESS = "h2.bindAddress";
    private static final String H2_FILE = "jdbc:h2:file:";

    /**
     * An embedded H2 file. WRITE_DELAY=0: a commit reaches the file at once, so a process killed
     * right after a chunk (or a removal attempt) committed still finds it on restart; H2's default
     * delays it by 500 ms. AUTO_SERVER=TRUE: the process that opened the file serves it to others
     * (history and audit while a purge runs, purges of other targets) over TCP, on loopback only (see
     * {@link #requireLoopbackAutoServer()}). AUTO_RECONNECT=TRUE: when the serving process ends first, the
     * others' connections reconnect (one of them then serves the file) instead of breaking. LOCK_TIMEOUT: a process waits this long for the
     * outcome chain's head, which another process's chunk holds until it commits.
     */
    public static JobDatabase h2File(Path file) {
        return new JobDatabase(H2_FILE + file + ";WRITE_DELAY=0;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;LOCK_TIMEOUT=30000", "sa", "");
    }

    /** The same database, but an H2 file that does not exist yet is an error instead of being created. */
    public JobDatabase existingOnly() {
        return url.startsWith("jdbc:h2:") ? new JobDatabase(url + ";IFEXISTS=TRUE", user, password) : this;
    }

    /**
     * H2's auto server listens with "-tcpAllowOthers" on every interface unless the system property
     * h2.bindAddress names one, and H2 reads that property once, when it initialises. So it is set
     * here, before H2 opens anything, and checked: a database served to the network would let
     * anyone who can read the lock file's key write to the job database with the empty sa password.
     */
    static void requireLoopbackAutoServer() {
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, InetAddress.getLoopbackAddress().getHostAddress());
        }
        String bound = SysProperties.BIND_ADDRESS;
        if (!isLoopback(bound)) {
            throw new IllegalStateException("H2 would serve the job database on " + (bound == null ? "every interface" : bound)
                    + "; " + H2_BIND_ADDRESS + " must be a loopback address, set before H2 is first used");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** As Spring Boot command-line properties, which rank above application.yml. */
    public List<String> asSpringArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.datasource.url=" + url);
        arguments.add("--spring.datasource.username=" + user);
        arguments.add("--spring.datasource.password=" + password);
        return arguments;
    }

    /** Where the database is, for people: an H2 file's path, or the URL without its parameters. */
    public String location() {
        String withoutParameters = url.split("[;?]", 2)[0];
        return withoutParameters.startsWith(H2_FILE) ? withoutParameters.substring(H2_FILE.length()) + ".mv.db" : withoutParameters;
    }

    @Override
    public String toString() {
        return "JobDatabase[" + url + "]";
    }
}
