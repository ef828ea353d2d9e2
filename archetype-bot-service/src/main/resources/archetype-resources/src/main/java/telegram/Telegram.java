package ${package}.telegram;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The few Telegram Bot API types this bot reads and writes (https://core.telegram.org/bots/api), with the
 * Bot API's snake_case field names. Fields the bot does not use are ignored when reading.
 */
public final class Telegram {

    private Telegram() {
    }

    /** Every Bot API answer: {@code ok} and {@code result}, or {@code error_code} and {@code description}. */
    public record ApiResponse<T>(
            boolean ok,
            T result,
            @JsonProperty("error_code") Integer errorCode,
            String description,
            ResponseParameters parameters) {
    }

    /** Why a request failed, e.g. {@code retry_after} seconds on 429. */
    public record ResponseParameters(@JsonProperty("retry_after") Integer retryAfter) {
    }

    /** An incoming update; this bot handles messages only. */
    public record Update(@JsonProperty("update_id") long updateId, Message message) {
    }

    public record Message(
            @JsonProperty("message_id") long messageId,
            User from,
            Chat chat,
            long date,
            String text) {
    }

    public record Chat(long id, String type) {
    }

    public record User(
            long id,
            @JsonProperty("is_bot") boolean isBot,
            @JsonProperty("first_name") String firstName,
            String username) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetUpdatesRequest(
            Long offset,
            int timeout,
            @JsonProperty("allowed_updates") List<String> allowedUpdates) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SendMessageRequest(
            @JsonProperty("chat_id") long chatId,
            String text,
            @JsonProperty("link_preview_options") LinkPreviewOptions linkPreviewOptions) {

        public static SendMessageRequest plain(long chatId, String text) {
            return new SendMessageRequest(chatId, text, new LinkPreviewOptions(true));
        }
    }

    public record LinkPreviewOptions(@JsonProperty("is_disabled") boolean isDisabled) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SetWebhookRequest(
            String url,
            @JsonProperty("secret_token") String secretToken,
            @JsonProperty("allowed_updates") List<String> allowedUpdates) {
    }
}
