package dev.msframework.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * The canonical ISO-8601 texts the services write and read in every request, answer and event, read by hand
 * instead of through java.time's {@code DateTimeFormatter}, whose general parser was 7 to 8% of an event consumer's
 * CPU (decision 0050): an instant {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (0 to 9 digits of fraction, UTC), as Java writes
 * {@code Instant} and a UTC {@code OffsetDateTime}. Any other text answers null, and Jackson's own deserializer reads it, or refuses it, as before.
 */
final class IsoTimes {

    private static final long SECONDS_PER_DAY = 86_400;

    private IsoTimes() {
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} as an instant, or null for any other text. */
    static Instant utcInstant(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        LocalDate date = date(text);
        int hour = twoDigits(text, 11);
        int minute = twoDigits(text, 14);
        int second = twoDigits(text, 17);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (length > 20) {
            int digits = length - 21;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                return null;
            }
            for (int i = 20; i < length - 1; i++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    return null;
                }
                nano = nano * 10 + digit;
            }
            for (int i = digits; i < 9; i++) {
                nano *= 10;
            }
        }
        return Instant.ofEpochSecond(date.toEpochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
    }

    /** {@code yyyy-MM-dd}, the first ten characters of a text of at least twenty, as a date, or null when they are not one. */
    private static LocalDate date(String text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int high = twoDigits(text, 0);
        int low = twoDigits(text, 2);
        int month = twoDigits(text, 5);
        int day = twoDigits(text, 8);
        if (high < 0 || low < 0 || month < 1 || month > 12 || day < 1) {
            return null;
        }
        int year = high * 100 + low;
        return day > Month.of(month).length(Year.isLeap(year)) ? null : LocalDate.of(year, month, day);
    }

    /** The number the two digits at {@code at} make, or -1. */
    private static int twoDigits(String text, int at) {
        int tens = text.charAt(at) - '0';
        int ones = text.charAt(at + 1) - '0';
        return tens < 0 || tens > 9 || ones < 0 || ones > 9 ? -1 : tens * 10 + ones;
    }
}
