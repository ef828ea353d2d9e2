package ${package}.domain;

/** A request field that the contract's annotations cannot check (answered with 400 and the field's name). */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
