package lab.abacus.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * AdamW with decoupled weight decay, written out rather than DJL's (whose decay is one value for all parameters and
 * whose state cannot be saved): for each trainable parameter p with gradient g (already scaled by the clipping
 * coefficient c), step t ≥ 1,
 * <pre>
 *   p ← p · (1 − lr·wd)                 only where decays(name) (not norms, not biases)
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
 *   p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + eps)
 * </pre>
 * which is PyTorch's {@code torch.optim.AdamW} (the reference's optimizer) operation for operation.
 *
 * <p>DJL rules (platform-notes): updates run outside any GradientCollector, so grad mode is off and in-place
 * updates of leaf parameters are allowed; no scalar here takes part in a backward graph. Temporaries of one update
 * live in a per-update sub-manager that is closed at once; gradients are zeroed after the update (they accumulate
 * otherwise). The moments live in the optimizer's own manager and are saved with {@link #save}.
 */
public final class AdamW implements AutoCloseable {

    private final List<String> names = new ArrayList<>();
    private final List<Parameter> params = new ArrayList<>();
    private final List<Boolean> decay = new ArrayList<>();
    private final NDManager manager;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long t;

    /**
     * @param parameters every parameter of the model; those that do not require a gradient are skipped
     * @param decays     whether a parameter (by name) gets weight decay
     */
    public AdamW(
            PairList<String, Parameter> parameters,
            Predicate<String> decays,
            double beta1,
            double beta2,
            double eps,
            double weightDecay,
            NDManager parent) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (Pair<String, Parameter> p : parameters) {
            if (!p.getValue().requiresGradient()) {
                continue;
            }
            NDArray w = p.getValue().getArray();
            names.add(p.getKey());
            params.add(p.getValue());
            decay.add(decays.test(p.getKey()));
            m.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            v.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
    }

    /** Optimizer steps taken. */
    public long steps() {
        return t;
    }

    /** Names of the trainable parameters, in update order. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** Whether the named trainable parameter is decayed. */
    public boolean decays(String name) {
        int i = names.indexOf(name);
        return i >= 0 && decay.get(i);
    }

    /** Global L2 norm of all gradients, √Σ‖g‖² (summed in float64, one host sync). */
    public double gradientNorm() {
        return globalNorm(true);
    }

    /** Global L2 norm of the trainable parameters. */
    public double weightNorm() {
        return globalNorm(false);
    }

    private double globalNorm(boolean gradients) {
        try (NDScope scope = new NDScope()) {
            NDArray total = null;
            for (Parameter p : params) {
                NDArray x = gradients ? p.getArray().getGradient() : p.getArray();
                NDArray s = x.square().sum().toType(DataType.FLOAT64, false);
                total = total == null ? s : total.add(s);
            }
            return total == null ? 0 : Math.sqrt(total.getDouble());
        }
    }

    /**
     * One AdamW step with learning rate {@code lr}; gradients are multiplied by {@code gradScale} first (the clipping
     * coefficient, 1 for none). Zeroes the gradients afterwards.
     */
    public void step(double lr, double gradScale) {
        t++;
        double bc1 = 1 - Math.pow(beta1, (double) t);
        double bc2 = 1 - Math.pow(beta2, (double) t);
        double stepSize = lr / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            // The scope closes every array created inside (gradient wrapper, temporaries); in-place results are the
            // long-lived w, m, v themselves and are not closed.
            try (NDScope scope = new NDScope()) {
                NDArray g = w.getGradient();
                if (gradScale != 1.0) {
                    g = g.mul((float) gradScale);
                }
                if (decay.get(i) && weightDecay != 0) {
                    w.muli((float) (1 - lr * weightDecay));
                }
                NDArray mi = m.get(i);
                NDArray vi = v.get(i);
                mi.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
                vi.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
                NDArray denom = vi.sqrt().divi((float) sqrtBc2).addi((float) eps);
                w.subi(mi.div(denom).muli((float) stepSize));
            }
            JniUtils.zeroGrad((PtNDArray) w);
        }
    }

    /** Zero every gradient without updating (e.g. after a skipped step). */
    public void zeroGradients() {
        for (Parameter p : params) {
            JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
    }

    /** Write t and both moments of every parameter (with names, for checking on load). */
    public void save(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(0xADA3);
        data.writeLong(t);
        data.writeInt(names.size());
        for (String n : names) {
            data.writeUTF(n);
        }
        data.flush();
        NDList list = new NDList();
        for (int i = 0; i < names.size(); i++) {
            list.add(m.get(i));
            list.add(v.get(i));
        }
        list.encode(out);
        out.flush();
    }

    /** Restore what {@link #save} wrote; the parameter names must match. */
    public void load(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != 0xADA3) {
            throw new IOException("not an AdamW state stream");
        }
        long steps = data.readLong();
        int n = data.readInt();
        List<String> saved = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            saved.add(data.readUTF());
        }
        if (!saved.equals(names)) {
            throw new IOException("optimizer state is for other parameters: " + saved + " vs " + names);
        }
        NDList list = NDList.decode(manager, in);
        if (list.size() != 2 * n) {
            throw new IOException("optimizer state has " + list.size() + " arrays, expected " + 2 * n);
        }
        for (int i = 0; i < n; i++) {
            replace(m, i, list.get(2 * i));
            replace(v, i, list.get(2 * i + 1));
        }
        t = steps;
    }

    private void replace(List<NDArray> state, int i, NDArray loaded) throws IOException {
        NDArray old = state.get(i);
        if (!old.getShape().equals(loaded.getShape())) {
            throw new IOException("optimizer state of " + names.get(i) + " has shape " + loaded.getShape()
                    + ", expected " + old.getShape());
        }
        NDArray onDevice = loaded.toDevice(old.getDevice(), false);
        if (onDevice != loaded) {
            loaded.close();
        }
        state.set(i, onDevice);
        old.close();
    }

    @Override
    public void close() {
        manager.close();
    }
}
