package dev.msframework.test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request InputFuzz sends: the target is already percent-encoded (a lone surrogate as the bytes UTF-8 would give it,
 * ED A0 80), so that what is sent is exactly what a failure shows.
 */
record FuzzRequest(String operation, String method, String target, List<Map.Entry<String, String>> headers, String contentType,
        String body) {

    private static final int BODY_SHOWN = 2000;
    /** The longest encoded value in the URL: Vert.x refuses request lines over 4,096 bytes before the service sees them. */
    private static final int ENCODED_MAX = 600;

    static FuzzRequest of(FuzzOperation operation, List<FuzzOperation.Param> params, List<List<String>> values,
            Map<String, String> fixedHeaders, String body) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        List<Map.Entry<String, String>> headers = new ArrayList<>(fixedHeaders.entrySet());
        for (int i = 0; i < params.size(); i++) {
            FuzzOperation.Param param = params.get(i);
            for (String value : values.get(i)) {
                switch (param.in()) {
                    case "path" -> path = path.replace("{" + param.name() + "}", encode(value, ENCODED_MAX));
                    case "header" -> headers.add(Map.entry(param.name(), value));
                    default -> query.append(query.length() == 0 ? '?' : '&').append(encode(param.name(), ENCODED_MAX)).append('=')
                            .append(encode(value, ENCODED_MAX));
                }
            }
        }
        return new FuzzRequest(operation.label(), operation.method(), path + query, List.copyOf(headers), operation.bodyType(), body);
    }

    Response send(RequestSpecification given) {
        RequestSpecification request = given.urlEncodingEnabled(false);
        headers.forEach(header -> request.header(header.getKey(), header.getValue()));
        if (body != null) {
            request.contentType(contentType).body(body);
        }
        return request.request(method, target);
    }

    /** The request as a failure shows it: request line, headers, body (the first 2,000 characters). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(method).append(' ').append(target);
        headers.forEach(header -> text.append("\n").append(header.getKey()).append(": ").append(header.getValue()));
        if (body != null) {
            text.append("\nContent-Type: ").append(contentType).append("\n\n").append(shorten(body, BODY_SHOWN));
        }
        return text.toString();
    }

    static String shorten(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "... (" + text.length() + " characters)";
    }

    /**
     * Percent-encodes all but letters, digits, "-", "_" and "~"; code points as UTF-8, lone surrogates included; the value is cut
     * where its encoding would exceed {@code max} characters.
     */
    private static String encode(String value, int max) {
        StringBuilder encoded = new StringBuilder();
        for (int c : value.codePoints().toArray()) {
            int before = encoded.length();
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '~')) {
                encoded.append((char) c);
            } else if (c < 0x80) {
                percent(encoded, c);
            } else if (c < 0x800) {
                percent(encoded, 0xC0 | c >> 6);
                percent(encoded, 0x80 | c & 0x3F);
            } else if (c < 0x10000) {
                percent(encoded, 0xE0 | c >> 12);
                percent(encoded, 0x80 | c >> 6 & 0x3F);
                percent(encoded, 0x80 | c & 0x3F);
            } else {
                percent(encoded, 0xF0 | c >> 18);
                percent(encoded, 0x80 | c >> 12 & 0x3F);
                percent(encoded, 0x80 | c >> 6 & 0x3F);
                percent(encoded, 0x80 | c & 0x3F);
            }
            if (encoded.length() > max) {
                return encoded.substring(0, before);
            }
        }
        return encoded.toString();
    }

    private static void percent(StringBuilder encoded, int octet) {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(octet >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(octet & 0xF, 16)));
    }
}
