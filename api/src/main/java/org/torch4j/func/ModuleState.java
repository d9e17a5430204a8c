package org.torch4j.func;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * functorch's {@code make_functional}, {@code make_functional_with_buffers} and
 * {@code combine_state_for_ensemble}: a module's parameters and buffers taken out as lists, beside the
 * function that puts them back for a call.
 */
final class ModuleState {
    private ModuleState() {}

    static FunctionalState makeFunctional(Module model, boolean disableAutogradTracking) {
        if (!model.buffers().isEmpty()) {
            throw new IllegalArgumentException("make_functional(model): `model` has buffers. Please use"
                    + " make_functional_with_buffers(model) instead.");
        }
        return extract(model, disableAutogradTracking, false);
    }

    static FunctionalState makeFunctionalWithBuffers(Module model, boolean disableAutogradTracking) {
        return extract(model, disableAutogradTracking, true);
    }

    /**
     * Copies of the parameters (functorch copies the model; tied parameters appear once, under their first
     * name) and of the buffers, so that changing them leaves the module alone.
     */
    private static FunctionalState extract(Module model, boolean disableAutogradTracking, boolean withBuffers) {
        List<String> paramNames = new ArrayList<>(), bufferNames = new ArrayList<>();
        List<Tensor> params = new ArrayList<>(), buffers = new ArrayList<>();
        for (Map.Entry<String, ? extends Tensor> e : model.namedParameters().entrySet()) {
            paramNames.add(e.getKey());
            Tensor p = e.getValue();
            params.add(p.detach().clone().requiresGrad_(p.requiresGrad() && !disableAutogradTracking));
        }
        if (withBuffers) {
            for (Map.Entry<String, Tensor> e : model.namedBuffers().entrySet()) {
                bufferNames.add(e.getKey());
                buffers.add(e.getValue().detach().clone());
            }
        }
        return new FunctionalState(new FunctionalModule(model, paramNames, bufferNames), params, buffers);
    }

    static FunctionalState combineStateForEnsemble(List<? extends Module> models) {
        if (models.isEmpty()) throw new IllegalArgumentException("combine_state_for_ensemble: Expected at least one model, got 0.");
        boolean training = models.get(0).isTraining();
        for (Module m : models) {
            if (m.isTraining() != training) {
                throw new IllegalArgumentException("combine_state_for_ensemble: Expected all models to have the same training/eval"
                        + " mode.");
            }
        }
        for (Module m : models) {
            if (m.getClass() != models.get(0).getClass()) {
                throw new IllegalArgumentException("combine_state_for_ensemble: Expected all models to be of the same class.");
            }
        }
        List<FunctionalState> each = new ArrayList<>();
        for (Module m : models) each.add(makeFunctionalWithBuffers(m, false));
        FunctionalState first = each.get(0);
        return new FunctionalState(first.fmodel(), stack(each, true), stack(each, false));
    }

    /** The i-th tensors of every model stacked, detached (as functorch's {@code transpose_stack}). */
    private static List<Tensor> stack(List<FunctionalState> each, boolean params) {
        List<Tensor> r = new ArrayList<>();
        int n = params ? each.get(0).params().size() : each.get(0).buffers().size();
        for (int i = 0; i < n; i++) {
            List<Tensor> shards = new ArrayList<>();
            for (FunctionalState s : each) shards.add(params ? s.params().get(i) : s.buffers().get(i));
            r.add(Torch.stack(shards, 0).detach());
        }
        return r;
    }
}
