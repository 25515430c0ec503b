package org.mrirecon.io.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
            return ismrmrdGroup(file, hdf) != null ? DataFormat.ISMRMRD : requireFastMri(file, hdf);
        } catch (RuntimeException e) {
            throw Hdf5.corrupt(file, "its HDF5 structure cannot be read", e);
        }
    }

    public static Dataset read(Path file, long limit) throws DataFormatException {
        long size = size(file);
        try (HdfFile hdf = Hdf5.open(file, size)) {
            String group = ismrmrdGroup(file, hdf);
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

    /**
     * The group holding ISMRMRD's xml and data datasets ({@code dataset} by default, any name allowed), or null
     * when the file is not ISMRMRD. A group with the XML header but no acquisitions is an error: an ISMRMRD file of
     * images or of the header alone holds no raw data.
     */
    private static String ismrmrdGroup(Path file, HdfFile hdf) throws DataFormatException {
        String withXmlOnly = null;
        List<String> groups = new ArrayList<>();
        groups.add("/dataset");
        for (Node n : hdf.getChildren().values()) {
            if (n instanceof Group && !n.getName().equals("dataset")) {
                groups.add("/" + n.getName());
            }
        }
        for (String g : groups) {
            if (Hdf5.dataset(file, hdf, g + "/xml") == null) {
                continue;
            }
            if (Hdf5.dataset(file, hdf, g + "/data") != null) {
                return g;
            }
            withXmlOnly = withXmlOnly == null ? g : withXmlOnly;
        }
        if (withXmlOnly != null && Hdf5.dataset(file, hdf, "kspace") == null) {
            Node g = hdf.getByPath(withXmlOnly);
            Set<String> held = g instanceof Group ? ((Group) g).getChildren().keySet() : Set.of();
            throw new DataFormatException(file, "ISMRMRD header " + withXmlOnly + "/xml without acquisitions ("
                    + withXmlOnly + "/data is missing; the group holds " + held + ")", "an ISMRMRD file of images or "
                    + "of the header alone holds no raw data: give the scan's raw-data file");
        }
        return null;
    }

    private static DataFormat requireFastMri(Path file, HdfFile hdf) throws DataFormatException {
        if (Hdf5.dataset(file, hdf, "kspace") == null) {
            throw new DataFormatException(file, "HDF5 file with neither ISMRMRD's /dataset/xml + /dataset/data nor "
                    + "fastMRI's kspace (it holds " + hdf.getChildren().keySet() + ")",
                    "give an ISMRMRD or fastMRI file; other HDF5 layouts are not read");
        }
        return DataFormat.FASTMRI;
    }
}
