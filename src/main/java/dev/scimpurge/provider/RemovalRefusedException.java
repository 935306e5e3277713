package dev.scimpurge.provider;

/** A removal the strategy itself gave up on, with the reason an operator can act on. */
public class RemovalRefusedException extends RuntimeException {

    private final String reason;
    private final Integer httpStatus;

    public RemovalRefusedException(String reason, Integer httpStatus, String message) {
        super(message);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    public String reason() {
        return reason;
    }

    public Integer httpStatus() {
        return httpStatus;
    }
}
