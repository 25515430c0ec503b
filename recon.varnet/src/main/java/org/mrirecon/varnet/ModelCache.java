package org.mrirecon.varnet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loaded models by location and thread count, so that ONNX Runtime sessions are created once and reused by every
 * call. A model stays loaded until {@link #close()} (component deactivation); edit a package in place and the
 * change is seen after the component restarts.
 */
final class ModelCache implements AutoCloseable {

    private record Key(String location, int threads) {
    }

    private final Map<Key, VarNetModel> models = new ConcurrentHashMap<>();

    /**
     * The model at {@code location}, loading it on first use.
     *
     * @throws IllegalArgumentException if the model cannot be loaded (the message names what is wrong)
     */
    VarNetModel get(String location, int threads) {
        return models.computeIfAbsent(new Key(location.strip(), threads), k -> ModelLoader.load(k.location(),
                k.threads()));
    }

    @Override
    public void close() {
        models.values().forEach(VarNetModel::close);
        models.clear();
    }
}
