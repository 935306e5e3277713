package dev.scimpurge.cli;

import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Builds the commands for documentation generated from them, such as the man pages the build writes with picocli's
 * ManPageGenerator: the root command with an empty environment, since no command runs.
 */
public final class DocumentationFactory implements IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == ScimPurgeCommand.class) {
            return type.cast(new ScimPurgeCommand(Map.of(), StateDirectory.of(Map.of(), Path.of("~"))));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
