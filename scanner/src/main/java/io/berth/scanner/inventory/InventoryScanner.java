package io.berth.scanner.inventory;

import io.berth.common.client.OciClient;
import io.berth.scanner.image.Descriptor;
import io.berth.scanner.image.ImageManifest;
import io.berth.scanner.image.ImagePuller;
import io.berth.scanner.image.LayerWalker;
import io.berth.scanner.image.MergedView;
import io.berth.scanner.image.ScanLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inventories one image: pulls it layer by layer, hands each file to the {@link Analyzers}, keeps what they found in
 * the layers' {@link MergedView}, and turns what the merged image still holds into {@link InstalledPackage}s.
 */
public final class InventoryScanner {
    private final ScanLimits limits;

    public InventoryScanner(ScanLimits limits) {
        this.limits = limits;
    }

    /** @param workDir the scan's own directory: analyzers that need a file write it there (and delete it) */
    public Inventory scan(OciClient client, String repository, String digest, Path workDir) {
        ImagePuller puller = new ImagePuller(client, repository);
        ImageManifest manifest = puller.manifest(digest);
        ImagePuller.Platform platform = puller.platform(manifest);
        MergedView<Found> view = new MergedView<>();
        Analyzers analyzers = new Analyzers(limits, workDir);
        long bytes = puller.layers(manifest, (Descriptor layer, java.io.InputStream tar) ->
                LayerWalker.walk(tar, view, (path, size, executable, content) -> {
                    FileFindings findings = analyzers.file(path, size, executable, content);
                    return findings == null ? null : new Found(findings, layer.digest());
                }));
        ImageRef image = new ImageRef(repository, manifest.digest(), manifest.mediaType(), platform.os(), platform.architecture());
        return build(image, view.result(), bytes);
    }

    /** What a file's analyzer found, and the layer the file came from. */
    record Found(FileFindings findings, String layerDigest) {}

    static Inventory build(ImageRef image, Map<String, Found> files, long bytes) {
        OsRelease os = null;
        for (String path : List.of(OsReleaseAnalyzer.ETC, OsReleaseAnalyzer.USR_LIB)) {
            Found f = files.get(path);
            if (os == null && f != null && f.findings().os() != null) {
                os = f.findings().os();
            }
        }
        List<InstalledPackage> packages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Found> file : files.entrySet()) { // sorted by path: the first place a package is found names it
            for (FoundPackage p : file.getValue().findings().packages()) {
                String ecosystem = PackageIdentity.ecosystem(p.type(), os);
                if (!seen.add(ecosystem + "\n" + p.name() + "\n" + p.version())) {
                    continue;
                }
                String path = p.inner() == null ? file.getKey() : file.getKey() + "!/" + p.inner();
                packages.add(new InstalledPackage(ecosystem, p.name(), p.version(),
                        p.sourceName() == null ? p.name() : p.sourceName(),
                        p.sourceVersion() == null ? p.version() : p.sourceVersion(),
                        PackageIdentity.purl(p, os), path, file.getValue().layerDigest()));
            }
        }
        packages.sort(Comparator.comparing(InstalledPackage::ecosystem).thenComparing(InstalledPackage::name)
                .thenComparing(InstalledPackage::version));
        return new Inventory(image, os, List.copyOf(packages), bytes);
    }
}
