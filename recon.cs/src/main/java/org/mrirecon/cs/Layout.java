package org.mrirecon.cs;

/**
 * Moves complex images between the API's row-major {@code [y][x]} layout and the solver's column layout
 * {@code [x][y]} on a grid that may be padded beyond the image (padding is zero).
 */
final class Layout {

    private Layout() {
    }

    /** Row-major {@code rows x cols} to column-major (the transpose), same size. */
    static float[] transpose(float[] image, int rows, int cols) {
        return toGrid(image, rows, cols, rows, cols);
    }

    /** Row-major {@code rows x cols} image into a zero-padded column-major {@code gridCols x gridRows} grid. */
    static float[] toGrid(float[] image, int rows, int cols, int gridRows, int gridCols) {
        float[] out = new float[2 * gridRows * gridCols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                out[2 * (x * gridRows + y)] = image[2 * (y * cols + x)];
                out[2 * (x * gridRows + y) + 1] = image[2 * (y * cols + x) + 1];
            }
        }
        return out;
    }

    /** The inverse of {@link #toGrid}: crops the grid back to a row-major {@code rows x cols} image. */
    static float[] fromGrid(float[] grid, int rows, int cols, int gridRows) {
        float[] out = new float[2 * rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                out[2 * (y * cols + x)] = grid[2 * (x * gridRows + y)];
                out[2 * (y * cols + x) + 1] = grid[2 * (x * gridRows + y) + 1];
            }
        }
        return out;
    }
}
