package org.mrirecon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which slices a command uses: {@code N} alone is a count of central slices (of the phantom volume or of a file);
 * ranges and lists name slices by their numbers, e.g. {@code 10-20}, {@code 5,17} or {@code 3-5,9}.
 */
record SliceSelection(Integer count, List<Integer> numbers, boolean atMost) {

    /** Up to {@code n} central slices: all of them where there are fewer (a command's default, not the user's). */
    static SliceSelection atMost(int n) {
        return new SliceSelection(n, null, true);
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    static SliceSelection parse(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d+")) {
                int n = Integer.parseInt(t);
                if (n < 1) {
                    throw new UsageException("--slices must be at least 1, got " + n);
                }
                return new SliceSelection(n, null, false);
            }
            TreeSet<Integer> numbers = new TreeSet<>();
            for (String part : t.split(",", -1)) {
                String p = part.trim();
                int dash = p.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 0 || to < from) {
                    throw new NumberFormatException(p);
                }
                for (int i = from; i <= to; i++) {
                    numbers.add(i);
                }
            }
            if (numbers.isEmpty()) {
                throw new NumberFormatException(t);
            }
            return new SliceSelection(null, new ArrayList<>(numbers), false);
        } catch (NumberFormatException e) {
            throw new UsageException("--slices '" + text + "' is not a count (9), a range (10-20) or a list "
                    + "(5,17 or 3-5,9) of slice numbers");
        }
    }

    /**
     * The selected slice numbers among those available (ascending numbers, e.g. 0..34 of the phantom).
     *
     * @param what where the slices come from, for messages
     * @throws IllegalArgumentException if a count exceeds the slices there are or a number does not exist
     */
    List<Integer> select(List<Integer> available, String what) {
        if (count != null) {
            int count = atMost ? Math.min(this.count, available.size()) : this.count;
            if (count > available.size()) {
                throw new IllegalArgumentException("--slices " + count + ": " + what + " has only "
                        + available.size() + " slices");
            }
            int first = (available.size() - count) / 2;
            return available.subList(first, first + count);
        }
        for (int n : numbers) {
            if (!available.contains(n)) {
                throw new IllegalArgumentException("--slices: " + what + " has no slice " + n + "; its slices are "
                        + available.get(0) + "-" + available.get(available.size() - 1));
            }
        }
        return numbers;
    }
}
