package org.mrirecon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Raw data this JVM's file API cannot open (hdfs://, s3a://, gs://, ...): an engine that can read such paths — the
 * Spark engine, through Hadoop's FileSystem — registers how to list and how to fetch them ({@link BenchmarkUnits#
 * useRemoteFiles}); the benchmark then stages one volume at a time as a local temporary copy while it is read. The
 * functions are plain {@code java.util.function} types, so nothing of the engine's class loader is shared.
 */
final class RemoteFiles {

    /** A listed file: its URI as the engine names it, and its size. */
    record Listed(String uri, long bytes) {
        /** The file's name: the volume id, as for a local file. */
        String name() {
            String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
            return u.substring(u.lastIndexOf('/') + 1);
        }
    }

    private static volatile Function<String, String[]> lister;
    private static volatile Function<String, String> fetcher;
    /** SHA-256 of each staged file, by URI, computed on the staged copy (so a file is read once for it). */
    private static final Map<String, String> CHECKSUMS = new ConcurrentHashMap<>();

    private RemoteFiles() {
    }

    static void use(Function<String, String[]> list, Function<String, String> fetch) {
        lister = list;
        fetcher = fetch;
    }

    static boolean available() {
        return lister != null && fetcher != null;
    }

    /** The files of a folder or glob URI, sorted, from the engine's lister ("URI TAB BYTES" per file). */
    static List<Listed> list(String spec) {
        List<Listed> out = new ArrayList<>();
        for (String line : lister.apply(spec)) {
            int tab = line.lastIndexOf('\t');
            out.add(new Listed(line.substring(0, tab), Long.parseLong(line.substring(tab + 1))));
        }
        out.sort((a, b) -> a.uri().compareTo(b.uri()));
        return out;
    }

    /**
     * A local copy of the file (and, for BART's .cfl/.hdr pair, its partner beside it), to be deleted with
     * {@link #release}; its SHA-256 is taken on the way.
     */
    static Path stage(String uri) throws IOException {
        try {
            Path local = Path.of(fetcher.apply(uri));
            CHECKSUMS.computeIfAbsent(uri, u -> {
                try {
                    return BenchmarkCommand.sha256(local);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return local;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            throw new IOException("cannot fetch " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a staged copy (and its BART partner and the folder the engine made for it, when empty). */
    static void release(Path local) {
        try {
            String name = local.getFileName().toString();
            Files.deleteIfExists(local);
            for (String ext : new String[] {".cfl", ".hdr"}) {
                if (name.endsWith(".cfl") || name.endsWith(".hdr")) {
                    Files.deleteIfExists(local.resolveSibling(name.substring(0, name.length() - 4) + ext));
                }
            }
            try (var rest = Files.list(local.getParent())) {
                if (rest.findAny().isEmpty()) {
                    Files.deleteIfExists(local.getParent());
                }
            }
        } catch (IOException e) {
            // a temporary copy left behind: the engine's temporary folder is cleaned with its JVM
        }
    }

    /** The file's SHA-256: taken when it was staged, else by staging it once more. */
    static String sha256(String uri) throws IOException {
        String known = CHECKSUMS.get(uri);
        if (known != null) {
            return known;
        }
        release(stage(uri));
        return CHECKSUMS.get(uri);
    }
}
