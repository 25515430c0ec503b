package org.mrirecon.cs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mrirecon.api.Acquisition;
import org.mrirecon.cs.bench.MapAgreement;
import org.mrirecon.numerics.sens.Espirit;
import org.mrirecon.numerics.sens.SensitivityMaps;

/** ESPIRiT (shared numerics) against the knee phantom's simulated coil sensitivities. */
class EspiritPhantomTest {

    @Test
    void mapsReproduceTheSimulatedCoils() {
        PhantomFixture knee = new PhantomFixture(8);
        Acquisition a = knee.acquisition(4, 20);
        SensitivityMaps maps = Espirit.estimate(a.kspace(), a.pattern());
        float[][] truth = knee.slice.sensitivities();
        boolean[] object = knee.object();
        boolean[] second = MapAgreement.kept(MapAgreement.set(maps, 1));
        boolean[] one = new boolean[object.length];
        boolean[] two = new boolean[object.length];
        boolean[] first = MapAgreement.kept(MapAgreement.set(maps, 0));
        for (int i = 0; i < one.length; i++) {
            one[i] = object[i] && first[i] && !second[i];
            two[i] = object[i] && second[i];
        }
        double single = MapAgreement.commonPhase(maps, truth, one);
        double span = MapAgreement.outsideSpan(new float[][][] {MapAgreement.set(maps, 0), MapAgreement.set(maps, 1)}, truth, two);
        System.out.printf("ESPIRiT vs phantom coils, 128x128x8 at 4x/20: one-set region error %.4f, two-set region "
                + "outside span %.4f%n", single, span);
        assertTrue(single < 0.08, "map error " + single);
        assertTrue(span < 0.05, "two-set span error " + span);
    }
}
