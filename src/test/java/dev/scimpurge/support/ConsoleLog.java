package dev.scimpurge.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** What a command logged: Spring Boot's console appender writes to System.out, which this captures for one call. */
public record ConsoleLog<T>(T result, List<String> lines) {

    public static <T> ConsoleLog<T> capture(Supplier<T> action) {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = action.get();
        } finally {
            System.setOut(console);
        }
        return new ConsoleLog<>(result, captured.toString(StandardCharsets.UTF_8).lines().toList());
    }

    public String text() {
        return String.join("\n", lines);
    }
}
