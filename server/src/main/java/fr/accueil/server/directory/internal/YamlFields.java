package fr.accueil.server.directory.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The entries of one YAML mapping, checked against the keys it may hold: unknown and duplicate keys
 * are reported where they are written. Reading a value of the wrong shape reports it and answers
 * empty, so the caller carries on and every problem of the file is found in one pass.
 */
public final class YamlFields {
    private final Node node;
    private final String path;
    private final YamlProblems problems;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();

    private YamlFields(Node node, String path, YamlProblems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Empty (and reported) if {@code node} is not a mapping. */
    public static Optional<YamlFields> of(Node node, String path, Set<String> allowed, YamlProblems problems) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, path, "expected a mapping (key: value), got " + describe(node));
            return Optional.empty();
        }
        YamlFields fields = new YamlFields(node, path, problems);
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                problems.add(keyNode, path, "a key must be plain text, got " + describe(keyNode));
                continue;
            }
            String key = scalarKey.getValue();
            if (allowed != null && !allowed.contains(key)) {
                problems.add(keyNode, join(path, key), "unknown key '" + key + "' (expected one of " + String.join(", ", allowed) + ")");
                continue;
            }
            if (fields.values.containsKey(key)) {
                problems.add(keyNode, join(path, key), "duplicate key '" + key + "' (first at line "
                        + (fields.keys.get(key).getStartMark().getLine() + 1) + ")");
                continue;
            }
            fields.values.put(key, tuple.getValueNode());
            fields.keys.put(key, keyNode);
        }
        return Optional.of(fields);
    }

    public Node node() {
        return node;
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return join(path, key);
    }

    public Map<String, Node> values() {
        return values;
    }

    public Node keyNode(String key) {
        return keys.get(key);
    }

    /** The value, absent when the key is missing or written with an empty value ({@code key:}). */
    public Optional<Node> get(String key) {
        Node value = values.get(key);
        return value == null || isNull(value) ? Optional.empty() : Optional.of(value);
    }

    public Optional<String> text(String key) {
        return get(key).flatMap(value -> scalar(value, path(key), problems));
    }

    /** Reports a missing key at the mapping's line. */
    public Optional<String> requiredText(String key) {
        if (get(key).isEmpty()) {
            problems.add(node, path(key), "missing (required)");
            return Optional.empty();
        }
        return text(key);
    }

    public Optional<Node> required(String key) {
        Optional<Node> value = get(key);
        if (value.isEmpty()) {
            problems.add(node, path(key), "missing (required)");
        }
        return value;
    }

    public static Optional<String> scalar(Node node, String path, YamlProblems problems) {
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problems.add(node, path, "expected a text value, got " + describe(node));
        return Optional.empty();
    }

    public static Optional<SequenceNode> sequence(Node node, String path, YamlProblems problems) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(sequence);
        }
        problems.add(node, path, "expected a list, got " + describe(node));
        return Optional.empty();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    static String describe(Node node) {
        if (node == null) {
            return "nothing";
        }
        return switch (node.getNodeId()) {
            case scalar -> "the text '" + ((ScalarNode) node).getValue() + "'";
            case sequence -> "a list";
            case mapping -> "a mapping";
            case anchor -> "an anchor";
        };
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
