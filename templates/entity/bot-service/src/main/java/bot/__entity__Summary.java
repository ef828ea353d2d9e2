## The fields a line shows: the title field, the other summary fields, then the date field (the notifications are about it).
#set( $lineFields = [$model.titleField] )
#foreach( $f in $model.summaryFields )
#if( $f.name != $model.titleField.name )
#set( $added = $lineFields.add($f) )
#end
#end
#if( $model.dateField && !$lineFields.contains($model.dateField) )
#set( $added = $lineFields.add($model.dateField) )
#end
package ${package}.bot;

import java.math.BigDecimal;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import ${package}.contract.${entity}Dto;

/**
 * A ${entity} as one readable line, for the list and the notifications:
#foreach( $f in $lineFields )
#if( $f.text || $f.enum )
 * {@code ${f.name}} as is#if( $foreach.hasNext ),#else.#end
#else
 * {@code ${f.name}} as "${f.label} &lt;value&gt;"#if( $foreach.hasNext ),#else.#end
#end
#end
 * Empty values are left out; texts are cut to {@value #MAX_TEXT} characters, so that a list of
 * {@code bot.list-size} ${entityPlural} stays within the 4096 characters of a Telegram message.
 */
public final class ${entity}Summary {

    public static final int MAX_TEXT = 100;
    public static final String SEPARATOR = " · ";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ${entity}Summary() {
    }

    /** {@code #<id> <summary>}: a line of the list. */
    public static String line(${entity}Dto ${entityVar}) {
        String summary = of(${entityVar});
        return "#" + ${entityVar}.id() + (summary.isEmpty() ? "" : " " + summary);
    }

    /** {@code #<id>: <summary>}: what a reply or a notification says about one ${entity}. */
    public static String entry(${entity}Dto ${entityVar}) {
        String summary = of(${entityVar});
        return "#" + ${entityVar}.id() + (summary.isEmpty() ? "" : ": " + summary);
    }

    /** The values of the line, separated by {@value #SEPARATOR}; empty when all of them are. */
    public static String of(${entity}Dto ${entityVar}) {
        StringJoiner out = new StringJoiner(SEPARATOR);
#foreach( $f in $lineFields )
#if( $f.text || $f.enum )
        add(out, null, ${entityVar}.${f.name}());
#else
        add(out, "${f.label}", ${entityVar}.${f.name}());
#end
#end
        return out.toString();
    }

    /** A text on one line, cut to {@value #MAX_TEXT} characters. */
    public static String shorten(String text) {
        String oneLine = WHITESPACE.matcher(text.strip()).replaceAll(" ");
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT - 1) + "…";
    }

    private static void add(StringJoiner out, String label, Object value) {
        if (value == null) {
            return;
        }
        String text = shorten(value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value));
        if (!text.isEmpty()) {
            out.add(label == null ? text : label + " " + text);
        }
    }
}
