package dev.msframework.contract;

import java.util.List;

/**
 * One page of a list endpoint: {@code {"items": [...], "page": 0, "size": 20, "total": 123}}.
 *
 * @param items the elements of this page
 * @param page  0-based page index
 * @param size  requested page size (1 to 100)
 * @param total number of elements over all pages
 */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
