package dev.msframework.generator;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The file operations of the post-generate step, as the Groovy script did them ({@code getText('UTF-8')},
 * {@code write(text, 'UTF-8')}, {@code deleteDir()}): UTF-8 text read and written as it is (no line-ending conversion,
 * no byte order mark), malformed bytes read as U+FFFD; a file that cannot be read or written is an {@link IOException},
 * as it was out of the script (the archetype plugin reports it as a generation failure).
 */
final class TextFiles {

    private TextFiles() {
    }

    static String read(File file) throws IOException {
        try (InputStream in = new FileInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Creates or truncates {@code file} (its directory must exist) and writes {@code text} in UTF-8. */
    static void write(File file, String text) throws IOException {
        try (OutputStream out = new FileOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Deletes a directory and everything in it, as Groovy's {@code File.deleteDir()}: true when {@code dir} does not
     * exist, false (and nothing deleted) when it is not a directory; goes on after a file it cannot delete.
     */
    static boolean deleteDir(File dir) {
        if (!dir.exists()) {
            return true;
        }
        if (!dir.isDirectory()) {
            return false;
        }
        File[] files = dir.listFiles();
        if (files == null) {
            return false;
        }
        boolean result = true;
        for (File file : files) {
            if (file.isDirectory()) {
                if (!deleteDir(file)) {
                    result = false;
                }
            } else if (!file.delete()) {
                result = false;
            }
        }
        if (!dir.delete()) {
            result = false;
        }
        return result;
    }

    /** Groovy's {@code a ?: b} for strings: {@code b} when {@code a} is null or empty. */
    static String orElse(String a, String b) {
        return a == null || a.isEmpty() ? b : a;
    }

    /** Groovy truth of a string: neither null nor empty. */
    static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
