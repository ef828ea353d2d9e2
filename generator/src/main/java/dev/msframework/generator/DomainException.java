package dev.msframework.generator;

/** A domain description that cannot be generated: the message names the field, the value and the rule. */
public class DomainException extends IllegalArgumentException {

    public DomainException(String message) {
        super(message);
    }
}
