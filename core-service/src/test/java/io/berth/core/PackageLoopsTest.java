package io.berth.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * core's packages (io.berth.core.x, one per feature) depend on each other without a loop, read from the
 * sources: every import and fully qualified name of another core package is a dependency. A loop fails
 * the build with the classes that make it, so a feature that needs another's rules calls its service,
 * and the lower one never reaches back up.
 */
class PackageLoopsTest {
    static final Path SOURCES = Path.of("src/main/java/io/berth/core");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.berth\\.core\\.([a-z]\\w*)\\.([A-Z]\\w*)");

    @Test
    void corePackagesFormNoLoop() throws IOException {
        Map<String, Map<String, Set<String>>> graph = dependencies(SOURCES);
        assertThat(graph).containsKeys("artifact", "token", "project", "rbac"); // the scan found the sources (identity needs no other core package)
        assertThat(loops(graph)).as("package loops, each with the references that make it").isEmpty();
    }

    @Test
    void identityIsASmallApiAndAuditAndRbacStayBelowTheFeatures() throws IOException {
        Map<String, Map<String, Set<String>>> graph = dependencies(SOURCES);
        assertThat(graph.getOrDefault("identity", Map.of()).keySet()).isSubsetOf("api");
        assertThat(graph.getOrDefault("audit", Map.of()).keySet()).isSubsetOf("api", "identity", "event");
        assertThat(graph.getOrDefault("rbac", Map.of()).keySet()).isSubsetOf("api", "identity", "persistence");
        assertThat(graph.getOrDefault("views", Map.of()).keySet()).isSubsetOf("api");
    }

    @Test
    void aLoopIsFoundAndNamed(@TempDir Path dir) throws IOException {
        write(dir.resolve("a/A.java"), "package io.berth.core.a;\nimport io.berth.core.b.B;\nclass A { B b; }\n");
        write(dir.resolve("b/B.java"), "package io.berth.core.b;\n// io.berth.core.c.C in a comment is no dependency\nclass B { io.berth.core.a.A a; }\n");
        write(dir.resolve("c/C.java"), "package io.berth.core.c;\nclass C { String s = \"io.berth.core.a.A\"; }\n");
        List<String> loops = loops(dependencies(dir));
        assertThat(loops).hasSize(1);
        assertThat(loops.get(0)).contains("a -> b", "b -> a", "A -> B", "B -> A");
        assertThat(dependencies(dir).get("c")).isNull();
    }

    /** package → package it uses → the class-level references ({@code From -> To}) that make it. */
    static Map<String, Map<String, Set<String>>> dependencies(Path root) throws IOException {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = root.relativize(file).getName(0).toString();
                String name = file.getFileName().toString().replace(".java", "");
                Matcher m = REFERENCE.matcher(code(Files.readString(file)));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        graph.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(m.group(1), k -> new TreeSet<>())
                                .add(name + " -> " + m.group(2));
                    }
                }
            }
        }
        return graph;
    }

    /** The source without comments, string literals and its package line. */
    private static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "").replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("(?m)^package [^;]+;", "");
    }

    /** Each group of packages that reach each other (Tarjan's strongly connected components), described. */
    static List<String> loops(Map<String, Map<String, Set<String>>> graph) {
        List<String> loops = new ArrayList<>();
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        for (String p : graph.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, graph, index, low, stack, loops);
            }
        }
        return loops;
    }

    private static void connect(String p, Map<String, Map<String, Set<String>>> graph, Map<String, Integer> index,
            Map<String, Integer> low, List<String> stack, List<String> loops) {
        index.put(p, index.size());
        low.put(p, index.get(p));
        stack.add(p);
        for (String q : graph.getOrDefault(p, Map.of()).keySet()) {
            if (!index.containsKey(q)) {
                connect(q, graph, index, low, stack, loops);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (stack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            List<String> component = new ArrayList<>(stack.subList(stack.indexOf(p), stack.size()));
            stack.removeAll(component);
            if (component.size() > 1) {
                StringBuilder loop = new StringBuilder(String.join(" <-> ", new TreeSet<>(component)) + ":");
                for (String a : component) {
                    graph.get(a).forEach((b, refs) -> {
                        if (component.contains(b)) {
                            loop.append("\n  ").append(a).append(" -> ").append(b).append(": ").append(refs);
                        }
                    });
                }
                loops.add(loop.toString());
            }
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
