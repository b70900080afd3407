package fr.accueil.server.directory.internal;

import fr.accueil.server.directory.LocatedProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one file, each located at a YAML node. Not thread-safe (one per load). */
public final class YamlProblems {
    private final String file;
    private final List<LocatedProblem> problems = new ArrayList<>();

    public YamlProblems(String file) {
        this.file = file;
    }

    public void add(Node node, String path, String reason) {
        add(node == null ? 1 : node.getStartMark().getLine() + 1, path, reason);
    }

    public void add(int line, String path, String reason) {
        problems.add(new LocatedProblem(file, line, path, reason));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** In file order, so a reader fixes them top to bottom. */
    public List<LocatedProblem> sorted() {
        return problems.stream().sorted(Comparator.comparingInt(LocatedProblem::line)).toList();
    }
}
