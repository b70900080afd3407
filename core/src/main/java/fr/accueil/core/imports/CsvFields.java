package fr.accueil.core.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields (RFC 4180: fields may be double-quoted, a quote inside a quoted field
 * is doubled, separators inside quotes are text). Records spanning several lines are not supported:
 * an unterminated quote is a malformed line. Stateless and thread-safe.
 */
public final class CsvFields {
    private CsvFields() {
    }

    /** @throws IllegalArgumentException naming the column and the problem, when the line is malformed */
    public static List<String> split(String line) {
        try {
            return splitOrThrow(line);
        } catch (MalformedLineException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static List<String> splitOrThrow(String line) {
        List<String> fields = new ArrayList<>(24);
        StringBuilder quoted = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                quoted.setLength(0);
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MalformedLineException("unterminated quote in field " + (fields.size() + 1));
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            quoted.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        quoted.append(c);
                        i++;
                    }
                }
                fields.add(quoted.toString());
                if (i < n && line.charAt(i) != ',') {
                    throw new MalformedLineException("text after the closing quote of field " + fields.size());
                }
            } else {
                int start = i;
                while (i < n && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        throw new MalformedLineException("quote inside unquoted field " + (fields.size() + 1));
                    }
                    i++;
                }
                fields.add(line.substring(start, i));
            }
            if (i >= n) {
                return fields;
            }
            i++; // the separator
        }
    }
}
