package dev.msframework.problem.example;

/** An exception of a service's own, which the library knows nothing about. */
public class OutOfStockException extends RuntimeException {

    private final String sku;

    public OutOfStockException(String sku) {
        super("Item " + sku + " is out of stock.");
        this.sku = sku;
    }

    public String sku() {
        return sku;
    }
}
