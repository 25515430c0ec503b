package org.mrirecon.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;

import scala.Tuple2;

/**
 * The benchmark's data read through Hadoop's FileSystem, so a Spark run takes -i from any path the cluster can read
 * (hdfs://, s3a://, gs://, abfs://, file:// ...): the driver lists, each executor stages one volume at a time into a
 * local temporary folder for the readers. Hadoop's configuration is the JVM's plus Spark's {@code spark.hadoop.*}
 * settings (credentials, endpoints), as Spark itself builds it.
 */
final class HadoopFiles {

    private HadoopFiles() {
    }

    /** The files of a folder, a glob's matches, or the file, as "URI TAB BYTES" lines (hidden files skipped). */
    static String[] list(String spec) {
        return withSparkLoader(() -> listHere(spec));
    }

    /** See {@link #list}; with Spark's class loader as the context (Hadoop finds its file systems through it). */
    private static String[] listHere(String spec) {
        try {
            Path p = new Path(spec);
            FileSystem fs = p.getFileSystem(configuration());
            List<String> out = new ArrayList<>();
            FileStatus[] matched = fs.globStatus(p);
            if (matched == null) {
                throw new IllegalArgumentException("-i " + spec + ": no such file or folder");
            }
            boolean glob = spec.contains("*") || spec.contains("?") || spec.contains("[") || spec.contains("{");
            for (FileStatus s : matched) {
                if (s.isDirectory() && !glob) {
                    for (FileStatus child : fs.listStatus(s.getPath())) {
                        add(child, out);
                    }
                } else {
                    add(s, out);
                }
            }
            return out.toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("-i " + spec + ": cannot list it: " + e.getMessage(), e);
        }
    }

    private static void add(FileStatus s, List<String> out) {
        String name = s.getPath().getName();
        if (s.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
            out.add(s.getPath().toUri() + "\t" + s.getLen());
        }
    }

    /**
     * Copies the file (and BART's .cfl/.hdr partner, which its reader needs beside it) into a new local temporary
     * folder; returns the local copy's path.
     */
    static String fetch(String uri) {
        return withSparkLoader(() -> fetchHere(uri));
    }

    private static String fetchHere(String uri) {
        try {
            Path src = new Path(uri);
            FileSystem fs = src.getFileSystem(configuration());
            java.nio.file.Path dir = Files.createTempDirectory("recon-stage");
            java.nio.file.Path local = dir.resolve(src.getName());
            copy(fs, src, local);
            String name = src.getName();
            if (name.endsWith(".cfl") || name.endsWith(".hdr")) {
                String partner = name.substring(0, name.length() - 4) + (name.endsWith(".cfl") ? ".hdr" : ".cfl");
                Path other = new Path(src.getParent(), partner);
                if (fs.exists(other)) {
                    copy(fs, other, dir.resolve(partner));
                }
            }
            return local.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(FileSystem fs, Path src, java.nio.file.Path dst) throws IOException {
        // the raw local file system: no .crc file beside the copy
        fs.copyToLocalFile(false, src, new Path(dst.toUri()), true);
    }

    /**
     * Runs with this class's loader as the thread's context loader: the calls come from inside the OSGi framework,
     * whose bundle loader is the context then, and Hadoop loads its file systems once per JVM through the context
     * loader; found through the bundle's, none would ever be found ("No FileSystem for scheme").
     */
    private static <T> T withSparkLoader(java.util.function.Supplier<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(HadoopFiles.class.getClassLoader());
        try {
            return work.get();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    private static Configuration configuration() {
        Configuration c = new Configuration();
        c.setClassLoader(HadoopFiles.class.getClassLoader());
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            for (Tuple2<String, String> kv : env.conf().getAll()) {
                if (kv._1().startsWith("spark.hadoop.")) {
                    c.set(kv._1().substring("spark.hadoop.".length()), kv._2());
                }
            }
        }
        return c;
    }
}
