package org.mrirecon.io.ismrmrd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one ISMRMRD XML header parser that the file readers and the MRD server share. */
class IsmrmrdHeaderTest {

    private static final String FIX = "repair or re-export the ISMRMRD header";

    /** A header as ISMRMRD's schema writes it, with a namespace and a readout oversampled 2x. */
    private static final String HEADER = """
            <?xml version="1.0"?>
            <ismrmrdHeader xmlns="http://www.ismrm.org/ISMRMRD">
              <measurementInformation><protocolName>knee PD</protocolName></measurementInformation>
              <acquisitionSystemInformation><receiverChannels>15</receiverChannels></acquisitionSystemInformation>
              <encoding>
                <encodedSpace><matrixSize><x>640</x><y>368</y><z>1</z></matrixSize>
                  <fieldOfView_mm><x>280</x><y>161</y><z>3</z></fieldOfView_mm></encodedSpace>
                <reconSpace><matrixSize><x>320</x><y>320</y><z>1</z></matrixSize>
                  <fieldOfView_mm><x>140</x><y>140</y><z>3.5</z></fieldOfView_mm></reconSpace>
                <trajectory>cartesian</trajectory>
                <encodingLimits>
                  <kspace_encoding_step_1><minimum>0</minimum><maximum>367</maximum><center>184</center>
                  </kspace_encoding_step_1>
                  <slice><minimum>0</minimum><maximum>34</maximum><center>0</center></slice>
                  <average><minimum>0</minimum><maximum>1</maximum><center>0</center></average>
                </encodingLimits>
                <parallelImaging><accelerationFactor><kspace_encoding_step_1>2</kspace_encoding_step_1>
                  <kspace_encoding_step_2>1</kspace_encoding_step_2></accelerationFactor>
                  <calibrationMode>embedded</calibrationMode></parallelImaging>
                <echoTrainLength>4</echoTrainLength>
              </encoding>
              <sequenceParameters><TR>2800</TR><TE>27</TE></sequenceParameters>
            </ismrmrdHeader>
            """;

    @Test
    void readsWhatFilesAndStreamsNeed() throws InvalidHeaderException {
        IsmrmrdHeader h = IsmrmrdHeader.parse("dataset /dataset/xml", FIX, HEADER);
        assertEquals(640, h.encodedX);
        assertEquals(368, h.encodedY);
        assertEquals(1, h.encodedZ);
        assertEquals(320, h.reconX);
        assertEquals(140.0, h.reconFovX);
        assertEquals(140.0, h.reconFovY);
        assertEquals(3.5, h.reconFovZ);
        assertEquals(3.0, h.encodedFovZ);
        assertEquals(184, h.step1Center);
        assertEquals(1, h.averageMaximum);
        assertEquals(Map.of("slice", 34), h.counterMaximum);
        assertEquals("cartesian", h.trajectory);
        assertEquals(2, h.accelerationStep1);
        assertEquals("embedded", h.calibrationMode);
        assertEquals(4, h.echoTrainLength);
        assertEquals(15, h.receiverChannels);
        assertEquals(2800.0, h.repetitionTimeMs);
        assertEquals("knee PD", h.protocolName);
        assertEquals(1, h.encodings);
        assertEquals(320, h.outputX(), "reconSpace x below encodedSpace x: the oversampling is removed");
        assertEquals(320, h.outputY(), "reconSpace y, at most the encoded lines");
        assertEquals(184, h.centreLine());
    }

    @Test
    void absentElementsAreNullAndTheDerivedSizesFallBack() throws InvalidHeaderException {
        IsmrmrdHeader h = IsmrmrdHeader.parse("s", FIX, "<ismrmrdHeader><encoding><encodedSpace><matrixSize>"
                + "<x>128</x><y>96</y></matrixSize></encodedSpace></encoding></ismrmrdHeader>");
        assertNull(h.reconX);
        assertNull(h.repetitionTimeMs);
        assertNull(h.receiverChannels);
        assertTrue(h.counterMaximum.isEmpty());
        assertEquals(128, h.outputX());
        assertEquals(96, h.outputY());
        assertEquals(48, h.centreLine());
    }

    @Test
    void namesTheSourceTheProblemAndTheFix() {
        InvalidHeaderException notXml = assertThrows(InvalidHeaderException.class,
                () -> IsmrmrdHeader.parse("the METADATA_XML message", FIX, "hello"));
        assertTrue(notXml.problem().startsWith("the METADATA_XML message is not well-formed XML"), notXml.problem());
        assertEquals(FIX, notXml.fix(), "the caller's advice for text that is no header");
        assertTrue(notXml.getMessage().endsWith(": " + FIX));

        InvalidHeaderException other = assertThrows(InvalidHeaderException.class,
                () -> IsmrmrdHeader.parse("dataset /dataset/xml", FIX, "<foo/>"));
        assertEquals("dataset /dataset/xml is XML but its root is <foo>, not <ismrmrdHeader>", other.problem());

        InvalidHeaderException word = assertThrows(InvalidHeaderException.class, () -> IsmrmrdHeader.parse("s", FIX,
                "<ismrmrdHeader><encoding><encodedSpace><matrixSize><x>sixteen</x></matrixSize></encodedSpace>"
                        + "</encoding></ismrmrdHeader>"));
        assertEquals("ISMRMRD header element encodedSpace/matrixSize/x is 'sixteen', not a number", word.problem());

        InvalidHeaderException fraction = assertThrows(InvalidHeaderException.class, () -> IsmrmrdHeader.parse("s", FIX,
                "<ismrmrdHeader><encoding><echoTrainLength>2.5</echoTrainLength></encoding></ismrmrdHeader>"));
        assertTrue(fraction.problem().endsWith("is '2.5', not an integer"), fraction.problem());

        InvalidHeaderException infinite = assertThrows(InvalidHeaderException.class, () -> IsmrmrdHeader.parse("s", FIX,
                "<ismrmrdHeader><sequenceParameters><TR>Infinity</TR></sequenceParameters></ismrmrdHeader>"));
        assertTrue(infinite.problem().endsWith("is 'Infinity', not a finite number"), infinite.problem());
    }

    @Test
    void refusesDocumentTypesSoNoEntityIsResolved() {
        String xxe = "<!DOCTYPE h [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ismrmrdHeader>&e;</ismrmrdHeader>";
        InvalidHeaderException e = assertThrows(InvalidHeaderException.class, () -> IsmrmrdHeader.parse("s", FIX, xxe));
        assertTrue(e.problem().contains("not well-formed XML"), e.problem());
    }
}
