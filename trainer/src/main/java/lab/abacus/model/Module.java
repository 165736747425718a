package lab.abacus.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every block here: parameters get their shape and initializer when declared, so a whole model can
 * be counted without allocating and initialized by walking {@link #getParameters()}. Blocks are run through
 * their typed {@code apply} methods, not DJL's generic {@code forward(NDList)}, because the positional
 * schemes, recurrences and KV cache need more than an NDList.
 */
abstract class Module extends AbstractBlock {

    private final Map<String, Block> named = new LinkedHashMap<>();

    /** Adds a child block under {@code name} (parameter names become {@code name_param}). */
    protected <B extends Block> B child(String name, B block) {
        named.put(name, block);
        return addChildBlock(name, block);
    }

    /**
     * Every parameter under a clean hierarchical name such as {@code layer00_attention_qkv_weight} (DJL's own
     * listing prefixes child names with their ordinal, e.g. {@code 02layer00_01attention_01qkv_weight}).
     */
    @Override
    public ParameterList getParameters() {
        ParameterList all = getDirectParameters();
        for (Map.Entry<String, Block> c : named.entrySet()) {
            for (Pair<String, Parameter> p : c.getValue().getParameters()) {
                all.add(c.getKey() + "_" + p.getKey(), p.getValue());
            }
        }
        return all;
    }

    /** Declares a trainable parameter of a fixed shape. */
    protected Parameter param(String name, Shape shape, Initializer init) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(init)
                .build());
    }

    /** Declares a frozen parameter: counted and saved like the reference's requires_grad=False tensor. */
    protected Parameter frozen(String name, Shape shape, Initializer init) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(init)
                .optRequiresGrad(false)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + ": use LanguageModel.forward");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + ": use LanguageModel.forward");
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        getChildren().values().forEach(b -> b.initialize(manager, dataType, inputShapes));
    }
}
