package dev.msframework.problem.example;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/shop")
public class ShopResource {

    @POST
    @Path("/orders/{sku}")
    public String order(@PathParam("sku") String sku) {
        if (sku.startsWith("x")) {
            throw new IllegalArgumentException("no such sku " + sku);
        }
        throw new OutOfStockException(sku);
    }
}
