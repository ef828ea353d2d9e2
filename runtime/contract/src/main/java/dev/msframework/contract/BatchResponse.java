package dev.msframework.contract;

import java.util.List;

/**
 * The answer of a batch endpoint: one result per element of the request, in the same order,
 * {@code {"items": [{"status": 201, "id": "..."}, {"status": 409, "detail": "..."}]}}. The batch as a whole is
 * refused (400) when any element is invalid, so that an item's status is only ever one a single call would answer
 * for a valid request: 201 (recorded) or 409 (a conflict, e.g. already recorded).
 *
 * @param items one result per request element, in request order
 */
public record BatchResponse(List<Item> items) {

    /** The most elements one batch request may carry. */
    public static final int MAX_SIZE = 500;

    /** What a batch of the wrong size is told (the message of its constraint). */
    public static final String SIZE_RULE = "must have between 1 and " + MAX_SIZE + " elements";

    /**
     * The result of one element.
     *
     * @param status the HTTP status a single call would have answered: 201 or 409
     * @param id     the id of what was created (201), otherwise null
     * @param detail why it was not created (409), otherwise null
     */
    public record Item(int status, String id, String detail) {

        public static Item created(String id) {
            return new Item(201, id, null);
        }

        public static Item conflict(String detail) {
            return new Item(409, null, detail);
        }
    }
}
