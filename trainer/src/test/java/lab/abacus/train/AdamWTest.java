package lab.abacus.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** AdamW against the update written out by hand in double precision (PyTorch's AdamW formula). */
class AdamWTest {

    private static final double B1 = 0.9;
    private static final double B2 = 0.98;
    private static final double EPS = 1e-8;
    private static final double WD = 0.5;

    @Test
    void matchesAHandComputedAdamWWithDecoupledDecayOnlyWhereAllowed() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w0 = {1f, -2f, 0.5f};
            float[] n0 = {1f, 1f, 1f};
            PairList<String, Parameter> params = new PairList<>();
            Parameter w = param(m, "block_linear_weight", w0);
            Parameter n = param(m, "block_norm_gamma", n0);
            Parameter frozen = Parameter.builder()
                    .setName("l0")
                    .setType(Parameter.Type.OTHER)
                    .optRequiresGrad(false)
                    .build();
            frozen.setArray(m.create(new float[] {512f}));
            params.add(w.getName(), w);
            params.add(n.getName(), n);
            params.add(frozen.getName(), frozen);
            AdamW opt = new AdamW(params, name -> !name.contains("norm"), B1, B2, EPS, WD, m);
            assertThat(opt.names()).containsExactly("block_linear_weight", "block_norm_gamma");

            double[] ew = toDouble(w0);
            double[] en = toDouble(n0);
            double[] mw = new double[3];
            double[] vw = new double[3];
            double[] mn = new double[3];
            double[] vn = new double[3];
            double[] c = {3, -1, 0.25};
            double lr = 0.1;
            double scale = 0.5;
            for (int t = 1; t <= 3; t++) {
                // loss = sum(c * w * w) + sum(c * n): grad_w = 2 c w, grad_n = c
                try (NDManager step = m.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray cw = step.create(new float[] {3f, -1f, 0.25f});
                    NDArray loss = cw.mul(w.getArray())
                            .mul(w.getArray())
                            .sum()
                            .add(cw.mul(n.getArray()).sum());
                    gc.backward(loss);
                }
                double[] gw = new double[3];
                double[] gn = new double[3];
                for (int i = 0; i < 3; i++) {
                    gw[i] = 2 * c[i] * ew[i] * scale;
                    gn[i] = c[i] * scale;
                }
                if (t == 1) {
                    double norm = 0;
                    for (int i = 0; i < 3; i++) {
                        norm += gw[i] * gw[i] / (scale * scale) + gn[i] * gn[i] / (scale * scale);
                    }
                    assertThat(opt.gradientNorm()).isCloseTo(Math.sqrt(norm), within(1e-5));
                }
                opt.step(lr, scale);
                adam(ew, gw, mw, vw, t, lr, true);
                adam(en, gn, mn, vn, t, lr, false);
                float[] gotW = w.getArray().toFloatArray();
                float[] gotN = n.getArray().toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertThat((double) gotW[i]).isCloseTo(ew[i], within(1e-5));
                    assertThat((double) gotN[i]).isCloseTo(en[i], within(1e-5));
                }
                // Gradients are zeroed after the update.
                assertThat(w.getArray().getGradient().abs().sum().getFloat()).isZero();
            }
            assertThat(frozen.getArray().getFloat()).isEqualTo(512f);

            // State round trip: a fresh optimizer loaded from the saved state continues identically.
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            opt.save(saved);
            AdamW copy = new AdamW(params, name -> !name.contains("norm"), B1, B2, EPS, WD, m);
            copy.load(new ByteArrayInputStream(saved.toByteArray()));
            assertThat(copy.steps()).isEqualTo(3);
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            copy.save(again);
            assertThat(again.toByteArray()).isEqualTo(saved.toByteArray());
        }
    }

    private static void adam(double[] p, double[] g, double[] m, double[] v, int t, double lr, boolean decay) {
        double bc1 = 1 - Math.pow(B1, t);
        double bc2 = 1 - Math.pow(B2, t);
        for (int i = 0; i < p.length; i++) {
            if (decay) {
                p[i] *= 1 - lr * WD;
            }
            m[i] = B1 * m[i] + (1 - B1) * g[i];
            v[i] = B2 * v[i] + (1 - B2) * g[i] * g[i];
            p[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + EPS);
        }
    }

    private static Parameter param(NDManager m, String name, float[] values) {
        Parameter p =
                Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        NDArray a = m.create(values);
        a.setRequiresGradient(true);
        p.setArray(a);
        return p;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
