package dev.scimpurge.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The job database a run uses. The password is handed to the data source only, never printed. */
public record JobDatabase(String url, String user, String password) {

    /**
     * An embedded H2 file. WRITE_DELAY=0: a commit reaches the file at once, so a process killed
     * right after a chunk (or a removal attempt) committed still finds it on restart; H2's default
     * delays it by 500 ms.
     */
    public static JobDatabase h2File(Path file) {
        return new JobDatabase("jdbc:h2:file:" + file + ";WRITE_DELAY=0", "sa", "");
    }

    /** As Spring Boot command-line properties, which rank above application.yml. */
    public List<String> asSpringArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.datasource.url=" + url);
        arguments.add("--spring.datasource.username=" + user);
        arguments.add("--spring.datasource.password=" + password);
        return arguments;
    }

    @Override
    public String toString() {
        return "JobDatabase[" + url + "]";
    }
}
