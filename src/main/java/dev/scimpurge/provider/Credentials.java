package dev.scimpurge.provider;

/** The secret a run authenticates with. Never printed: toString redacts. */
public sealed interface Credentials {

    record Token(String value) implements Credentials {
        @Override
        public String toString() {
            return "Token[redacted]";
        }
    }

    record UserPassword(String user, String password) implements Credentials {
        @Override
        public String toString() {
            return "UserPassword[" + user + ", password redacted]";
        }
    }
}
