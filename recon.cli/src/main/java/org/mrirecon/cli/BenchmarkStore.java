package org.mrirecon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A benchmark's output folder: one committed JSON file per work unit (volume x trial) under {@code units/}, written
 * to a temporary name and renamed atomically, so a unit is either complete or absent, whatever kills the process; a
 * rerun finds the committed units and skips them. The tables (per slice, per volume) and the results are rebuilt
 * from the committed units after every run.
 */
final class BenchmarkStore {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path out;
    private final Path units;

    BenchmarkStore(Path out) throws IOException {
        this.out = out;
        this.units = Files.createDirectories(out.resolve("units"));
        // a temporary file is what a killed run left of a unit it had not committed: it never counts
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(units, ".tmp-*")) {
            for (Path p : tmp) {
                Files.deleteIfExists(p);
            }
        }
    }

    Path folder() {
        return out;
    }

    /** The file a unit is committed to; its name is derived from the unit's key, so reruns find it. */
    Path unitFile(String key) {
        return units.resolve(fileName(key) + ".json");
    }

    boolean committed(String key) {
        return Files.isRegularFile(unitFile(key));
    }

    /** Writes a unit whole under a temporary name, then renames it into place (atomic on one file system). */
    void commit(String key, ObjectNode unit) throws IOException {
        Path tmp = units.resolve(".tmp-" + fileName(key) + "-" + UUID.randomUUID() + ".json");
        Files.write(tmp, JSON.writeValueAsBytes(unit));
        try {
            Files.move(tmp, unitFile(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("the output folder " + out + " cannot rename files atomically; use a local folder",
                    e);
        }
    }

    /** Whether no unit is committed yet (without reading any). */
    boolean isEmpty() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(units, "*.json")) {
            for (Path f : files) {
                if (!f.getFileName().toString().startsWith(".tmp-")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every committed unit, by key order. */
    List<JsonNode> units() throws IOException {
        Map<String, JsonNode> byKey = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(units, "*.json")) {
            for (Path f : files) {
                if (!f.getFileName().toString().startsWith(".tmp-")) {
                    JsonNode n = JSON.readTree(f.toFile());
                    byKey.put(n.path("unit").asText(), n);
                }
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** slices.csv, volumes.csv and results.json from the committed units. */
    void writeTables(List<JsonNode> all, List<String> scoreKeys) throws IOException {
        StringBuilder slices = new StringBuilder("volume,trial,method,bundle,status,slice");
        StringBuilder volumes = new StringBuilder("volume,trial,method,bundle,status,slices,seconds_per_slice");
        for (String k : scoreKeys) {
            slices.append(',').append(k);
            volumes.append(',').append(k);
        }
        slices.append('\n');
        volumes.append(",error\n");
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode u : all) {
            String head = csv(u.path("volume").asText()) + "," + csv(u.path("trial").asText()) + ","
                    + csv(u.path("method").asText()) + "," + csv(u.path("bundle").asText()) + ","
                    + u.path("status").asText();
            JsonNode perSlice = u.path("slices");
            for (JsonNode s : perSlice) {
                slices.append(head).append(',').append(s.path("slice").asInt());
                for (String k : scoreKeys) {
                    slices.append(',').append(number(s.path("scores").path(k)));
                }
                slices.append('\n');
            }
            volumes.append(head).append(',').append(perSlice.size()).append(',')
                    .append(number(u.path("secondsPerSlice")));
            for (String k : scoreKeys) {
                volumes.append(',').append(number(u.path("volumeScores").path(k)));
            }
            volumes.append(',').append(csv(u.path("error").asText(""))).append('\n');
            results.add(u);
        }
        Files.writeString(out.resolve("slices.csv"), slices, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("volumes.csv"), volumes, StandardCharsets.UTF_8);
        Files.write(out.resolve("results.json"), JSON.writeValueAsBytes(results));
    }

    void writeJson(String name, Object value) throws IOException {
        Path tmp = out.resolve(".tmp-" + name);
        Files.write(tmp, JSON.writeValueAsBytes(value));
        Files.move(tmp, out.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void writeText(String name, String text) throws IOException {
        Files.writeString(out.resolve(name), text, StandardCharsets.UTF_8);
    }

    static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }

    private static String number(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.6g", n.asDouble()) : "";
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A readable, collision-free file name: the key's safe characters and a hash of the whole key. */
    static String fileName(String key) {
        String safe = key.replaceAll("[^A-Za-z0-9._@-]+", "_");
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return safe + "-" + String.format("%08x", key.hashCode());
    }
}
