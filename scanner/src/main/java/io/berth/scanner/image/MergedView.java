package io.berth.scanner.image;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a container sees of its layers, for the files something was found in: a value per path, layer over layer, as
 * the OCI image spec merges changesets. Within a layer, a whiteout {@code .wh.<name>} hides {@code <name>} (and what is
 * under it) of the layers below, an opaque marker {@code .wh..wh..opq} hides everything the layers below had in its
 * directory, and any entry hides what the layers below had at its own path (a file replacing a directory hides the
 * directory's content). None of that touches the same layer's own entries: they are applied when the layer ends.
 * Only paths that carry a value are kept, so memory follows what was found, not the number of files.
 *
 * @param <T> what is kept per path
 */
public final class MergedView<T> {
    private final NavigableMap<String, T> below = new TreeMap<>();
    private final Map<String, T> layer = new LinkedHashMap<>();
    private final Set<String> hidden = new HashSet<>();
    private final Set<String> hiddenTrees = new HashSet<>();

    /** An entry of this layer at {@code path}: whatever the layers below had there is gone. */
    public void replaced(String path, boolean directory) {
        if (below.containsKey(path)) {
            hidden.add(path);
        }
        if (!directory && !below.subMap(path + "/", path + "0").isEmpty()) {
            hiddenTrees.add(path + "/");
        }
    }

    /** A whiteout for {@code path}: it, and everything under it, of the layers below. */
    public void whiteout(String path) {
        hidden.add(path);
        hiddenTrees.add(path + "/");
    }

    /** An opaque directory: everything the layers below had under {@code dir}. */
    public void opaque(String dir) {
        hiddenTrees.add(dir.endsWith("/") ? dir : dir + "/");
    }

    /** This layer's value at {@code path} (what was found in the file there). */
    public void put(String path, T value) {
        layer.put(path, value);
    }

    /** The value at {@code path} in this layer so far, else in the layers below (a hard link's target); null if none. */
    public T get(String path) {
        T value = layer.get(path);
        return value != null ? value : below.get(path);
    }

    /** The layer ends: its whiteouts apply to the layers below, then its values lie on top. */
    public void endLayer() {
        for (String path : hidden) {
            below.remove(path);
        }
        for (String tree : hiddenTrees) {
            below.subMap(tree, tree.substring(0, tree.length() - 1) + "0").clear();
        }
        below.putAll(layer);
        layer.clear();
        hidden.clear();
        hiddenTrees.clear();
    }

    /** Every path with its value, as the merged image has them (after {@link #endLayer()} of the top layer). */
    public Map<String, T> result() {
        return new TreeMap<>(below);
    }

    /** The paths in the merged view, sorted. */
    public List<String> paths() {
        return new ArrayList<>(below.keySet());
    }
}
