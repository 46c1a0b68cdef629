package io.berth.scanner.inventory;

import io.berth.scanner.image.LayerWalker;
import io.berth.scanner.image.ScanLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Every analyzer, and the one {@link LayerWalker.FileHandler} that hands each file to the first that accepts it. An
 * analyzer gets the file's stream guarded against closing: closing it (a JSON parser does) must not close the layer.
 */
public final class Analyzers implements LayerWalker.FileHandler<FileFindings> {
    private final List<Analyzer> analyzers;
    private final ScanLimits limits;

    /** @param workDir the scan's own directory, for the analyzers that need a file (SQLite rpmdb) */
    public Analyzers(ScanLimits limits, Path workDir) {
        this.limits = limits;
        this.analyzers = List.of(new OsReleaseAnalyzer(), new DpkgStatusAnalyzer(), new ApkInstalledAnalyzer(), new RpmDbAnalyzer(workDir),
                new JavaArchiveAnalyzer(), new NpmAnalyzer(), new PythonMetadataAnalyzer(), new GoBinaryAnalyzer());
    }

    /** A stream whose {@code close} does nothing: the layer's tar stream goes on after the file. */
    static final class Unclosed extends java.io.FilterInputStream {
        Unclosed(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    @Override
    public FileFindings file(String path, long size, boolean executable, InputStream content) throws IOException {
        for (Analyzer analyzer : analyzers) {
            if (analyzer.accepts(path, size, executable)) {
                FileFindings findings = analyzer.analyze(path, new Unclosed(content), limits);
                return findings.isEmpty() ? null : findings;
            }
        }
        return null;
    }
}
