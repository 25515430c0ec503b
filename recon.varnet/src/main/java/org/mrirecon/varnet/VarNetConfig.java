package org.mrirecon.varnet;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration (PID {@value VarNetReconstructor#PID}): which model the method runs by default, and its threads. */
@ObjectClassDefinition(name = "E2E VarNet (ONNX)", description = "Default model and threads of the VarNet method")
public @interface VarNetConfig {

    @AttributeDefinition(name = "Model", description = "Model package folder or .zip (manifest.json + graphs), or "
            + "a whole-graph .onnx with fastMRI's interface; empty: the model bundled with recon.varnet")
    String model() default "";

    @AttributeDefinition(name = "Threads", description = "ONNX Runtime intra-op threads per session; 0: one per "
            + "physical core", min = "0", max = "256")
    int threads() default 0;
}
