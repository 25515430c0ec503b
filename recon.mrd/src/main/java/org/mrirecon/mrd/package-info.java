/**
 * The MRD streaming protocol (ISMRMRD over TCP, as spoken by Gadgetron and the FIRE-style python-ismrmrd-server):
 * a server that reconstructs streamed acquisitions with any deployed method, and a client that streams an ISMRMRD
 * file and collects the images.
 *
 * <ul>
 * <li>{@link org.mrirecon.mrd.MrdService} (an OSGi service) starts a {@link org.mrirecon.mrd.MrdServer} with
 * {@link org.mrirecon.mrd.ServerOptions}.</li>
 * <li>{@link org.mrirecon.mrd.MrdClient} streams an ISMRMRD HDF5 file and returns the
 * {@link org.mrirecon.mrd.MrdImage}s; {@link org.mrirecon.mrd.MrdImageFile} writes them as HDF5 and reads them
 * back.</li>
 * </ul>
 * See docs/streaming.md for the protocol as implemented, the slice assembly rules and the limits.
 */
@Export
@Version("1.0.0")
package org.mrirecon.mrd;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
