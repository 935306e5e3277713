package dev.scimpurge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import picocli.CommandLine.ParseResult;

import dev.scimpurge.provider.ProviderProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every command in jobs/ (crontab lines, the systemd ExecStart, the Kubernetes CronJobs' args on
 * the image's ENTRYPOINT, the Dockerfile's ENTRYPOINT and CMD) and every config/examples file goes
 * through the real command-line parser, config file and environment included: a renamed or removed
 * option, a misspelt key or a missing --yes fails here, not at 02:30.
 */
class SchedulingDefinitionsTest {

    private static final Path JOBS = Path.of("jobs");
    private static final Path EXAMPLES = Path.of("config/examples");
    private static final String MOUNTED_CONFIG_DIR = "/etc/scim-purge/";
    private static final List<String> NIGHTLY_PROVIDERS = List.of("generic", "stackoverflow", "anaplan", "slack", "atlassian");
    private static final Pattern SHELL_WORD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");

    @TempDir
    Path dir;

    /** A command as the scheduler would start it: the jar's arguments, the environment, and the files mounted for it. */
    private record Scheduled(String where, List<String> arguments, Map<String, String> environment, Map<String, String> mountedFiles) {
    }

    @Test
    void everyProviderHasANightlyExampleAndEachParses() {
        for (String provider : NIGHTLY_PROVIDERS) {
            Path example = EXAMPLES.resolve(provider + "-nightly.yml");
            assertThat(example).exists();
            ParseResult purge = parse(new Scheduled(example.toString(), List.of("purge", "--config", example.toString()), Map.of(), Map.of()));
            assertThat(purge.matchedOptionValue("--provider", "")).isEqualTo(provider);
            assertThat(purge.hasMatchedOption("--deactivated")).as(example + " purges deactivated users").isTrue();
        }
    }

    @Test
    void crontabLinesParse() throws IOException {
        List<Scheduled> lines = new ArrayList<>();
        for (String line : Files.readAllLines(JOBS.resolve("crontab"))) {
            if (line.isBlank() || line.startsWith("#") || line.matches("^[A-Z_]+=.*")) {
                continue;
            }
            String[] fields = line.strip().split("\\s+", 7);
            assertThat(fields).as(line).hasSize(7);
            assertThat(fields[6]).as("cron turns %% into a newline: " + line).doesNotContain("%");
            lines.add(new Scheduled("crontab: " + line, jarArguments(shellWords(fields[6])), Map.of(), Map.of()));
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        lines.forEach(this::parseUnattended);
    }

    @Test
    void theSystemdServiceParsesForEveryProvider() throws IOException {
        String service = Files.readString(JOBS.resolve("systemd/scim-purge@.service"));
        Matcher execStart = Pattern.compile("(?m)^ExecStart=(.*)$").matcher(service);
        assertThat(execStart.find()).isTrue();
        assertThat(service).contains("Type=oneshot").containsPattern("(?m)^TimeoutStopSec=\\d+");
        assertThat(Files.readString(JOBS.resolve("systemd/scim-purge@.timer"))).containsPattern("(?m)^OnCalendar=").contains("Persistent=true");
        for (String provider : NIGHTLY_PROVIDERS) {
            String command = execStart.group(1).replace("%i", provider).replace("%%", "%");
            parseUnattended(new Scheduled("systemd scim-purge@" + provider, jarArguments(shellWords(command)), Map.of(), Map.of()));
        }
    }

    @Test
    void theDockerfilesEntrypointAndCmdParse() throws IOException {
        List<String> command = new ArrayList<>(dockerInstruction("ENTRYPOINT"));
        command.addAll(dockerInstruction("CMD"));
        // The image expects the config file mounted; the generic example stands in for it.
        Map<String, String> mounted = Map.of("/etc/scim-purge/scim-purge.yml", Files.readString(EXAMPLES.resolve("generic-nightly.yml")));
        parseUnattended(new Scheduled("Dockerfile", jarArguments(command), Map.of(), mounted));
    }

    @Test
    void theKubernetesCronJobsParseAndStopGracefully() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.list(JOBS.resolve("kubernetes"))) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(manifests).hasSizeGreaterThanOrEqualTo(2);
        for (Path manifest : manifests) {
            Map<String, Map<String, Object>> byKind = new HashMap<>();
            Map<String, Map<String, Object>> configMaps = new HashMap<>();
            for (Object document : new Yaml().loadAll(Files.readString(manifest))) {
                Map<String, Object> resource = map(document);
                String kind = (String) resource.get("kind");
                byKind.put(kind, resource);
                if (kind.equals("ConfigMap")) {
                    configMaps.put((String) map(resource.get("metadata")).get("name"), map(resource.get("data")));
                }
            }
            assertThat(byKind).as(manifest.toString()).containsKeys("CronJob", "ConfigMap", "PersistentVolumeClaim");
            Map<String, Object> cronJob = map(byKind.get("CronJob").get("spec"));
            assertThat(cronJob.get("concurrencyPolicy")).isEqualTo("Forbid");
            Map<String, Object> job = map(map(cronJob.get("jobTemplate")).get("spec"));
            assertThat(job).containsKey("backoffLimit");
            Map<String, Object> pod = map(map(job.get("template")).get("spec"));
            assertThat(pod.get("restartPolicy")).isEqualTo("Never");
            assertThat((Integer) pod.get("terminationGracePeriodSeconds")).as("time for a graceful stop").isGreaterThanOrEqualTo(120);
            Map<String, Map<String, Object>> volumes = new HashMap<>();
            list(pod.get("volumes")).forEach(v -> volumes.put((String) map(v).get("name"), map(v)));
            assertThat(volumes.values()).as("the token comes from a Secret mounted as a file").anyMatch(v -> v.containsKey("secret"));

            for (Object containerObject : list(pod.get("containers"))) {
                Map<String, Object> container = map(containerObject);
                List<String> command = new ArrayList<>();
                command.addAll(container.containsKey("command") ? strings(container.get("command")) : dockerInstruction("ENTRYPOINT"));
                command.addAll(strings(container.get("args")));
                Map<String, String> environment = new HashMap<>();
                for (Object variable : container.containsKey("env") ? list(container.get("env")) : List.of()) {
                    Map<String, Object> env = map(variable);
                    assertThat(env.get("name")).as("no token in the manifest's environment").isNotEqualTo(CredentialOptions.TOKEN_VARIABLE);
                    environment.put((String) env.get("name"), env.containsKey("value") ? String.valueOf(env.get("value")) : "(from a Secret)");
                }
                Map<String, String> mounted = new HashMap<>();
                for (Object mountObject : list(container.get("volumeMounts"))) {
                    Map<String, Object> mount = map(mountObject);
                    Map<String, Object> volume = volumes.get(mount.get("name"));
                    if (volume.containsKey("configMap")) {
                        Map<String, Object> data = configMaps.get(map(volume.get("configMap")).get("name"));
                        assertThat(data).as(manifest + ": the ConfigMap " + volume.get("configMap") + " is in the manifest").isNotNull();
                        data.forEach((key, content) -> mounted.put(mount.get("mountPath") + "/" + key, (String) content));
                    }
                }
                parseUnattended(new Scheduled(manifest.toString(), jarArguments(command), environment, mounted));
            }
        }
    }

    private void parseUnattended(Scheduled scheduled) {
        ParseResult purge = parse(scheduled);
        assertThat(purge.hasMatchedOption("--yes") || purge.hasMatchedOption("--dry-run"))
                .as(scheduled.where() + ": without a terminal a run needs --yes (or is a --dry-run)").isTrue();
        assertThat(purge.hasMatchedOption("--token")).as(scheduled.where() + ": no token in argv").isFalse();
        if (purge.hasMatchedOption("--deactivated")) {
            assertThat(purge.matchedOptionValue("--run-id", "1"))
                    .as(scheduled.where() + ": a nightly --deactivated run needs a new run id each night").contains(RunIdTemplate.DATE);
        }
    }

    /** Parses as {@code scim-purge ARGS} with the config file swapped for its content (an example, or a ConfigMap's). */
    private ParseResult parse(Scheduled scheduled) {
        List<String> arguments = new ArrayList<>(scheduled.arguments());
        int config = arguments.indexOf(ConfigFileArguments.CONFIG_OPTION);
        if (config >= 0) {
            arguments.set(config + 1, localConfig(scheduled, arguments.get(config + 1)).toString());
        }
        ParseResult result;
        try {
            result = new ScimPurgeCli(scheduled.environment(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                    .parse(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new AssertionError(scheduled.where() + ": " + arguments + " does not parse: " + e.getMessage(), e);
        }
        assertThat(result.subcommand()).as(scheduled.where()).isNotNull();
        ParseResult purge = result.subcommand();
        assertThat(purge.commandSpec().name()).isEqualTo("purge");
        String provider = purge.matchedOptionValue("--provider", "generic");
        assertThat(ProviderProfiles.standard().load(provider)).as(scheduled.where() + ": provider " + provider).isNotNull();
        return purge;
    }

    private Path localConfig(Scheduled scheduled, String path) {
        try {
            if (scheduled.mountedFiles().containsKey(path)) {
                return Files.writeString(Files.createTempFile(dir, "mounted", ".yml"), scheduled.mountedFiles().get(path));
            }
            if (path.startsWith(MOUNTED_CONFIG_DIR)) {
                Path example = EXAMPLES.resolve(path.substring(MOUNTED_CONFIG_DIR.length()));
                assertThat(example).as(scheduled.where() + ": " + path + " is one of config/examples").exists();
                return example;
            }
            return Path.of(path);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The arguments after {@code java ... -jar .../scim-purge.jar}, or after the launcher {@code .../scim-purge}
     * (src/main/dist/scim-purge, which the build puts beside the jar), up to the first shell redirection or operator.
     */
    private static List<String> jarArguments(List<String> command) {
        int jar = command.indexOf("-jar");
        int start;
        if (jar >= 0) {
            assertThat(command.get(jar + 1)).endsWith("/scim-purge.jar");
            start = jar + 2;
        } else {
            assertThat(command.get(0)).as("java -jar scim-purge.jar, or the launcher, in " + command).endsWith("/scim-purge");
            assertThat(Path.of("src/main/dist/scim-purge")).as("the launcher").isRegularFile();
            start = 1;
        }
        List<String> arguments = new ArrayList<>();
        for (String word : command.subList(start, command.size())) {
            if (word.startsWith(">") || word.startsWith("2>") || List.of("||", "&&", ";", "|").contains(word)) {
                break;
            }
            arguments.add(word);
        }
        return arguments;
    }

    private static List<String> shellWords(String command) {
        List<String> words = new ArrayList<>();
        Matcher m = SHELL_WORD.matcher(command);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return words;
    }

    private static List<String> dockerInstruction(String instruction) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + instruction + "\\s+(\\[.*])\\s*$").matcher(Files.readString(JOBS.resolve("container/Dockerfile")));
        assertThat(m.find()).as(instruction + " in exec (JSON) form, so java gets SIGTERM itself").isTrue();
        return List.of(JsonMapper.builder().build().readValue(m.group(1), String[].class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object yaml) {
        return (List<Object>) yaml;
    }

    private static List<String> strings(Object yaml) {
        return list(yaml).stream().map(String::valueOf).toList();
    }
}
