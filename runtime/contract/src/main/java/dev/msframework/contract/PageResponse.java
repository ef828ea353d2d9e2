package dev.msframework.contract;

import java.util.List;

/**
 * One page of a list endpoint: {@code {"items": [...], "page": 0, "size": 20, "total": 123}}.
 *
 * @param items the elements of this page
 * @param page  0-based page index
 * @param size  requested page size (1 to {@value #MAX_SIZE})
 * @param total number of elements over all pages
 */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    /** The largest page size a list endpoint serves. */
    public static final int MAX_SIZE = 100;

    /** The last page number a list endpoint serves: the offset of its first element (page x size) is still an int. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE - 1;

    /** What a page number out of bounds is told (the message of its constraints). */
    public static final String PAGE_RULE = "must be between 0 and " + MAX_PAGE;

    /** What a page size out of bounds is told. */
    public static final String SIZE_RULE = "must be between 1 and " + MAX_SIZE;
}
