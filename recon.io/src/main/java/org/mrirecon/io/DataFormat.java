package org.mrirecon.io;

/** The raw-data formats {@link Readers} recognises, each by its content. */
public enum DataFormat {
    /** ISMRMRD / MRD HDF5: {@code /dataset/xml} header and {@code /dataset/data} acquisitions. */
    ISMRMRD("ISMRMRD HDF5 (/dataset/xml + /dataset/data)"),
    /** fastMRI HDF5: {@code kspace}, {@code ismrmrd_header}, optionally {@code reconstruction_rss}. */
    FASTMRI("fastMRI HDF5 (kspace + ismrmrd_header)"),
    /** BART {@code .cfl} data with its {@code .hdr} text header. */
    BART("BART .cfl/.hdr"),
    /** NumPy {@code .npy} array or {@code .npz} archive with a {@code kspace} entry. */
    NUMPY("NumPy .npy/.npz");

    private final String description;

    DataFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** All formats' descriptions, for messages that list what is supported. */
    public static String supported() {
        StringBuilder s = new StringBuilder();
        for (DataFormat f : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(f.description);
        }
        return s.toString();
    }
}
