package ${package}.telegram;

import jakarta.ws.rs.core.Response;

/**
 * A Bot API call answered with an error. {@link #retryAfterSeconds()} is set on 429 (Too Many Requests):
 * Telegram asks the bot to wait that long before sending again.
 */
public class TelegramApiException extends RuntimeException {

    private final int status;
    private final Integer retryAfterSeconds;

    public TelegramApiException(int status, String description, Integer retryAfterSeconds) {
        super("Telegram Bot API answered " + status + ": " + description);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static TelegramApiException from(Response response) {
        String description = response.getStatusInfo().getReasonPhrase();
        Integer retryAfter = null;
        try {
            Telegram.ApiResponse<?> body = response.readEntity(Telegram.ApiResponse.class);
            if (body != null) {
                description = body.description() != null ? body.description() : description;
                retryAfter = body.parameters() != null ? body.parameters().retryAfter() : null;
            }
        } catch (RuntimeException notJson) {
            // a proxy or gateway error page: the status says enough
        }
        return response.getStatus() == 429
                ? new TooManyRequests(description, retryAfter)
                : new TelegramApiException(response.getStatus(), description, retryAfter);
    }

    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 429: the bot sends too fast for Telegram; retried after {@code retry_after} seconds. */
    public static class TooManyRequests extends TelegramApiException {
        public TooManyRequests(String description, Integer retryAfterSeconds) {
            super(429, description, retryAfterSeconds);
        }
    }
}
