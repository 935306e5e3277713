package dev.scimpurge.cli;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A DATE option: {@code 2026-01-31} (the start of that day) or {@code 2026-01-31T18:30[:00]}, in
 * the job database's wall-clock time, which is the local time of the hosts that ran the purges.
 */
class DateTimeConverter implements ITypeConverter<LocalDateTime> {

    static final String FORMATS = "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]";

    @Override
    public LocalDateTime convert(String value) {
        try {
            return value.contains("T") ? LocalDateTime.parse(value) : LocalDate.parse(value).atStartOfDay();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date: use " + FORMATS);
        }
    }
}
