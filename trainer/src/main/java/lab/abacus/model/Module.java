package lab.abacus.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Base of every block here: parameters get their shape and initializer when declared, so a whole model can
 * be counted without allocating and initialized by walking {@link #getParameters()}. Blocks are run through
 * their typed {@code apply} methods, not DJL's generic {@code forward(NDList)}, because the positional
 * schemes, recurrences and KV cache need more than an NDList.
 */
abstract class Module extends AbstractBlock {

    /** Declares a trainable parameter of a fixed shape. */
    protected Parameter param(String name, Shape shape, Initializer init) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(shape).optInitializer(init).build());
    }

    /** Declares a frozen parameter: counted and saved like the reference's requires_grad=False tensor. */
    protected Parameter frozen(String name, Shape shape, Initializer init) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(shape).optInitializer(init).optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
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
