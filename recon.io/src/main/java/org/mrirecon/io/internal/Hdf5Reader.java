package org.mrirecon.io.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mrirecon.io.DataFormat;
import org.mrirecon.io.DataFormatException;
import org.mrirecon.data.Dataset;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/** Tells ISMRMRD from fastMRI HDF5 by the datasets a file holds, and hands it to that reader. */
public final class Hdf5Reader {

    private Hdf5Reader() {
    }

    public static DataFormat format(Path file) throws DataFormatException {
        try (HdfFile hdf = Hdf5.open(file, size(file))) {
            return ismrmrdGroup(hdf) != null ? DataFormat.ISMRMRD : requireFastMri(file, hdf);
        } catch (RuntimeException e) {
            throw Hdf5.corrupt(file, "its HDF5 structure cannot be read", e);
        }
    }

    public static Dataset read(Path file, long limit) throws DataFormatException {
        long size = size(file);
        try (HdfFile hdf = Hdf5.open(file, size)) {
            String group = ismrmrdGroup(hdf);
            if (group != null) {
                return IsmrmrdReader.read(file, hdf, group, limit, size);
            }
            requireFastMri(file, hdf);
            return FastMriReader.read(file, hdf, limit, size);
        } catch (RuntimeException e) {
            throw Hdf5.corrupt(file, "its HDF5 content cannot be read", e);
        }
    }

    private static long size(Path file) throws DataFormatException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot be read (" + e + ")", "check the path and permissions", e);
        }
    }

    /** The group holding ISMRMRD's xml and data datasets ({@code dataset} by default, any name allowed). */
    private static String ismrmrdGroup(HdfFile hdf) {
        if (Hdf5.dataset(hdf, "/dataset/xml") != null && Hdf5.dataset(hdf, "/dataset/data") != null) {
            return "/dataset";
        }
        for (Node n : hdf.getChildren().values()) {
            if (n instanceof Group && Hdf5.dataset(hdf, n.getPath() + "xml") != null
                    && Hdf5.dataset(hdf, n.getPath() + "data") != null) {
                return "/" + n.getName();
            }
        }
        return null;
    }

    private static DataFormat requireFastMri(Path file, HdfFile hdf) throws DataFormatException {
        if (Hdf5.dataset(hdf, "kspace") == null) {
            throw new DataFormatException(file, "HDF5 file with neither ISMRMRD's /dataset/xml + /dataset/data nor "
                    + "fastMRI's kspace (it holds " + hdf.getChildren().keySet() + ")",
                    "give an ISMRMRD or fastMRI file; other HDF5 layouts are not read");
        }
        return DataFormat.FASTMRI;
    }
}
