package dev.msframework.generator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives strings that match a field's {@code pattern(...)}, so that the generated tests can send valid values.
 * It understands what field patterns use: literals, escapes ({@code \d \w \s} and escaped characters), character
 * classes with ranges and negation, {@code .}, groups with alternatives, and the quantifiers {@code ? * + {n} {n,}
 * {n,m}}; anchors are ignored. Every candidate is checked with {@link Pattern} before it is used.
 */
final class RegexSample {

    private static final String PRINTABLE;

    static {
        StringBuilder b = new StringBuilder();
        for (char c = 0x21; c < 0x7f; c++) {
            b.append(c);
        }
        PRINTABLE = b.toString();
    }

    private final String regex;
    private int pos;

    private RegexSample(String regex) {
        this.regex = regex;
    }

    /** The {@code n}-th distinct matching string (n from 1) of length minLength..maxLength, or null. */
    static String find(Pattern pattern, int n, int minLength, Integer maxLength) {
        Node root;
        try {
            RegexSample parser = new RegexSample(pattern.pattern());
            root = parser.alternatives();
            if (parser.pos != parser.regex.length()) {
                return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
        Set<String> found = new LinkedHashSet<>();
        for (int attempt = 0; attempt < 2000 && found.size() < n; attempt++) {
            StringBuilder out = new StringBuilder();
            root.generate(new Random(attempt), out, attempt == 0);
            String candidate = out.toString();
            if (candidate.length() >= minLength && (maxLength == null || candidate.length() <= maxLength)
                    && pattern.matcher(candidate).matches()) {
                found.add(candidate);
            }
        }
        return found.size() >= n ? new ArrayList<>(found).get(n - 1) : null;
    }

    // ----- a small recursive-descent parser -----

    private interface Node {
        void generate(Random random, StringBuilder out, boolean shortest);
    }

    private Node alternatives() {
        List<Node> options = new ArrayList<>();
        options.add(sequence());
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            options.add(sequence());
        }
        return (random, out, shortest) -> options.get(shortest ? 0 : random.nextInt(options.size())).generate(random, out, shortest);
    }

    private Node sequence() {
        List<Node> items = new ArrayList<>();
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            Node atom = atom();
            items.add(quantified(atom));
        }
        return (random, out, shortest) -> items.forEach(item -> item.generate(random, out, shortest));
    }

    private Node quantified(Node atom) {
        if (pos >= regex.length()) {
            return atom;
        }
        int min;
        int max;
        char c = regex.charAt(pos);
        if (c == '?') {
            min = 0;
            max = 1;
            pos++;
        } else if (c == '*') {
            min = 0;
            max = 4;
            pos++;
        } else if (c == '+') {
            min = 1;
            max = 5;
            pos++;
        } else if (c == '{' && regex.indexOf('}', pos) > 0 && regex.substring(pos + 1, regex.indexOf('}', pos)).matches("\\d+(,\\d*)?")) {
            String[] bounds = regex.substring(pos + 1, regex.indexOf('}', pos)).split(",", -1);
            min = Integer.parseInt(bounds[0]);
            max = bounds.length == 1 ? min : bounds[1].isEmpty() ? min + 4 : Integer.parseInt(bounds[1]);
            pos = regex.indexOf('}', pos) + 1;
        } else {
            return atom;
        }
        if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
            pos++;
        }
        int lo = min;
        int hi = max;
        return (random, out, shortest) -> {
            int count = shortest ? Math.max(lo, Math.min(hi, 1)) : lo + random.nextInt(hi - lo + 1);
            for (int i = 0; i < count; i++) {
                atom.generate(random, out, shortest);
            }
        };
    }

    private Node atom() {
        char c = regex.charAt(pos++);
        switch (c) {
            case '^', '$' -> {
                return (random, out, shortest) -> { };
            }
            case '(' -> {
                if (regex.startsWith("?:", pos)) {
                    pos += 2;
                } else if (regex.startsWith("?<", pos) && regex.indexOf('>', pos) > 0) {
                    pos = regex.indexOf('>', pos) + 1;
                }
                Node inner = alternatives();
                if (pos >= regex.length() || regex.charAt(pos) != ')') {
                    throw new IllegalArgumentException("unbalanced group");
                }
                pos++;
                return inner;
            }
            case '[' -> {
                return chars(characterClass());
            }
            case '.' -> {
                return chars("abcdefghijklmnopqrstuvwxyz");
            }
            case '\\' -> {
                return chars(escape(regex.charAt(pos++)));
            }
            default -> {
                return chars(String.valueOf(c));
            }
        }
    }

    private static Node chars(String choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("empty class");
        }
        return (random, out, shortest) -> out.append(choices.charAt(shortest ? 0 : random.nextInt(choices.length())));
    }

    private static String escape(char c) {
        return switch (c) {
            case 'd' -> "0123456789";
            case 'w' -> "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
            case 's' -> " ";
            case 'D', 'W', 'S' -> "-";
            default -> String.valueOf(c);
        };
    }

    private String characterClass() {
        boolean negated = false;
        if (regex.charAt(pos) == '^') {
            negated = true;
            pos++;
        }
        StringBuilder members = new StringBuilder();
        boolean first = true;
        while (regex.charAt(pos) != ']' || first) {
            first = false;
            char c = regex.charAt(pos++);
            String single;
            if (c == '\\') {
                single = escape(regex.charAt(pos++));
            } else {
                single = String.valueOf(c);
            }
            if (single.length() == 1 && pos + 1 < regex.length() && regex.charAt(pos) == '-' && regex.charAt(pos + 1) != ']') {
                pos++;
                char end = regex.charAt(pos++);
                if (end == '\\') {
                    end = regex.charAt(pos++);
                }
                for (char x = single.charAt(0); x <= end; x++) {
                    members.append(x);
                }
            } else {
                members.append(single);
            }
        }
        pos++;
        if (!negated) {
            return members.toString();
        }
        StringBuilder rest = new StringBuilder();
        for (char x : PRINTABLE.toCharArray()) {
            if (members.indexOf(String.valueOf(x)) < 0) {
                rest.append(x);
            }
        }
        return rest.toString();
    }
}
