/**
 * A multinomial logistic-regression model over sparse binary features: the policy's statistical layer. Small
 * (a few hundred kilobytes of weights), pure and fast (a map lookup per feature), and explainable: the features
 * that pushed a message towards a class can be listed with their weights.
 */

export interface SerializedLinearModel {
    /** Class labels, in weight order ("answer" first). */
    classes: string[];
    bias: number[];
    /** Feature strings, one per row of the weight matrix. */
    features: string[];
    /** Row-major weights, features.length × classes.length, each quantised to an int8 times `scale`. */
    weights: string;
    /** Multiplier that turns the int8 weights back into floats. */
    scale: number;
    /** Provenance: what it was trained on and how (shown by `med42 policy --rules`). */
    trainedOn: string;
}

export interface ClassScores {
    /** Probability per class label. */
    probabilities: Record<string, number>;
    /** The most probable class. */
    top: string;
}

export class LinearModel {
    readonly classes: readonly string[];
    readonly trainedOn: string;
    private readonly bias: Float64Array;
    private readonly rows: Map<string, Float64Array>;

    constructor(classes: readonly string[], bias: ArrayLike<number>, rows: Map<string, Float64Array>, trainedOn = "") {
        if (bias.length !== classes.length) throw new Error("linear model: one bias per class expected");
        this.classes = classes;
        this.bias = Float64Array.from(bias);
        this.rows = rows;
        this.trainedOn = trainedOn;
    }

    static deserialize(m: SerializedLinearModel): LinearModel {
        const k = m.classes.length;
        const bytes = Buffer.from(m.weights, "base64");
        if (bytes.length !== m.features.length * k) throw new Error("linear model: weights do not match features × classes");
        const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
        const rows = new Map<string, Float64Array>();
        m.features.forEach((f, i) => {
            const row = new Float64Array(k);
            for (let c = 0; c < k; c++) row[c] = q[i * k + c] * m.scale;
            rows.set(f, row);
        });
        return new LinearModel(m.classes, m.bias, rows, m.trainedOn);
    }

    /** Quantises the weights (int8) for shipping; features whose weights all round to zero are dropped. */
    serialize(trainedOn: string): SerializedLinearModel {
        const k = this.classes.length;
        let max = 0;
        for (const row of this.rows.values()) for (const w of row) max = Math.max(max, Math.abs(w));
        const scale = max > 0 ? max / 127 : 1;
        const features: string[] = [];
        const q: number[] = [];
        for (const [f, row] of [...this.rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
            const ints = [...row].map((w) => Math.max(-127, Math.min(127, Math.round(w / scale))));
            if (ints.every((v) => v === 0)) continue;
            features.push(f);
            q.push(...ints);
        }
        if (q.length !== features.length * k) throw new Error("linear model: internal size mismatch");
        return {
            classes: [...this.classes], bias: [...this.bias].map((b) => Math.round(b * 1e4) / 1e4), features,
            weights: Buffer.from(Int8Array.from(q).buffer).toString("base64"), scale, trainedOn,
        };
    }

    /** Raw scores (logits) per class. */
    logits(features: readonly string[]): Float64Array {
        const z = Float64Array.from(this.bias);
        for (const f of features) {
            const row = this.rows.get(f);
            if (!row) continue;
            for (let c = 0; c < z.length; c++) z[c] += row[c];
        }
        return z;
    }

    score(features: readonly string[]): ClassScores {
        const z = this.logits(features);
        const max = Math.max(...z);
        let sum = 0;
        const e = z.map((v) => { const x = Math.exp(v - max); sum += x; return x; });
        const probabilities: Record<string, number> = {};
        let top = this.classes[0];
        this.classes.forEach((c, i) => {
            probabilities[c] = e[i] / sum;
            if (probabilities[c] > probabilities[top]) top = c;
        });
        return {probabilities, top};
    }

    /** The features that pushed most towards `cls` rather than `against` (default: the first class), strongest first. */
    evidence(features: readonly string[], cls: string, against = this.classes[0], limit = 5): {feature: string; weight: number}[] {
        const c = this.classes.indexOf(cls);
        const a = this.classes.indexOf(against);
        if (c < 0 || a < 0 || c === a) return [];
        const out: {feature: string; weight: number}[] = [];
        for (const f of features) {
            const row = this.rows.get(f);
            if (row) out.push({feature: f, weight: row[c] - row[a]});
        }
        return out.filter((e) => e.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, limit);
    }
}
