package org.mrirecon.varnet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where the files of a model package come from: a folder, a zip file or the bundle's own resources. Every graph is
 * read through {@link #verified(String, String)} so that a damaged or swapped file is caught before ONNX Runtime
 * sees it.
 */
abstract class ModelFiles {

    /** Reads one file of the package. */
    abstract byte[] read(String name) throws IOException;

    /** The package location, for messages. */
    abstract String location();

    static ModelFiles directory(Path dir) {
        return new ModelFiles() {
            @Override
            byte[] read(String name) throws IOException {
                return Files.readAllBytes(dir.resolve(name));
            }

            @Override
            String location() {
                return dir.toString();
            }
        };
    }

    static ModelFiles zip(Path zip) {
        return new ModelFiles() {
            @Override
            byte[] read(String name) throws IOException {
                try (ZipFile z = new ZipFile(zip.toFile())) {
                    ZipEntry e = entry(z, name);
                    if (e == null) {
                        throw new NoSuchFileException(name);
                    }
                    try (InputStream in = z.getInputStream(e)) {
                        return in.readAllBytes();
                    }
                }
            }

            @Override
            String location() {
                return zip.toString();
            }
        };
    }

    /** A zip may hold the package at its root or inside one top-level folder (as "zip -r pkg.zip pkg/" makes it). */
    private static ZipEntry entry(ZipFile z, String name) {
        ZipEntry e = z.getEntry(name);
        if (e != null) {
            return e;
        }
        return z.stream().filter(c -> c.getName().endsWith("/" + name) && c.getName().indexOf('/') == c.getName()
                .length() - name.length() - 1).findFirst().orElse(null);
    }

    /** Resources under {@code folder} of the class loader of {@code anchor} (the bundle itself in OSGi). */
    static ModelFiles resources(Class<?> anchor, String folder) {
        return new ModelFiles() {
            @Override
            byte[] read(String name) throws IOException {
                try (InputStream in = anchor.getResourceAsStream("/" + folder + "/" + name)) {
                    if (in == null) {
                        throw new NoSuchFileException(name);
                    }
                    return in.readAllBytes();
                }
            }

            @Override
            String location() {
                return "bundled " + folder;
            }
        };
    }

    /**
     * Reads a file and checks its SHA-256 against the manifest.
     *
     * @throws IllegalArgumentException naming the file if it is missing, unreadable or not the one the manifest lists
     */
    byte[] verified(String name, String expectedSha256) {
        byte[] bytes = readOrExplain(name);
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new IllegalArgumentException("model file " + name + " in " + location() + " has SHA-256 " + actual
                    + " but the manifest lists " + expectedSha256
                    + ": the file is damaged or belongs to another model; re-export the package");
        }
        return bytes;
    }

    /** Reads a file, turning I/O problems into a message that names the file and the package. */
    byte[] readOrExplain(String name) {
        try {
            return read(name);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model package " + location() + " has no file " + name, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + name + " from model package " + location() + ": "
                    + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
