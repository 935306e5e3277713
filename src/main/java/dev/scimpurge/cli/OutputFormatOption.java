package dev.scimpurge.cli;

import picocli.CommandLine.Option;

import dev.scimpurge.audit.output.OutputFormat;

/** {@code --format table|json|csv} of the listing commands. */
public class OutputFormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;
}
